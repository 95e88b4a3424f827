import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { parseQuery } from '../../app/_lib/http';

const schema = z.strictObject({ border: z.enum(['FI', 'GE']).optional() });

describe('parseQuery', () => {
  it('returns the parsed query', () => {
    expect(parseQuery(schema, new URLSearchParams('border=FI'))).toEqual({ border: 'FI' });
    expect(parseQuery(schema, new URLSearchParams(''))).toEqual({});
  });

  it('refuses a bad value with invalid_query and the field path', () => {
    try {
      parseQuery(schema, new URLSearchParams('border=XX'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).toBody()).toMatchObject({ error: { code: 'invalid_query', fields: [{ path: 'border' }] } });
      expect((error as AppError).status).toBe(400);
    }
  });

  it('refuses a repeated key', () => {
    expect(() => parseQuery(schema, new URLSearchParams('border=FI&border=GE'))).toThrow(/more than once/);
  });
});

describe('AppError', () => {
  it('is recognised across copies of the module (Next.js bundles its own)', async () => {
    vi.resetModules();
    const copy = await import('../../lib/errors');
    expect(copy.AppError).not.toBe(AppError);
    const error = new copy.AppError('rate_limited', 'slow down', undefined, 7);
    expect(error).toBeInstanceOf(AppError);
    expect(new Error('plain')).not.toBeInstanceOf(AppError);
  });
});
