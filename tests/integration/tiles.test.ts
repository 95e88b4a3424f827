// Raster tiles are opt-in. With TILE_URL set the page hands the template and
// its attribution to the map; without it (every other test) the page asks no
// other host for anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startServer, type RunningServer } from '../helpers/server';

const TILE_URL = 'https://tiles.example.org/{z}/{x}/{y}.png';
let database: TestDatabase;
let server: RunningServer;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startServer({ ...database.env, TILE_URL, TILE_ATTRIBUTION: '© Example tiles' });
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe('TILE_URL', () => {
  it('reaches the map with its attribution', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    // The props of the client component travel in the page's flight data, JSON-escaped.
    expect(html).toContain('tiles.example.org/{z}/{x}/{y}.png');
    expect(html).toContain('© Example tiles');
  });
});
