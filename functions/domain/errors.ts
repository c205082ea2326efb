import type { ErrorCode } from '../contract/api.ts';

/**
 * A failure the caller can act on. Services throw these; the api layer maps each code to its HTTP status in one table
 * (api/middleware/errors.ts), so a code means the same status everywhere.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * The database or blob store cannot answer now (down, unreachable, throttled, overloaded): the request changed nothing
 * and may be retried after `retryAfterSeconds`. Thrown by the store; answered 503 with Retry-After.
 */
export class Unavailable extends Error {
  constructor(message: string, readonly retryAfterSeconds = 2) {
    super(message);
    this.name = 'Unavailable';
  }
}

export const invalid = (message: string, fields?: Record<string, string>) => new DomainError('invalid_request', message, fields);
export const notFound = (what: string) => new DomainError('not_found', `${what} was not found`);
export const forbidden = (message = 'You do not have access to this') => new DomainError('forbidden', message);
export const unauthenticated = () => new DomainError('unauthenticated', 'Please sign in');
export const conflict = (message: string) => new DomainError('conflict', message, undefined, 1);
