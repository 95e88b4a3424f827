import { describe, expect, it } from 'vitest';
import { acceptsGzip, etagOf, gzippedEtag, matches } from '../../lib/shared-cache';

describe('what a reader accepts and already has', () => {
  it('gzip when the browser names it or takes anything, never at q=0', () => {
    const answers: [string | undefined, boolean][] = [
      ['gzip, deflate, br, zstd', true],
      ['br;q=1.0, GZIP;q=0.5', true],
      ['*', true],
      ['x-gzip', true],
      [undefined, false],
      ['identity', false],
      ['br', false],
      // "Anything but gzip", and gzip refused outright, as RFC 9110 lets a client say.
      ['gzip;q=0, *', false],
      ['*;q=0, br', false],
      ['gzip; q=0.000', false],
      // A name that merely contains it is another coding.
      ['gzipped', false],
    ];
    for (const [header, gzip] of answers) expect(acceptsGzip(header), String(header)).toBe(gzip);
  });

  it('an ETag per encoding, either answered by a list, a weak copy or *', () => {
    const plain = etagOf('the same bytes');
    expect(plain).toBe(etagOf(Buffer.from('the same bytes')));
    expect(gzippedEtag(plain)).not.toBe(plain);
    expect(gzippedEtag(plain)).toMatch(/^"[\w-]+-gzip"$/);
    expect(matches(`"other", ${plain}`, plain)).toBe(true);
    expect(matches(`W/${plain}`, plain)).toBe(true);
    expect(matches('*', plain)).toBe(true);
    expect(matches(plain, gzippedEtag(plain))).toBe(false);
    expect(matches(null, plain)).toBe(false);
  });
});
