// Errors that may reach a client. Anything else is an internal error: it is
// logged on the server and the client sees only `internal`.
import { isDatabaseUnavailable } from './database-errors';

export const ERROR_STATUS = {
  invalid_query: 400,
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  unknown_checkpoint: 404,
  mode_not_allowed: 422,
  proof_required: 403,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Which input field was wrong, and why (a path such as `border` or `queueKm`). */
export interface FieldError {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    fields?: FieldError[];
    /** `rate_limited` and `proof_required`: seconds until the client may try again (HTTP also sends Retry-After). */
    retryAfter?: number;
    /** `rate_limited`: which limit was met, so the page can say the true reason. */
    limit?: RateLimitName;
  };
}

/**
 * The limits a report can meet: this device's reports, this network address's reports, new devices without a
 * proof of work on this address (`proof_required`); a push subscription's: new ones from this address, writes
 * to one already stored; and any request's: those of one Socket.IO connection (server/request-budget.ts).
 */
export type RateLimitName = 'device' | 'address' | 'unproven_devices' | 'push_subscriptions' | 'push_updates' | 'connection';

// Next.js bundles app/ separately from server/, so two copies of this class
// exist in one process; a shared brand lets `instanceof` recognise either.
const BRAND = Symbol.for('kordon.AppError');

export class AppError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  readonly [BRAND] = true;
  readonly code: ErrorCode;
  readonly fields: FieldError[] | undefined;
  /** Seconds until a rate-limited client may try again. */
  readonly retryAfterSeconds: number | undefined;
  readonly limit: RateLimitName | undefined;

  constructor(code: ErrorCode, message: string, fields?: FieldError[], retryAfterSeconds?: number, limit?: RateLimitName) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
    this.retryAfterSeconds = retryAfterSeconds;
    this.limit = limit;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  /** The error as acknowledgements and JSON bodies carry it. */
  toPayload(): ErrorBody['error'] {
    return this.toBody().error;
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields ? { fields: this.fields } : {}),
        ...(this.retryAfterSeconds !== undefined ? { retryAfter: this.retryAfterSeconds } : {}),
        ...(this.limit !== undefined ? { limit: this.limit } : {}),
      },
    };
  }
}

/** Turns a zod failure into field errors that name the offending paths; each unknown key is its own field. */
export function fieldErrorsFrom(
  issues: readonly { code?: string; path: readonly PropertyKey[]; message: string; keys?: readonly string[] }[],
): FieldError[] {
  const pathOf = (path: readonly PropertyKey[]) => path.map(String).join('.') || '(root)';
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' && issue.keys
      ? issue.keys.map((key) => ({ path: pathOf([...issue.path, key]), message: 'is not a known field' }))
      : [{ path: pathOf(issue.path), message: issue.message }],
  );
}

/** Any thrown value as an error a client may see: unknown errors become `internal`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return new AppError('unavailable', 'The database cannot be reached right now. Try again in a moment.');
  return new AppError('internal', 'Something went wrong on the server.');
}
