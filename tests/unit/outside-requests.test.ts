import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { outsideRequests } from '../../server/outside-requests';

// Next.js keeps each request in stores like this one; whatever sees the store holds the request.
const request = new AsyncLocalStorage<{ body: string }>();

describe('services handed to Next run outside the request', () => {
  it('a timer or a promise a service leaves behind sees no request store', async () => {
    const seen: unknown[] = [];
    let timer: NodeJS.Timeout | undefined;
    const services = outsideRequests({
      // As a rate limit does: a timer that outlives the request, ending its window.
      limit: async (key: string) => {
        timer = setTimeout(() => seen.push(request.getStore()), 5);
        await Promise.resolve();
        seen.push(request.getStore());
        return `took ${key}`;
      },
      reads: { checkpoint: (id: string) => Promise.resolve().then(() => ({ id, store: request.getStore() })) },
    });
    const answers = await request.run({ body: 'a report' }, async () => ({
      limit: await services.limit('device'),
      read: await services.reads.checkpoint('kyakhta'),
      // The caller itself is still in its request after awaiting the service.
      caller: request.getStore(),
    }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(timer).toBeDefined();
    expect(answers).toEqual({ limit: 'took device', read: { id: 'kyakhta', store: undefined }, caller: { body: 'a report' } });
    expect(seen).toEqual([undefined, undefined]);
  });

  it('keeps `this`, values, errors, and hands class instances and proxies over untouched', async () => {
    class Logger {
      lines: string[] = [];
      log(line: string) {
        this.lines.push(line);
      }
    }
    const logger = new Logger();
    const database = new Proxy({} as Record<string, unknown>, { get: (_, key) => (key === 'then' ? undefined : `model ${String(key)}`) });
    const moderation = {
      moderator: 'ann',
      who(this: { moderator: string }) {
        return this.moderator;
      },
      refuse: async () => {
        throw new Error('no such report');
      },
    };
    const services = outsideRequests({ logger, database, moderation, publicKey: 'BPk', settings: { tiles: null } });
    expect(services.logger).toBe(logger);
    expect(services.database).toBe(database);
    expect(services.moderation.who()).toBe('ann');
    await expect(services.moderation.refuse()).rejects.toThrow('no such report');
    expect(services.publicKey).toBe('BPk');
    expect(services.settings).toEqual({ tiles: null });
  });
});
