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
