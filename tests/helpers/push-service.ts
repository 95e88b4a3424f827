// A stand-in for a browser's push service on loopback: it makes subscriptions the way a browser and its push
// service do (an endpoint, and the browser's P-256 key and auth secret), takes what a server pushes to an
// endpoint as the Web Push protocol says (RFC 8030, VAPID of RFC 8292, aes128gcm of RFC 8291), checks the VAPID
// signature, and decrypts the message as the browser would. A test reads what arrived, or marks an endpoint gone.
import { createDecipheriv, createECDH, createHmac, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivered {
  endpoint: string;
  /** The decrypted message. */
  text: string;
  /** Bytes on the wire: all the push service itself learns of it. */
  bytes: number;
  ttl: number | null;
  urgency: string | null;
  topic: string | null;
  /** The VAPID key (`k=`) the push was signed with, once the signature checked out. */
  vapidKey: string;
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

function decrypt(body: Buffer, browser: ECDH, auth: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body[20]!;
  const serverKey = body.subarray(21, 21 + idLength);
  const sealed = body.subarray(21 + idLength);
  const shared = browser.computeSecret(serverKey);
  const info = Buffer.concat([Buffer.from('WebPush: info\0'), browser.getPublicKey(), serverKey, Buffer.from([1])]);
  const ikm = hmac(hmac(auth, shared), info);
  const prk = hmac(salt, ikm);
  const key = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01', 'latin1')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01', 'latin1')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', key, nonce);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 2, then any padding of zeros.
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end -= 1;
  if (plain[end] !== 2) throw new Error('no record delimiter');
  return plain.subarray(0, end).toString('utf8');
}

/** Checks `Authorization: vapid t=<JWT>, k=<key>`: ES256 by that key, for this origin, not expired. */
function checkVapid(header: string | undefined, origin: string): string {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match) throw new Error('no VAPID authorization');
  const [, jwt, key] = match;
  const [head, claims, signature] = jwt!.split('.');
  const raw = Buffer.from(key!, 'base64url');
  const publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33, 65).toString('base64url') }, format: 'jwk' });
  if (!verify('sha256', Buffer.from(`${head}.${claims}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature!, 'base64url'))) throw new Error('bad VAPID signature');
  const payload = JSON.parse(Buffer.from(claims!, 'base64url').toString('utf8')) as { aud: string; exp: number; sub: string };
  if (payload.aud !== origin) throw new Error(`VAPID audience ${payload.aud}, not ${origin}`);
  if (payload.exp * 1000 < Date.now()) throw new Error('VAPID token expired');
  return key!;
}

export async function startPushService() {
  const browsers = new Map<string, { ecdh: ECDH; auth: Buffer }>();
  const delivered: Delivered[] = [];
  const refused: string[] = [];
  const gone = new Set<string>();
  /** The next pushes to an endpoint that the service cannot take now: a status (429, 5xx) and its Retry-After. */
  const holdBack = new Map<string, { times: number; status: number; retryAfter?: string }>();
  /** Every push's endpoint and the status it was answered with, failures included. */
  const answered: { endpoint: string; status: number }[] = [];
  /** Pushes being answered now, and the most there have been at once. */
  const load = { inFlight: 0, most: 0, delayMs: 0 };
  const server: Server = createServer(async (req, res) => {
    load.inFlight += 1;
    load.most = Math.max(load.most, load.inFlight);
    res.on('close', () => (load.inFlight -= 1));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    // A push service far away: each answer takes this long.
    if (load.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, load.delayMs));
    const endpoint = `${url}${req.url}`;
    const browser = browsers.get(endpoint);
    if (req.method !== 'POST' || !browser) return void res.writeHead(404).end();
    if (gone.has(endpoint)) return void res.writeHead(410).end();
    const held = holdBack.get(endpoint);
    if (held && held.times > 0) {
      held.times -= 1;
      answered.push({ endpoint, status: held.status });
      return void res.writeHead(held.status, held.retryAfter ? { 'retry-after': held.retryAfter } : {}).end();
    }
    answered.push({ endpoint, status: 201 });
    try {
      if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error(`content-encoding ${req.headers['content-encoding']}`);
      const vapidKey = checkVapid(req.headers.authorization, url);
      const body = Buffer.concat(chunks);
      delivered.push({
        endpoint,
        text: decrypt(body, browser.ecdh, browser.auth),
        bytes: body.length,
        ttl: req.headers.ttl ? Number(req.headers.ttl) : null,
        urgency: (req.headers.urgency as string | undefined) ?? null,
        topic: (req.headers.topic as string | undefined) ?? null,
        vapidKey,
      });
      res.writeHead(201).end();
    } catch (error) {
      refused.push(String(error));
      res.writeHead(400).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    host: new URL(url).host,
    delivered,
    refused,
    gone,
    holdBack,
    answered,
    /** Set `delayMs` to answer slowly; `most` is the largest number of pushes in flight at once so far. */
    load,
    /** A new subscription, as `PushSubscription.toJSON()` gives it in a browser. */
    subscribe(): { endpoint: string; keys: { p256dh: string; auth: string } } {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const endpoint = `${url}/push/${randomBytes(12).toString('hex')}`;
      browsers.set(endpoint, { ecdh, auth });
      return { endpoint, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } };
    },
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export type PushService = Awaited<ReturnType<typeof startPushService>>;
