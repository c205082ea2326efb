import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ApiError } from '../../contract/api.ts';
import { DomainError } from '../../domain/errors.ts';
import type { AppEnv } from '../env.ts';

export type Log = (level: 'info' | 'warn' | 'error', message: string, extra?: Record<string, unknown>) => void;

/** Structured JSON logs with the request id; the Lambda host routes them to CloudWatch unchanged. */
export const jsonLog: Log = (level, message, extra) => {
  const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...extra });
  if (level === 'error') console.error(line); else if (process.env.LOG_LEVEL !== 'silent') console.log(line);
};

const body = (code: string, message: string, fields?: Record<string, string>): ApiError => ({ error: { code, message, ...(fields ? { fields } : {}) } });

/** The one place where errors become responses: typed errors keep their status, anything else is a logged 500 without details. */
export function onError(log: Log) {
  return (err: Error, c: Context<AppEnv>) => {
    if (err instanceof DomainError) {
      if (err.retryAfterSeconds) c.header('Retry-After', String(err.retryAfterSeconds));
      return c.json(body(err.code, err.message, err.fields), err.status);
    }
    if (err instanceof HTTPException && err.status < 500) {
      return c.json(body(err.status === 413 ? 'payload_too_large' : 'invalid_request', err.message || 'Bad request'), err.status);
    }
    log('error', 'unhandled', { requestId: c.get('requestId'), path: c.req.path, error: err.stack ?? String(err) });
    return c.json(body('internal', 'Something went wrong on our side; please try again'), 500);
  };
}

export const notFound = (c: Context) => c.json(body('not_found', `No route for ${c.req.method} ${c.req.path}`), 404);
