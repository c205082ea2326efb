import type { ApiError } from '../../../functions/contract/api.ts';
import type { ErrorCode } from '../../../functions/contract/constants.ts';

/** An API answer that is not 2xx, or no answer at all (`network`). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly fields: Record<string, string> = {},
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;
let onSecondFactorRequired: (() => void) | undefined;
/**
 * What the app does when the API answers 403 `second_factor_required` (a staff, advisor or admin request from a login
 * that has not passed two-step sign-in): the layout sends the person to set it up, or to sign in again with it.
 */
export const whenSecondFactorRequired = (f: (() => void) | undefined) => { onSecondFactorRequired = f; };
/** The login's synchronizer token, learnt from /api/me and sign-in; sent on every state-changing request. */
export const setCsrfToken = (t: string | undefined) => { csrfToken = t; };

/** The one way the web app calls the API: JSON in and out, the CSRF token on writes, failures as ApiFailure. */
export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown,
  init: { keepalive?: boolean; /** Overrides the page's token (ending a login the page no longer shows). */ csrfToken?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = init.csrfToken ?? csrfToken;
  if (method !== 'GET' && token) headers['x-csrf-token'] = token;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}), ...(init.keepalive ? { keepalive: true } : {}) });
  } catch {
    throw new ApiFailure(0, 'network', 'network');
  }
  if (res.status === 204) return undefined as T;
  let data: unknown;
  try { data = await res.json(); } catch { data = undefined; }
  if (!res.ok) {
    const e = (data as ApiError | undefined)?.error;
    const retry = Number(res.headers.get('retry-after') ?? '') || undefined;
    if (res.status === 403 && e?.code === 'second_factor_required') onSecondFactorRequired?.();
    throw new ApiFailure(res.status, (e?.code as ErrorCode) ?? 'internal', e?.message ?? res.statusText, e?.fields, retry);
  }
  return data as T;
}

/** A client-made id for an event or attempt: a resend of the same id is counted once by the server. */
export const newClientId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`).replace(/[^A-Za-z0-9_-]/g, '');

/** Static JSON published under /content (the compiled curriculum). Cached for the life of the page. */
const contentCache = new Map<string, Promise<unknown>>();
/** Forgets the cached content (component tests that serve different content under the same path). */
export const clearContentCache = () => contentCache.clear();
export function content<T>(path: string): Promise<T> {
  let p = contentCache.get(path);
  if (!p) {
    p = fetch(`/content/${path}`).then(async (r) => {
      if (!r.ok) throw new ApiFailure(r.status, r.status === 404 ? 'not_found' : 'internal', r.statusText);
      return r.json();
    }, () => { throw new ApiFailure(0, 'network', 'network'); });
    p.catch(() => contentCache.delete(path));
    contentCache.set(path, p);
  }
  return p as Promise<T>;
}
