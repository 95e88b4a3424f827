// Telling "the database is unreachable" apart from a bug. The first is
// weather: the client should hear `unavailable` and try again; the second is
// ours to fix and is logged as internal. Errors arrive from Prisma (with the
// driver adapter's cause), from pg, and from Node's sockets.

/** Prisma's codes for a database it cannot reach or lost mid-way. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** @prisma/driver-adapter-utils error kinds that mean the same. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** Node's: the socket failed, or (the embedded database's files) the disk is full or read-only. */
const SYSTEM_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ENOSPC', 'EROFS', 'EDQUOT']);
/**
 * PostgreSQL classes that are an outage, not a bug: 08 connection, 53 insufficient resources (disk full,
 * out of memory, out of connection slots), 57P operator intervention (shutting down, crashed, starting up),
 * 58 system errors (I/O), 3D000 no such database, 28 authentication (a rotated password), 25006 a read-only
 * server (a standby after a failover), 55000 an object not ready (a database being dropped or restored).
 */
const SQLSTATE_CLASSES = ['08', '53', '57P', '58', '28'];
const SQLSTATES = new Set(['3D000', '25006', '55000']);
const MESSAGES = [
  /connection terminated/i, /query read timeout/i, /timeout exceeded when trying to connect/i, /can't reach database server/i, /server closed the connection/i,
  /no space left on device/i,
];

const isOutageCode = (code: string) =>
  PRISMA_CODES.has(code) || SYSTEM_CODES.has(code) || SQLSTATES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && SQLSTATE_CLASSES.some((prefix) => code.startsWith(prefix)));

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
    if (typeof code === 'string' && isOutageCode(code)) return true;
    if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
    return typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message));
  });
}
