export type DatabaseHealth = { ok: true } | { ok: false; reason: string };

/** Runs `probe` and reports whether it answered within `timeoutMs`; never throws, never hangs. */
export async function checkHealth(probe: () => Promise<unknown>, timeoutMs: number): Promise<DatabaseHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DatabaseHealth>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `database did not answer within ${timeoutMs} ms` }), timeoutMs);
  });
  const answer = probe().then(
    (): DatabaseHealth => ({ ok: true }),
    (error: unknown): DatabaseHealth => ({
      ok: false,
      reason: `database error: ${error instanceof Error ? error.message : String(error)}`,
    }),
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reports that failed because the database is away, seen on the report path: a health probe can succeed
 * while every write fails (a full disk takes a rolled-back write without complaint), so health also says
 * "unavailable" while the last report failed that way within `windowMs` and none has been stored since.
 */
export function createWriteWatch(options: { windowMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  let failure: { at: number; reason: string } | null = null;
  return {
    stored(): void {
      failure = null;
    },
    failed(error: unknown): void {
      failure = { at: now(), reason: error instanceof Error ? error.message : String(error) };
    },
    /** The reason writes are failing now, or null. */
    failing(): string | null {
      if (!failure || now() - failure.at > options.windowMs) return null;
      return `reports are failing: ${failure.reason}`;
    },
  };
}

/** `probe` run at most once per `ms`: readers within that time share its answer. */
export function cachedFor<T>(ms: number, probe: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let last: { at: number; answer: Promise<T> } | null = null;
  return () => {
    if (last && now() - last.at < ms) return last.answer;
    last = { at: now(), answer: probe() };
    return last.answer;
  };
}
