// Web Push against a stand-in push service that decrypts what it gets (tests/helpers/push-service.ts): a watch
// below 6 h is pushed once when reports drop the wait, the push service learns only a small encrypted ping, a
// closing is pushed too, a gone subscription is forgotten, and an endpoint that is no push service is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startPushService, type PushService } from '../helpers/push-service';
import { startServer, type RunningServer } from '../helpers/server';
import { PUSH_CONCURRENCY, PUSH_PAYLOAD_BYTES } from '../../server/web-push';
import { PUSH_UPDATES_PER_SUBSCRIPTION } from '../../server/rate-limits';
import { makeProof, proofHeader } from '../helpers/proofs';

const MODERATOR_TOKEN = 'web-push-test-moderator-token-0123456789abcdef';
/** aes128gcm: a 21-byte header with the server's 65-byte key, the padded payload and its delimiter, a 16-byte tag. */
const PUSH_WIRE_BYTES = 21 + 65 + PUSH_PAYLOAD_BYTES + 1 + 16;
let database: TestDatabase;
let server: RunningServer;
let push: PushService;
let device = 0;

beforeAll(async () => {
  push = await startPushService();
  database = await createTestDatabase();
  server = await startServer({ ...database.env, PUSH_SERVICE_HOSTS: push.host, MODERATOR_TOKEN, REPORT_LIMIT_PER_ADDRESS: '10000' });
});

afterAll(async () => {
  await server?.stop();
  await push?.close();
  await database?.drop();
});

async function report(node: RunningServer, checkpointId: string, waitMinutes: number): Promise<void> {
  const response = await fetch(`${node.url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-device-key': `web-push-test-device-${String((device += 1)).padStart(6, '0')}` },
    body: JSON.stringify({ id: crypto.randomUUID(), checkpointId, direction: 'out', mode: 'car', waitMinutes }),
  });
  expect(response.status).toBe(201);
}

const subscribeAt = (node: RunningServer, body: unknown) =>
  fetch(`${node.url}/api/push/subscription`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const rows = async (table: string) => Number((await database.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}"`))[0]!.n);

describe('web push', () => {
  it('pushes once when the wait drops below a watch, encrypted for the browser alone, and once when the crossing closes', async () => {
    for (let i = 0; i < 4; i += 1) await report(server, 'verkhny-lars', 600);
    const { publicKey } = (await (await fetch(`${server.url}/api/push/key`)).json()) as { publicKey: string };
    expect(publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    const subscription = push.subscribe();
    const saved = await subscribeAt(server, { subscription, language: 'ru', watches: [{ checkpointId: 'verkhny-lars', direction: 'out', mode: 'car', belowMinutes: 360 }] });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ watches: 1 });
    // Sent again unchanged (the page does, whenever its list changes): the watch is kept as it stood, not made anew.
    const watchIds = async () => (await database.query<{ id: number }>('SELECT id FROM "PushWatch" ORDER BY id')).map((row) => row.id);
    const [kept] = await watchIds();
    expect((await subscribeAt(server, { subscription, language: 'ru', watches: [{ checkpointId: 'verkhny-lars', direction: 'out', mode: 'car', belowMinutes: 360 }] })).status).toBe(200);
    expect(await watchIds()).toEqual([kept]);
    // With another threshold it is another watch (from the crossing as it is); with a second crossing, two.
    const two = [
      { checkpointId: 'verkhny-lars', direction: 'out', mode: 'car', belowMinutes: 300 },
      { checkpointId: 'torfyanovka', direction: 'out', mode: 'car', belowMinutes: null },
    ];
    expect(await (await subscribeAt(server, { subscription, language: 'ru', watches: two })).json()).toEqual({ watches: 2 });
    const changed = await watchIds();
    expect(changed).toHaveLength(2);
    expect(changed).not.toContain(kept);
    expect((await subscribeAt(server, { subscription, language: 'ru', watches: [{ checkpointId: 'verkhny-lars', direction: 'out', mode: 'car', belowMinutes: 360 }] })).status).toBe(200);
    expect(await watchIds()).toHaveLength(1);

    for (let i = 0; i < 10; i += 1) await report(server, 'verkhny-lars', 60);
    await expect.poll(() => push.delivered.length).toBe(1);
    const [first] = push.delivered;
    expect(JSON.parse(first!.text)).toEqual({ checkpointId: 'verkhny-lars', direction: 'out', mode: 'car', reason: 'below', language: 'ru' });
    expect(first!.vapidKey).toBe(publicKey);
    expect(first).toMatchObject({ ttl: 21_600, urgency: 'high', topic: 'verkhny-lars' });
    // What the push service sees is a ciphertext of one fixed length, whatever the crossing and the reason.
    expect(first!.bytes).toBe(PUSH_WIRE_BYTES);
    for (let i = 0; i < 3; i += 1) await report(server, 'verkhny-lars', 50);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(push.delivered).toHaveLength(1);

    const closed = await fetch(`${server.url}/api/moderation/checkpoints/verkhny-lars`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${MODERATOR_TOKEN}` },
      body: JSON.stringify({ status: 'closed', note: 'closed' }),
    });
    expect(closed.status).toBe(200);
    await expect.poll(() => push.delivered.length).toBe(2);
    expect(JSON.parse(push.delivered[1]!.text)).toMatchObject({ checkpointId: 'verkhny-lars', reason: 'status' });
    expect(push.delivered[1]!.bytes).toBe(PUSH_WIRE_BYTES);
    expect(push.refused).toEqual([]);
  });

  it('forgets a subscription the push service says is gone, and one the browser takes back', async () => {
    const subscription = push.subscribe();
    expect((await subscribeAt(server, { subscription, language: 'en', watches: [{ checkpointId: 'kyakhta', direction: 'out', mode: 'car', belowMinutes: null }] })).status).toBe(200);
    const before = await rows('PushSubscription');
    push.gone.add(subscription.endpoint);
    await fetch(`${server.url}/api/moderation/checkpoints/kyakhta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${MODERATOR_TOKEN}` },
      body: JSON.stringify({ status: 'closed', note: 'night' }),
    });
    await expect.poll(() => rows('PushSubscription')).toBe(before - 1);

    const another = push.subscribe();
    expect((await subscribeAt(server, { subscription: another, language: 'en', watches: [] })).status).toBe(200);
    const removed = await fetch(`${server.url}/api/push/subscription`, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ endpoint: another.endpoint }) });
    expect(await removed.json()).toEqual({ deleted: true });
    expect(await rows('PushSubscription')).toBe(before - 1);
  });

  it('sends a push again that the service could not take now (503, 429 after its Retry-After), not one it refused', async () => {
    const close = (checkpointId: string, status: 'closed' | 'open') =>
      fetch(`${server.url}/api/moderation/checkpoints/${checkpointId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${MODERATOR_TOKEN}` },
        body: JSON.stringify({ status, note: status }),
      });
    const watching = async (checkpointId: string) => {
      const subscription = push.subscribe();
      expect((await subscribeAt(server, { subscription, language: 'ru', watches: [{ checkpointId, direction: 'out', mode: 'car', belowMinutes: null }] })).status).toBe(200);
      return subscription.endpoint;
    };
    const answers = (endpoint: string) => push.answered.filter((a) => a.endpoint === endpoint).map((a) => a.status);
    const delivered = (endpoint: string) => push.delivered.filter((d) => d.endpoint === endpoint).length;

    // The push service has a hiccup: the watch has fired, so the push is sent again (2 s later) and arrives; the
    // push of another crossing's change meanwhile does not wait in line behind that retry.
    const hiccup = await watching('mondy');
    const other = await watching('verkhny-ulkhun');
    push.holdBack.set(hiccup, { times: 1, status: 503 });
    expect((await close('mondy', 'closed')).status).toBe(200);
    expect((await close('verkhny-ulkhun', 'closed')).status).toBe(200);
    await expect.poll(() => delivered(hiccup), { timeout: 15_000 }).toBe(1);
    expect(answers(hiccup)).toEqual([503, 201]);
    const order = push.answered.filter((a) => a.endpoint === hiccup || a.endpoint === other).map((a) => `${a.endpoint === hiccup ? 'hiccup' : 'other'} ${a.status}`);
    expect(order).toEqual(['hiccup 503', 'other 201', 'hiccup 201']);

    // Its rate limit, twice, with Retry-After: waited out, then delivered.
    const limited = await watching('solovyovsk');
    push.holdBack.set(limited, { times: 2, status: 429, retryAfter: '1' });
    expect((await close('solovyovsk', 'closed')).status).toBe(200);
    await expect.poll(() => delivered(limited), { timeout: 20_000 }).toBe(1);
    expect(answers(limited)).toEqual([429, 429, 201]);

    // A push it refuses (400: what was sent is wrong, not the moment) is not sent again.
    const refusedOnce = await watching('khandagayty');
    push.holdBack.set(refusedOnce, { times: 5, status: 400 });
    expect((await close('khandagayty', 'closed')).status).toBe(200);
    await expect.poll(() => answers(refusedOnce)).toEqual([400]);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(answers(refusedOnce)).toEqual([400]);
    for (const id of ['mondy', 'verkhny-ulkhun', 'solovyovsk', 'khandagayty']) await close(id, 'open');
  });

  it('sends the pushes of one change to many browsers a few at a time, not one after another', async () => {
    for (let i = 0; i < 4; i += 1) await report(server, 'tashanta', 600);
    const endpoints = new Set<string>();
    for (let i = 0; i < 20; i += 1) {
      const subscription = push.subscribe();
      endpoints.add(subscription.endpoint);
      expect((await subscribeAt(server, { subscription, language: 'ru', watches: [{ checkpointId: 'tashanta', direction: 'out', mode: 'car', belowMinutes: 360 }] })).status).toBe(200);
    }
    // A push service far away: each push takes a while to be answered.
    push.load.delayMs = 300;
    push.load.most = 0;
    try {
      for (let i = 0; i < 10; i += 1) await report(server, 'tashanta', 60);
      await expect.poll(() => push.delivered.filter((d) => endpoints.has(d.endpoint)).length, { timeout: 20_000 }).toBe(20);
    } finally {
      push.load.delayMs = 0;
    }
    expect(push.load.most).toBeGreaterThan(1);
    expect(push.load.most).toBeLessThanOrEqual(PUSH_CONCURRENCY);
  });

  it('refuses, with the field, an endpoint that is no push service, bad keys, and a crossing that does not take the mode', async () => {
    const subscription = push.subscribe();
    const cases: [unknown, string][] = [
      [{ subscription: { ...subscription, endpoint: 'http://127.0.0.1:5432/steal' }, language: 'ru', watches: [] }, 'subscription.endpoint'],
      [{ subscription: { ...subscription, endpoint: 'https://169.254.169.254/latest' }, language: 'ru', watches: [] }, 'subscription.endpoint'],
      [{ subscription: { ...subscription, keys: { p256dh: 'short', auth: subscription.keys.auth } }, language: 'ru', watches: [] }, 'subscription.keys.p256dh'],
      [{ subscription, language: 'ru', watches: [{ checkpointId: 'kyakhta', direction: 'out', mode: 'bicycle', belowMinutes: 60 }] }, 'watches'],
      [{ subscription, language: 'ru', watches: [{ checkpointId: 'kyakhta', direction: 'out', mode: 'car', belowMinutes: 5 }] }, 'watches.0.belowMinutes'],
    ];
    const before = await rows('PushSubscription');
    for (const [body, field] of cases) {
      const response = await subscribeAt(server, body);
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; fields: { path: string }[] } };
      expect(error.code).toBe('invalid_input');
      expect(error.fields.map((f) => f.path)).toContain(field);
    }
    expect(await rows('PushSubscription')).toBe(before);
  });

  it('limits new subscriptions per address, past which a proof of work buys one, and changes by their endpoint: a script behind a carrier NAT cannot stop the people there', async () => {
    // A node of its own, whose address may make 4 new subscriptions per window.
    const own = await createTestDatabase();
    const node = await startServer({ ...own.env, PUSH_SERVICE_HOSTS: push.host, PUSH_SUBSCRIPTIONS_PER_ADDRESS: '4', TRUST_PROXY: 'loopback', PROOF_TRIES: '40' });
    try {
      const put = (body: unknown, address: string, proof?: string) =>
        fetch(`${node.url}/api/push/subscription`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...(proof ? { 'x-device-proof': proof } : {}) },
          body: JSON.stringify(body),
        });
      const watching = (subscription: unknown, belowMinutes: number) => ({ subscription, language: 'ru', watches: [{ checkpointId: 'kyakhta', direction: 'out', mode: 'car', belowMinutes }] });
      const refusal = async (response: Response) => ({ status: response.status, ...((await response.json()) as { error: { code: string; limit?: string } }).error });
      const NAT = '198.51.100.7';
      const person = push.subscribe();
      expect((await put(watching(person, 300), NAT)).status).toBe(200);
      // Bogus writes spend nothing.
      for (let i = 0; i < 10; i += 1) expect((await put({ subscription: { ...push.subscribe(), keys: { p256dh: 'short', auth: 'x' } }, language: 'ru', watches: [] }, NAT)).status).toBe(400);
      // A script takes the rest of the address's new subscriptions...
      const script = [];
      for (let i = 0; i < 4; i += 1) script.push((await put(watching(push.subscribe(), 60), NAT)).status);
      expect(script).toEqual([200, 200, 200, 429]);
      expect(await refusal(await put(watching(push.subscribe(), 60), NAT))).toMatchObject({ status: 429, code: 'rate_limited', limit: 'push_subscriptions' });
      // A newcomer there buys one with the page's proof of work, which is then spent: not for another, nor a report.
      const proof = proofHeader(await makeProof(node.url, { 'x-forwarded-for': NAT }));
      const newcomer = push.subscribe();
      const bought = await put(watching(newcomer, 120), NAT, proof);
      expect(bought.status).toBe(200);
      expect(await bought.json()).toEqual({ watches: 1, proofSpent: true });
      expect(await refusal(await put(watching(push.subscribe(), 60), NAT, proof))).toMatchObject({ status: 403, code: 'proof_required' });
      const report = await fetch(`${node.url}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': NAT, 'x-device-key': 'web-push-nat-newcomer-0001', 'x-device-proof': proof },
        body: JSON.stringify({ id: crypto.randomUUID(), checkpointId: 'kyakhta', direction: 'out', mode: 'car', waitMinutes: 120 }),
      });
      expect(await refusal(report)).toMatchObject({ status: 403, code: 'proof_required' });
      // What is not a proof buys nothing.
      expect(await refusal(await put(watching(push.subscribe(), 60), NAT, 'not-a-proof'))).toMatchObject({ status: 403, code: 'proof_required' });
      // ...yet the person subscribed behind the same address changes the watch list as often as a person would.
      for (let minutes = 240; minutes > 180; minutes -= 10) expect((await put(watching(person, minutes), NAT)).status).toBe(200);
      expect((await own.query<{ belowMinutes: number }>('SELECT "belowMinutes" FROM "PushWatch" w JOIN "PushSubscription" s ON s.id = w."subscriptionId" WHERE s.endpoint = $1', [person.endpoint]))[0]!.belowMinutes).toBe(190);
      // Another address is not held up; and one endpoint's writes have a limit of their own.
      expect((await put(watching(push.subscribe(), 60), '198.51.100.8')).status).toBe(200);
      const statuses: number[] = [];
      for (let i = 0; i < 60; i += 1) statuses.push((await put(watching(person, 120), NAT)).status);
      expect(statuses.indexOf(429)).toBe(PUSH_UPDATES_PER_SUBSCRIPTION - 6);
      expect(await refusal(await put(watching(person, 120), NAT))).toMatchObject({ status: 429, limit: 'push_updates' });
    } finally {
      await node.stop();
      await own.drop();
    }
  });
});
