import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError, ErrorCode } from '../../contract/api.ts';
import { DomainError, Unavailable } from '../../domain/errors.ts';
import type { AppEnv } from '../env.ts';

export type Log = (level: 'info' | 'warn' | 'error', message: string, extra?: Record<string, unknown>) => void;

/** Structured JSON logs with the request id; the Lambda host routes them to CloudWatch unchanged. */
export const jsonLog: Log = (level, message, extra) => {
  const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...extra });
  if (level === 'error') console.error(line); else if (process.env.LOG_LEVEL !== 'silent') console.log(line);
};

/** The one table from error code to HTTP status: a code means the same status on every route. */
export const STATUS_OF: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_request: 400, invalid_json: 400, payload_too_large: 413, unsupported_media_type: 415, not_found: 404,
  unauthenticated: 401, invalid_credentials: 401, forbidden: 403, csrf_failed: 403, conflict: 409, email_taken: 409,
  stale_version: 409, plan_not_ready: 400, upload_missing: 400, upload_rejected: 400, slot_taken: 409, attempts_exhausted: 409, module_not_completed: 409, survey_closed: 409, survey_changed: 409, tenant_exists: 409, rate_limited: 429, code_invalid: 400, code_expired: 400, code_used_up: 400, code_revoked: 400, account_deactivated: 403,
  password_too_common: 400, unavailable: 503, internal: 500,
  second_factor_required: 403, totp_invalid: 400, token_invalid: 400, token_expired: 400, password_incorrect: 400,
  invitation_mismatch: 403, already_member: 409,
  checkin_invalid: 400, checkin_closed: 409, not_in_cohort: 403, session_locked: 409,
};

const body = (code: ErrorCode, message: string, extra: { fields?: Record<string, string>; requestId?: string } = {}): ApiError =>
  ({ error: { code, message, ...(extra.fields ? { fields: extra.fields } : {}), ...(extra.requestId ? { requestId: extra.requestId } : {}) } });

/**
 * The one place where errors become responses: typed errors get their code's status; an unavailable database a 503
 * with Retry-After; anything else a logged 500 whose body carries only the error format and the request id.
 */
export function onError(log: Log) {
  return (err: Error, c: Context<AppEnv>) => {
    const requestId = c.get('requestId');
    if (err instanceof DomainError) {
      if (err.retryAfterSeconds) c.header('Retry-After', String(err.retryAfterSeconds));
      return c.json(body(err.code, err.message, err.fields ? { fields: err.fields } : {}), STATUS_OF[err.code]);
    }
    if (err instanceof Unavailable) {
      log('warn', 'unavailable', { requestId, path: c.req.path, error: err.message });
      c.header('Retry-After', String(err.retryAfterSeconds));
      return c.json(body('unavailable', 'The service is briefly unavailable; nothing was changed. Please try again in a moment', { requestId }), 503);
    }
    if (err instanceof HTTPException && err.status < 500) {
      const code: ErrorCode = err.status === 413 ? 'payload_too_large' : 'invalid_request';
      return c.json(body(code, err.message || 'Bad request'), STATUS_OF[code]);
    }
    log('error', 'unhandled', { requestId, path: c.req.path, error: err.stack ?? String(err) });
    return c.json(body('internal', 'Something went wrong on our side; please try again', { requestId }), 500);
  };
}

export const notFound = (c: Context) => c.json(body('not_found', `No route for ${c.req.method} ${c.req.path}`), 404);
