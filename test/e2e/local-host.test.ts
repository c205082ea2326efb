import { describe, expect, inject, it } from 'vitest';

// The local host serves the API and the app from one origin. An API path that no route answers must be the API's own
// 404 — as on Lambda behind CloudFront — and not the app's page, which the API's access check would turn into a 500.
const base = () => inject('baseUrl');

describe('the local host', () => {
  it.each(['/api/codes/', '/api/no-such-thing', '/api/me/nothing-here'])('answers GET %s with 404 in the error format', async (path) => {
    const r = await fetch(`${base()}${path}`);
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('still serves the app for its own pages', async () => {
    const r = await fetch(`${base()}/account/confirm-email`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
  });
});
