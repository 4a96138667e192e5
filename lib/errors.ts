import { ZodError, type z } from 'zod';
import { DATABASE_UNAVAILABLE_DIGEST } from './error-digest';

// Expected failures carry a code; one mapper turns any error into an HTTP
// status and a message that is safe to show. Internals never leave the server.

export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  /** A sensitive action needs a second factor verified in the last 10 minutes (lib/auth/step-up.ts). */
  STEP_UP_REQUIRED: 403,
  /** The MFA policy requires this user to enrol a second factor first. */
  MFA_ENROLMENT_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, opts: { fieldErrors?: FieldErrors; details?: unknown } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = opts.fieldErrors;
    this.details = opts.details;
  }
}

export const forbidden = (message = 'You do not have permission to do this.') => new AppError('FORBIDDEN', message);
export const notFound = (what = 'The requested item') => new AppError('NOT_FOUND', `${what} was not found.`);

export type PublicError = {
  status: number;
  code: ErrorCode | 'INTERNAL';
  message: string;
  fieldErrors?: FieldErrors;
  details?: unknown;
};

export function prismaCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string' && /^P\d{4}$/.test(code)) return code;
  }
  return undefined;
}

/** Seconds a client should wait before retrying while the database is away. */
export const RETRY_AFTER_SECONDS = 5;

export { DATABASE_UNAVAILABLE_DIGEST };

export function markDatabaseUnavailable(error: unknown): unknown {
  if (isDatabaseUnavailable(error) && error && typeof error === 'object') Object.assign(error, { digest: DATABASE_UNAVAILABLE_DIGEST });
  return error;
}

// Connection-level failures: the database is down, restarting or refusing
// connections. They say nothing about the request, so they become a 503.
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const CONNECTION_MESSAGE = /Connection terminated|has encountered a connection error and is not queryable|Client was closed and is not queryable|terminating connection|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|Can't reach database server|timeout exceeded when trying to connect|Connection (refused|closed)|server closed the connection unexpectedly|ECONNREFUSED|ECONNRESET|connect ETIMEDOUT/i;

/** True when `error` (or anything in its cause chain) is the database being unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const o = e as { code?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown; kind?: unknown };
    for (const code of [o.code, o.originalCode]) {
      if (typeof code !== 'string') continue;
      // SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, cannot connect now).
      if (CONNECTION_CODES.has(code) || /^08\d{3}$|^57P0[123]$/.test(code)) return true;
    }
    if (typeof o.message === 'string' && CONNECTION_MESSAGE.test(o.message)) return true;
    e = o.cause;
  }
  return false;
}

export function toPublicError(error: unknown): PublicError {
  if (error instanceof AppError) {
    return {
      status: ERROR_STATUS[error.code],
      code: error.code,
      message: error.message,
      fieldErrors: error.fieldErrors,
      details: error.details,
    };
  }
  if (error instanceof ZodError) {
    const fieldErrors = zodFieldErrors(error);
    const [field, msgs] = Object.entries(fieldErrors)[0] ?? ['_', ['invalid input']];
    return { status: 422, code: 'VALIDATION', message: `Invalid input: ${field === '_' ? '' : `${field}: `}${msgs[0]}`, fieldErrors };
  }
  if (isDatabaseUnavailable(error)) {
    return { status: 503, code: 'UNAVAILABLE', message: `The database is not reachable right now. Try again in ${RETRY_AFTER_SECONDS} seconds.` };
  }
  const code = prismaCode(error);
  if (code === 'P2002') return { status: 409, code: 'CONFLICT', message: 'An item with the same unique value already exists.' };
  if (code === 'P2025') return { status: 404, code: 'NOT_FOUND', message: 'The requested item was not found.' };
  if (code === 'P2003') return { status: 409, code: 'CONFLICT', message: 'The item is still referenced by other records.' };
  return { status: 500, code: 'INTERNAL', message: 'Something went wrong on our side. The error has been logged.' };
}

/** Logs unexpected errors (never the expected ones, which are the user's). */
export function logUnexpected(error: unknown, context: string): void {
  const pub = toPublicError(error);
  if (pub.code === 'UNAVAILABLE') console.warn(`[${context}] database unavailable: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  else if (pub.status >= 500) console.error(`[${context}]`, error);
}

// A union that matches no branch reports the branch that came closest, so
// the message still names a field instead of "Invalid input".
function flatIssues(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): { path: PropertyKey[]; message: string }[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length) {
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0];
      if (closest.length) return flatIssues(closest, path);
    }
    return [{ path, message: issue.message }];
  });
}

/** The one conversion from a zod error to field errors (`_` for the whole input). */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out = new Map<string, string[]>();
  for (const issue of flatIssues(error.issues)) {
    const key = issue.path.map(String).join('.') || '_';
    out.set(key, [...(out.get(key) ?? []), issue.message]);
  }
  return Object.fromEntries(out);
}
