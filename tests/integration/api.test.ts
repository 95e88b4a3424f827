import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/events';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startServer, type RunningServer } from '../helpers/server';

let database: TestDatabase;
let server: RunningServer;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startServer(database.env);
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

async function getJson(path: string) {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

describe('GET /api/health', () => {
  it('answers 200 ok while the database answers', async () => {
    const { status, body } = await getJson('/api/health');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok' });
  });
});

describe('GET /api/checkpoints', () => {
  it('lists every catalogue checkpoint once, with the documented fields', async () => {
    const { status, body, headers } = await getJson('/api/checkpoints');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/application\/json/);
    const ids = body.checkpoints.map((checkpoint: { id: string }) => checkpoint.id);
    expect(ids).toHaveLength(46);
    expect(new Set(ids).size).toBe(46);
    const lars = body.checkpoints.find((checkpoint: { id: string }) => checkpoint.id === 'verkhny-lars');
    expect(lars).toMatchObject({
      border: 'GE',
      name: { en: 'Verkhny Lars (Upper Lars) – Dariali', ru: 'Верхний Ларс – Дарьяли' },
      lat: 42.7681,
      lon: 44.6311,
      modes: ['car', 'truck', 'bus'],
      access: 'multilateral',
      status: 'open',
      capacityPerDay: 2000,
      estimates: [],
    });
    expect(body.checkpoints.find((checkpoint: { id: string }) => checkpoint.id === 'syuvyaoro')).toMatchObject({ status: 'closed' });
  });

  it.each([
    ['FI', 9],
    ['GE', 1],
    ['KZ', 28],
    ['MN', 8],
  ])('filters by border %s', async (border, count) => {
    const { status, body } = await getJson(`/api/checkpoints?border=${border}`);
    expect(status).toBe(200);
    expect(body.checkpoints).toHaveLength(count);
    expect(body.checkpoints.every((checkpoint: { border: string }) => checkpoint.border === border)).toBe(true);
  });

  it('accepts a border code in lower case', async () => {
    const { body } = await getJson('/api/checkpoints?border=mn');
    expect(body.checkpoints).toHaveLength(8);
  });

  it('refuses an unknown border with invalid_query naming the field', async () => {
    const { status, body } = await getJson('/api/checkpoints?border=RU');
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_query');
    expect(body.error.message).toEqual(expect.any(String));
    expect(body.error.fields).toEqual([expect.objectContaining({ path: 'border' })]);
  });

  it('refuses an unknown query parameter and a repeated one', async () => {
    const unknown = await getJson('/api/checkpoints?colour=red');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('invalid_query');
    expect(unknown.body.error.fields).toEqual([{ path: 'colour', message: 'is not a known field' }]);

    const repeated = await getJson('/api/checkpoints?border=FI&border=GE');
    expect(repeated.status).toBe(400);
    expect(repeated.body.error.fields).toEqual([expect.objectContaining({ path: 'border' })]);
  });
});

describe('GET /api/checkpoints/:id', () => {
  it('returns one checkpoint', async () => {
    const { status, body } = await getJson('/api/checkpoints/kyakhta');
    expect(status).toBe(200);
    expect(body.checkpoint).toMatchObject({ id: 'kyakhta', border: 'MN', name: { ru: expect.stringContaining('Кяхта') } });
  });

  it('answers 404 not_found for an unknown id', async () => {
    const { status, body } = await getJson('/api/checkpoints/atlantis');
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'not_found', fields: [{ path: 'id', message: expect.any(String) }] });
  });
});

describe('the home page', () => {
  it('lists the checkpoints under the four borders with both names, without scripts', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const heading of ['Финляндия · Finland', 'Грузия · Georgia', 'Казахстан · Kazakhstan', 'Монголия · Mongolia']) {
      expect(html).toContain(heading);
    }
    expect(html).toContain('Верхний Ларс – Дарьяли');
    expect(html).toContain('Verkhny Lars (Upper Lars) – Dariali');
    expect(html.match(/data-checkpoint="/g)).toHaveLength(46);
  });

  it('loads nothing from another host', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const references = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(references.length).toBeGreaterThan(0);
    expect(references.filter((reference) => /^(https?:)?\/\//.test(reference))).toEqual([]);
  });
});

describe('Socket.IO', () => {
  it('accepts a client on /socket.io and acknowledges server:ping with the server time', async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(server.url, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: false,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      const before = Date.now();
      const result = await socket.timeout(5000).emitWithAck('server:ping');
      expect(result.ok).toBe(true);
      if (result.ok) expect(Math.abs(Date.parse(result.data.serverTime) - before)).toBeLessThan(60_000);
    } finally {
      socket.close();
    }
  });
});
