// Every entry point fed thousands of malformed, oversized, wrongly typed and
// hostile inputs by a property-based generator: each gets a structured error
// (or, when it happens to be valid, a normal answer), and the process never
// crashes or logs an internal error.
import fc from 'fast-check';
import { request as httpRequest } from 'node:http';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../lib/errors';
import { aReport, connect, newDeviceKey, type Client } from '../helpers/clients';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startServer, type RunningServer } from '../helpers/server';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const MODERATOR_TOKEN = 'fuzz-moderator-token-0123456789abcdefghij';
const CODES = Object.keys(ERROR_STATUS);
let database: TestDatabase;
let server: RunningServer;
let client: Client;
let cases = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  // Limits out of the way: this is about input, not about rate.
  server = await startServer({ ...database.env, REPORT_LIMIT_PER_DEVICE: '1000000', REPORT_LIMIT_PER_ADDRESS: '1000000', MODERATOR_TOKEN });
  client = await connect(server.url, newDeviceKey());
});

afterAll(async () => {
  console.log(`fuzz: ${cases} generated inputs across every entry point`);
  client?.close();
  await server?.stop();
  await database?.drop();
});

/** Values of every JSON-ish shape, hostile strings included. */
const hostileString = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom('__proto__', 'constructor', '<script>alert(1)</script>', "'; DROP TABLE \"Report\"; --", '\u0000', '../../etc/passwd', '%00', 'NaN', '1e400', '-0'),
  fc.string({ minLength: 5000, maxLength: 20000 }),
);
const anyValue = fc.oneof(fc.anything({ maxDepth: 3, withBigInt: false }), hostileString, fc.double(), fc.integer());
/** The same, small enough to stay under Socket.IO's 16 KB message limit (tested on its own below). */
const smallString = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 50 }), fc.string({ minLength: 1000, maxLength: 2000 }));
const smallValue = fc.oneof(fc.anything({ maxDepth: 2, maxKeys: 5, withBigInt: false }), smallString, fc.double(), fc.integer());
const mangledFor = (value: fc.Arbitrary<unknown>, key: fc.Arbitrary<string>) =>
  fc
    .record({
      base: fc.constant(null).map(() => aReport() as Record<string, unknown>),
      changes: fc.dictionary(
        fc.oneof(fc.constantFrom('id', 'checkpointId', 'direction', 'mode', 'waitMinutes', 'queueVehicles', 'queueKm', 'joinedAt', 'crossedAt', 'sentAt', 'letThrough', 'letThroughMinutes'), key),
        value,
        { maxKeys: 4 },
      ),
    })
    .map(({ base, changes }) => ({ ...base, ...changes }));
const smallReport = mangledFor(smallValue, smallString.map((s) => s.slice(0, 100)));

/** A report with some fields valid, some broken, some extra. */
const mangledReport = fc
  .record({
    base: fc.constant(null).map(() => aReport() as Record<string, unknown>),
    changes: fc.dictionary(
      fc.oneof(fc.constantFrom('id', 'checkpointId', 'direction', 'mode', 'waitMinutes', 'queueVehicles', 'queueKm', 'joinedAt', 'crossedAt', 'sentAt', 'letThrough', 'letThroughMinutes'), hostileString),
      anyValue,
      { maxKeys: 4 },
    ),
  })
  .map(({ base, changes }) => ({ ...base, ...changes }));

function expectStructuredError(body: unknown, context: unknown) {
  const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
  expect(CODES, `${String(JSON.stringify(context)).slice(0, 300)} → ${String(JSON.stringify(body)).slice(0, 300)}`).toContain(error?.code);
  expect(typeof error?.message).toBe('string');
}

async function call(path: string, init?: RequestInit) {
  cases += 1;
  // Redirects are answers too (a trailing slash gets a 308); following one with a 15 KB
  // Location would only test the client's header limit.
  const response = await fetch(`${server.url}${path}`, { ...init, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  return { status: response.status, text, json: /json/.test(response.headers.get('content-type') ?? ''), allow: response.headers.get('allow') };
}

/** The status of a request whose target goes on the wire exactly as given. */
function rawStatus(method: string, path: string): Promise<number> {
  cases += 1;
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: hostname, port, method, path, timeout: 10_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('timeout', () => request.destroy(new Error(`${method} ${path}: no answer`)));
    request.on('error', reject);
    request.end();
  });
}

describe('HTTP', () => {
  it('POST /api/reports: any body, content type and device key gets a report or a coded error, never a 500', async () => {
    const body = fc.oneof(mangledReport.map((value) => JSON.stringify(value)), anyValue.map((value) => JSON.stringify(value) ?? 'null'), hostileString);
    const contentType = fc.oneof(fc.constant('application/json'), fc.constantFrom('text/plain', 'application/json; charset=utf-8', ''), hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, '')));
    const deviceKey = fc.oneof(fc.constant(newDeviceKey()), hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, '').slice(0, 4000)));
    await fc.assert(
      fc.asyncProperty(body, contentType, deviceKey, async (payload, type, key) => {
        const { status, text } = await call('/api/reports', { method: 'POST', headers: { 'content-type': type, 'x-device-key': key }, body: payload });
        expect(status, text.slice(0, 300)).not.toBeGreaterThanOrEqual(500);
        const parsed = JSON.parse(text) as unknown;
        if (status >= 400) expectStructuredError(parsed, { payload, type, key });
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('GET routes: any query string and path segment gets data or a coded error', async () => {
    const query = fc.dictionary(fc.oneof(fc.constantFrom('border', 'hours', 'direction', 'mode'), hostileString), hostileString, { maxKeys: 3 });
    const path = fc.constantFrom('/api/checkpoints', '/api/checkpoints/kyakhta', '/api/health', '/api/checkpoints/');
    const segment = hostileString.map((s) => encodeURIComponent(s.slice(0, 300)));
    await fc.assert(
      fc.asyncProperty(path, segment, query, fc.boolean(), async (base, id, params, withId) => {
        const search = new URLSearchParams(params as Record<string, string>).toString();
        const target = `${withId && base === '/api/checkpoints/' ? `${base}${id}` : base}${search ? `?${search}` : ''}`;
        const { status, text, json } = await call(target);
        expect(status, `${target} → ${text.slice(0, 200)}`).not.toBeGreaterThanOrEqual(500);
        // Errors are JSON with a code (a 414 for an address over 4 KB too); only Next's 404 page and
        // Node's own 431 (a request line over its 16 KB header limit, refused before any code of ours) are not.
        if (status >= 400 && json) expectStructuredError(JSON.parse(text), target);
        else if (status >= 400) expect([404, 431]).toContain(status);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('any request target, however odd (`//`, `*`, `//host/list`, a stray `%`), gets a page, a redirect or an error, never a 500', async () => {
    // Sent raw: fetch would tidy these away before they reached the server.
    const odd = ['//', '///', '//list', '//kordon.invalid/list', '//kordon.invalid/moderate', '/list//', '/./list', '/..', '*', '/%', '/%2f%2f', '//?from=x', '/checkpoints//', '//checkpoints/nope'];
    const target = fc.oneof(
      fc.constantFrom(...odd),
      fc.tuple(fc.constantFrom('/', '//', '/list', '/moderate', '/checkpoints/', '/api/'), fc.string({ maxLength: 40 })).map(([head, tail]) => head + encodeURI(tail).replace(/%25/g, '%')),
    );
    await fc.assert(
      fc.asyncProperty(target, fc.constantFrom('GET', 'HEAD', 'OPTIONS', 'POST'), async (path, method) => {
        const status = await rawStatus(method, path);
        expect(status, `${method} ${path}`).toBeLessThan(500);
      }),
      { numRuns: Math.ceil(RUNS / 4), endOnFailure: true, examples: odd.flatMap((path) => [[path, 'GET'] as [string, string], [path, 'OPTIONS'] as [string, string]]) },
    );
    // The absolute form a proxy may send is still the page it names; `*` is no page at all.
    expect(await rawStatus('GET', `${server.url}/list`)).toBe(200);
    expect(await rawStatus('OPTIONS', '*')).toBe(400);
  });

  it('moderation: any token, path segment, query and body gets a coded error or an answer, never a 500', async () => {
    const token = fc.oneof(fc.constant(MODERATOR_TOKEN), fc.constant(null), hostileString.map((s) => s.replace(/[^\x21-\x7e]/g, '').slice(0, 2000)));
    const segment = fc.oneof(fc.constantFrom('kyakhta', '00000000-0000-4000-8000-000000000000'), hostileString.map((s) => encodeURIComponent(s.slice(0, 300))));
    const routes: [string, (id: string) => string][] = [
      ['GET', (id) => `/api/moderation/checkpoints/${id}/reports`],
      ['GET', () => '/api/moderation/actions'],
      ['POST', (id) => `/api/moderation/checkpoints/${id}`],
      ['POST', (id) => `/api/moderation/reports/${id}`],
      ['POST', (id) => `/api/moderation/devices/${id}`],
    ];
    const route = fc.constantFrom(...routes);
    const body = fc.oneof(
      fc.record({ hidden: fc.oneof(fc.boolean(), anyValue), reason: fc.oneof(hostileString, anyValue) }, { requiredKeys: [] }),
      fc.record({ status: fc.oneof(fc.constantFrom('open', 'restricted', 'closed'), anyValue), note: fc.oneof(hostileString, anyValue) }, { requiredKeys: [] }),
      anyValue,
    );
    const query = fc.dictionary(fc.oneof(fc.constantFrom('hours', 'limit'), hostileString), hostileString, { maxKeys: 2 });
    await fc.assert(
      fc.asyncProperty(route, segment, token, body, query, async ([method, path], id, bearer, payload, params) => {
        const search = new URLSearchParams(params as Record<string, string>).toString();
        const target = `${path(id)}${search ? `?${search}` : ''}`;
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
        const { status, text, json, allow } = await call(target, { method, headers, body: method === 'POST' ? (JSON.stringify(payload) ?? 'null') : undefined });
        expect(status, `${method} ${target} → ${text.slice(0, 200)}`).not.toBeGreaterThanOrEqual(500);
        if (status >= 400 && json) expectStructuredError(JSON.parse(text), { target, payload });
        else if (status >= 400) expect([404, 431]).toContain(status);
        // A segment such as "." folds the address onto another route (`/checkpoints/./reports` is
        // `/checkpoints/reports`, the status route, which takes POST only): a coded 405 that says so.
        if (status === 405) expect(allow, target).toBeTruthy();
        // The token is checked before anything else: without it, nothing but 401 or 403 (or the 414
        // every over-long address gets before any route runs, or that 405, which names public methods).
        if (bearer !== MODERATOR_TOKEN && json) expect([401, 403, 405, 414], target.slice(0, 300)).toContain(status);
      }),
      { numRuns: Math.ceil(RUNS / 2), endOnFailure: true },
    );
  });

  it('pages: any Accept-Language, language cookie and list query renders', async () => {
    const header = hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, '').slice(0, 2000));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/', '/list', '/checkpoints/kyakhta'), header, header, hostileString, async (page, language, cookie, param) => {
        const target = `${page}?direction=${encodeURIComponent(param.slice(0, 200))}&mode=${encodeURIComponent(param.slice(0, 50))}`;
        const { status } = await call(target, { headers: { 'accept-language': language, cookie: `kordon_lang=${encodeURIComponent(cookie)}` } });
        expect(status, target).toBe(200);
      }),
      { numRuns: Math.ceil(RUNS / 4), endOnFailure: true },
    );
  });
});

describe('Socket.IO', () => {
  type Ack = { ok: boolean; error?: { code: string; message: string } };
  const emit = (event: string, payload: unknown) => {
    cases += 1;
    return (client.timeout(5000) as unknown as { emitWithAck(event: string, payload: unknown): Promise<Ack> }).emitWithAck(event, payload);
  };

  it('report:create: any payload gets an acknowledgement, ok or with a known error code', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(smallReport, smallValue), async (payload) => {
        const ack = await emit('report:create', payload);
        if (!ack.ok) expectStructuredError(ack, payload);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('checkpoint:subscribe and unsubscribe: any request gets a structured answer', async () => {
    const request = fc.oneof(
      smallValue,
      fc.record(
        { ids: fc.oneof(fc.array(smallString.map((s) => s.slice(0, 60)), { maxLength: 120 }), smallValue), borders: fc.oneof(fc.array(smallString, { maxLength: 6 }), smallValue) },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('checkpoint:subscribe', 'checkpoint:unsubscribe'), request, async (event, payload) => {
        const ack = await emit(event, payload);
        if (!ack.ok) expectStructuredError(ack, payload);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('unknown events, events without an acknowledgement, and hostile handshakes change nothing', async () => {
    const raw = client as unknown as { emit(event: string, ...args: unknown[]): void };
    fc.assert(
      fc.property(smallString, smallValue, (event, payload) => {
        cases += 2;
        raw.emit(event, payload);
        raw.emit('report:create', payload);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    await fc.assert(
      fc.asyncProperty(smallValue, async (auth) => {
        cases += 1;
        const socket = io(server.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, auth: auth as Record<string, unknown> });
        const ack = await new Promise<Ack>((resolve, reject) => {
          const refused = () => resolve({ ok: false, error: { code: 'invalid_input', message: 'handshake refused' } });
          socket.once('connect_error', refused);
          // An auth that is not an object is a malformed CONNECT packet: the server just closes the transport.
          socket.io.once('close', refused);
          socket.once('connect', () => {
            socket.timeout(5000).emitWithAck('report:create', aReport()).then(resolve, (error: unknown) => reject(new Error(`no answer after a handshake with auth ${JSON.stringify(auth)}: ${String(error)}`)));
          });
        }).finally(() => socket.close());
        if (!ack.ok) expectStructuredError(ack, auth);
      }),
      { numRuns: Math.ceil(RUNS / 8), endOnFailure: true },
    );
    // Still answering, after all of that.
    expect((await client.timeout(5000).emitWithAck('server:ping')).ok).toBe(true);
  });

  it('a message over the size limit closes only that connection', async () => {
    const big = await connect(server.url, newDeviceKey());
    const closed = new Promise<string>((resolve) => big.once('disconnect', (reason) => resolve(reason)));
    big.emit('report:create', { ...aReport(), padding: 'x'.repeat(64 * 1024) } as never, () => undefined);
    cases += 1;
    expect(await closed).toBe('transport close');
    big.close();
    expect((await client.timeout(5000).emitWithAck('server:ping')).ok).toBe(true);
  });
});

describe('afterwards', () => {
  it('the server is still up and logged no internal error', async () => {
    expect(server.process.exitCode).toBeNull();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const internal = server.logs.filter((line) => (line.level ?? 0) >= 50);
    expect(internal.map((line) => line.msg)).toEqual([]);
  });
});
