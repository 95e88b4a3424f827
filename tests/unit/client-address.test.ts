import { describe, expect, it } from 'vitest';
import { addressKey } from '../../server/client-address';

describe('the key an address is limited by', () => {
  it('is one IPv4 address however it is spelt', () => {
    expect(addressKey('10.6.1.1', 64)).toBe('10.6.1.1');
    expect(addressKey('::ffff:10.6.1.1', 64)).toBe('10.6.1.1');
    expect(addressKey('::FFFF:10.6.1.1', 64)).toBe('10.6.1.1');
  });

  it('is the /64 of an IPv6 address, however it is written, and the prefix can be set', () => {
    const keys = ['2001:db8:1:2::1', '2001:db8:1:2:ffff:ffff:ffff:fffe', '2001:0DB8:0001:0002:0000:0000:0000:0abc'].map((a) => addressKey(a, 64));
    expect(new Set(keys)).toEqual(new Set(['2001:db8:1:2::/64']));
    expect(addressKey('2001:db8:1:3::1', 64)).toBe('2001:db8:1:3::/64');
    expect(addressKey('2001:db8:1:3::1', 48)).toBe('2001:db8:1::/48');
    expect(addressKey('2001:db8:1:3ff::1', 56)).toBe('2001:db8:1:300::/56');
    expect(addressKey('2001:db8::7', 128)).toBe('2001:db8::7/128');
  });

  it('leaves what is not an address alone', () => {
    expect(addressKey('unknown', 64)).toBe('unknown');
  });
});
