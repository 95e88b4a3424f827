// Telling "the database is unreachable" apart from a bug. The first is
// weather: the client should hear `unavailable` and try again; the second is
// ours to fix and is logged as internal. Errors arrive from Prisma (with the
// driver adapter's cause), from pg, and from Node's sockets.

/** Prisma's codes for a database it cannot reach or lost mid-way. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** @prisma/driver-adapter-utils error kinds that mean the same. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** PostgreSQL: shutting down, crashed, starting up, or out of connection slots. */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const MESSAGES = [/connection terminated/i, /query read timeout/i, /timeout exceeded when trying to connect/i, /can't reach database server/i, /server closed the connection/i];

function causesOf(error: unknown): unknown[] {
  const seen: unknown[] = [];
  const queue = [error];
  while (queue.length > 0 && seen.length < 10) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null || seen.includes(current)) continue;
    seen.push(current);
    const record = current as { cause?: unknown; meta?: { driverAdapterError?: unknown }; errors?: unknown };
    queue.push(record.cause, record.meta?.driverAdapterError);
    if (Array.isArray(record.errors)) queue.push(...record.errors);
  }
  return seen;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return causesOf(error).some((candidate) => {
    const { code, kind, message } = candidate as { code?: unknown; kind?: unknown; message?: unknown };
    if (typeof code === 'string' && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08'))) return true;
    if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
    return typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message));
  });
}
