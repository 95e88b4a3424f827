// The folders keep to their jobs (README's layout): lib/ is the domain and can be read and tested without any
// framework, so nothing in it imports Next.js, React, Socket.IO, Serwist, Leaflet or Redis.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FRAMEWORKS = /from '(next(\/[\w-]+)*|react|react-dom(\/[\w-]+)?|socket\.io|socket\.io-client|serwist|leaflet|react-leaflet|ioredis|@socket\.io\/[\w-]+)'/;

function files(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(folder, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(folder, entry.name)] : [],
  );
}

describe('lib/', () => {
  it('imports no framework', () => {
    const offenders = files('lib').filter((file) => FRAMEWORKS.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the check would see one', () => {
    expect(FRAMEWORKS.test("import { cookies } from 'next/headers';")).toBe(true);
    expect(FRAMEWORKS.test("import type { Server } from 'socket.io';")).toBe(true);
    expect(FRAMEWORKS.test("import { z } from 'zod';")).toBe(false);
  });
});
