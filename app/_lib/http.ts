// Shared steps of the JSON route handlers in app/api: parse the query or
// body, run one domain function, map errors to `{ error: { code, message, fields? } }`.
import { etagOf, matches, SHARED_CACHE_CONTROL } from '../../lib/shared-cache';
import type { z } from 'zod';
import { AppError, fieldErrorsFrom, toAppError } from '../../lib/errors';
import { getServices } from './services';

export { PATH_HEADER, PEER_ADDRESS_HEADER } from '../../lib/request-headers';

/** Request bodies are tiny; anything larger is refused before it is read in full. */
export const MAX_BODY_BYTES = 16 * 1024;

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

/** Reads a JSON body of at most MAX_BODY_BYTES. */
export async function readJsonBody(request: Request): Promise<unknown> {
  if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) {
    throw new AppError('invalid_input', 'Send the body as JSON with Content-Type: application/json.', [{ path: '(body)', message: 'must be JSON' }]);
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await readLimited(request);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('invalid_input', 'The body is not valid JSON.', [{ path: '(body)', message: 'is not valid JSON' }]);
  }
}

/** A form's body (`application/x-www-form-urlencoded`), at most MAX_BODY_BYTES. */
export async function readFormBody(request: Request): Promise<URLSearchParams> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers.get('content-type') ?? '')) {
    throw new AppError('invalid_input', 'Send the form as application/x-www-form-urlencoded.', [{ path: '(body)', message: 'must be a form' }]);
  }
  if (Number(request.headers.get('content-length') ?? '0') > MAX_BODY_BYTES) throw tooLarge();
  return new URLSearchParams(await readLimited(request));
}

function tooLarge(): AppError {
  return new AppError('invalid_input', `The body is larger than ${MAX_BODY_BYTES} bytes.`, [{ path: '(body)', message: 'is too large' }]);
}

async function readLimited(request: Request): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

const NO_STORE = { 'cache-control': 'no-store' };

/** A device's proof of work as the `X-Device-Proof` header carries it: base64url of its JSON (null if unreadable). */
export function readProofHeader(value: string | null): unknown {
  if (value === null) return undefined;
  if (value.length > 4096) return null;
  try {
    return JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

/**
 * Runs a handler: its result is the body, with status 200 unless `status` says otherwise. With `shared`, a
 * read that is the same for everyone: a 200 may be cached briefly by any cache, with an ETag, and a request
 * that already holds it gets 304.
 */
export async function respond(work: () => Promise<unknown>, options: { status?: (body: unknown) => number; shared?: Request } = {}): Promise<Response> {
  try {
    const body = await work();
    const status = options.status?.(body) ?? 200;
    if (!options.shared || status !== 200) return Response.json(body, { status, headers: NO_STORE });
    const text = JSON.stringify(body);
    const etag = etagOf(text);
    const headers = { 'cache-control': SHARED_CACHE_CONTROL, etag };
    if (matches(options.shared.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
    return new Response(text, { status, headers: { ...headers, 'content-type': 'application/json' } });
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === 'internal') getServices().logger.error({ err: error }, 'route handler failed');
    const headers: Record<string, string> = { ...NO_STORE };
    if (appError.retryAfterSeconds !== undefined) headers['retry-after'] = String(appError.retryAfterSeconds);
    return Response.json(appError.toBody(), { status: appError.status, headers });
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * Handlers for the methods a route does not take, so that they get a coded error too (Next.js alone
 * answers 405 with neither a body nor `Allow`): `export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');`
 */
export function otherMethods(...allowed: Method[]) {
  const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  const error = new AppError('method_not_allowed', `This address takes ${allowed.join(' or ')} only.`);
  const refuse = async (): Promise<Response> => Response.json(error.toBody(), { status: error.status, headers: { ...NO_STORE, allow } });
  // Exporting the refusals hides which methods the route really takes from Next.js's own OPTIONS answer.
  const options = async (): Promise<Response> => new Response(null, { status: 204, headers: { allow } });
  return { GET: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse, OPTIONS: options };
}
