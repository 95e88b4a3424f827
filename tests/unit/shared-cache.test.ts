import { describe, expect, it } from 'vitest';
import { acceptsGzip, etagOf, gzippedEtag, matches } from '../../lib/shared-cache';

describe('what a reader accepts and already has', () => {
  it('gzip when the browser names it or takes anything, never at q=0', () => {
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('x-gzip')).toBe(true);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('br')).toBe(false);
    // "Anything but gzip", and "gzip" refused outright, as RFC 9110 lets a client say.
    expect(acceptsGzip('gzip;q=0, *')).toBe(false);
    expect(acceptsGzip('*;q=0, br')).toBe(false);
    expect(acceptsGzip('gzip; q=0.000')).toBe(false);
    // A name that merely contains it is another coding.
    expect(acceptsGzip('gzipped')).toBe(false);
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
