// Shared steps of the JSON route handlers in app/api: parse the query, run
// one domain function, map errors to `{ error: { code, message, fields? } }`.
import type { z } from 'zod';
import { AppError, fieldErrorsFrom } from './errors';
import { getServices } from './services';

/** Parses a query string with a zod object schema; a repeated key is an error. */
export function parseQuery<T extends z.ZodType>(schema: T, params: URLSearchParams): z.infer<T> {
  const raw: Record<string, string> = {};
  const repeated: string[] = [];
  for (const [key, value] of params) {
    if (key in raw) repeated.push(key);
    raw[key] = value;
  }
  if (repeated.length > 0) {
    throw new AppError(
      'invalid_query',
      'A query parameter was given more than once.',
      repeated.map((path) => ({ path, message: 'must be given at most once' })),
    );
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new AppError('invalid_query', 'The query string is not valid.', fieldErrorsFrom(result.error.issues));
  }
  return result.data;
}

const NO_STORE = { 'cache-control': 'no-store' };

export async function respond(work: () => Promise<unknown>): Promise<Response> {
  try {
    return Response.json(await work(), { headers: NO_STORE });
  } catch (error) {
    if (error instanceof AppError) return Response.json(error.toBody(), { status: error.status, headers: NO_STORE });
    getServices().logger.error({ err: error }, 'route handler failed');
    const internal = new AppError('internal', 'Something went wrong on the server.');
    return Response.json(internal.toBody(), { status: internal.status, headers: NO_STORE });
  }
}
