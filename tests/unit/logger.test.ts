import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, safeError } from '../../server/logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ LOG_LEVEL: 'debug' }, stream), lines };
}

describe('logs', () => {
  it('cut a database error down to words and stack frames, dropping the row it quotes', () => {
    const error = Object.assign(
      new Error(
        "\nInvalid `prisma.report.createMany()` invocation:\n\n{ data: [{ deviceKey: 'b3f1c9e0aa', waitMinutes: 240 }] }\n\nUnique constraint failed on the fields: (`id`) value '5f0c7a0e-1111'",
      ),
      { code: 'P2002' },
    );
    const safe = safeError(error);
    expect(safe.code).toBe('P2002');
    expect(JSON.stringify(safe)).not.toContain('b3f1c9e0aa');
    expect(JSON.stringify(safe)).not.toContain('5f0c7a0e');
    expect(safe.stack).toMatch(/^\s*at /);
  });

  it('never write an address, a device key or headers, wherever they appear', async () => {
    const { logger, lines } = capture();
    logger.warn({ address: '203.0.113.7', deviceKey: 'secret-device-key-123', request: { headers: { 'x-device-key': 'k' }, ip: '198.51.100.2' } }, 'something');
    logger.error({ err: new Error("connect failed for '203.0.113.7'") }, 'failed');
    await new Promise((resolve) => setImmediate(resolve));
    const text = lines.join('');
    for (const secret of ['203.0.113.7', 'secret-device-key-123', '198.51.100.2', 'x-device-key']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });
});
