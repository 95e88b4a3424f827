// Errors that may reach a client. Anything else is an internal error: it is
// logged on the server and the client sees only `internal`.

export const ERROR_STATUS = {
  invalid_query: 400,
  invalid_input: 400,
  not_found: 404,
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
  error: { code: ErrorCode; message: string; fields?: FieldError[] };
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[] | undefined;

  constructor(code: ErrorCode, message: string, fields?: FieldError[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields ? { fields: this.fields } : {}),
      },
    };
  }
}

/** Turns a zod failure into field errors that name the offending paths. */
export function fieldErrorsFrom(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}
