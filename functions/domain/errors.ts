import type { ErrorCode } from '../contract/api.ts';

/** A failure the caller can act on. Services throw these; the api layer maps them to a status once. */
export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (message: string, fields?: Record<string, string>) => new DomainError(400, 'invalid_request', message, fields);
export const notFound = (what: string) => new DomainError(404, 'not_found', `${what} was not found`);
export const forbidden = (message = 'You do not have access to this') => new DomainError(403, 'forbidden', message);
export const unauthenticated = () => new DomainError(401, 'unauthenticated', 'Please sign in');
export const conflict = (message: string) => new DomainError(409, 'conflict', message);
