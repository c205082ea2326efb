import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import { originCheck, verifyOrigin } from '../../functions/api/middleware/origin.ts';
import { testDeps } from '../fixtures/deps.ts';

// During a rotation of the origin secret CloudFront's edge locations switch from the old value to the new one over
// several minutes, so the API accepts both; anything else is a call around CloudFront and gets 403.
const OLD = 'Qm9vdHN0cmFwT3JpZ2luU2VjcmV0R2VuZXJhdGlvbjE';
const NEW = 'U2Vjb25kR2VuZXJhdGlvbk9mVGhlT3JpZ2luU2VjcmV0';

const tiny = (secrets: string[]) => new Hono().use(verifyOrigin(secrets)).get('/ping', (c) => c.json({ ok: true }));
const call = (app: { request: Hono['request'] }, path: string, header?: string) =>
  app.request(`http://api.example${path}`, header === undefined ? {} : { headers: { 'x-origin-verify': header } });

describe('verifyOrigin', () => {
  it.each([['the new secret', NEW], ['the old secret', OLD]])('lets %s through during a rotation', async (_name, secret) => {
    const r = await call(tiny([NEW, OLD]), '/ping', secret);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true });
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['another value', 'not-the-secret'],
    ['a prefix of a secret', NEW.slice(0, 20)],
    ['a secret with more after it', `${NEW}x`],
    ['a secret in other letter case', OLD.toLowerCase()],
    ['both secrets joined', `${NEW},${OLD}`],
  ])('refuses %s with 403 forbidden', async (_name, header) => {
    const r = await call(tiny([NEW, OLD]), '/ping', header);
    expect(r.status).toBe(403);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await r.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('forbidden');
    expect(body.error.message.length).toBeGreaterThan(5);
  });

  it('after the rotation accepts only the new secret', async () => {
    expect((await call(tiny([NEW]), '/ping', NEW)).status).toBe(200);
    expect((await call(tiny([NEW]), '/ping', OLD)).status).toBe(403);
  });

  it('cannot be set up to let a missing header through', () => {
    expect(() => verifyOrigin([])).toThrow(/at least one/);
    expect(() => verifyOrigin([NEW, ''])).toThrow(/must not be empty/);
    expect(() => verifyOrigin(['  '])).toThrow(/must not be empty/);
  });
});

describe('originCheck (the options of createApp)', () => {
  it('installs no check without secrets, as on the local host', () => {
    expect(originCheck({})).toBeUndefined();
    expect(originCheck({ originSecret: '' })).toBeUndefined();
  });

  it('refuses an empty list rather than silently running without the check', () => {
    expect(() => originCheck({ originSecrets: [] })).toThrow(/empty/);
  });

  it('takes the older single originSecret as one more accepted value', async () => {
    const check = originCheck({ originSecrets: [NEW], originSecret: OLD })!;
    const app = new Hono().use(check).get('/ping', (c) => c.text('ok'));
    expect((await call(app, '/ping', NEW)).status).toBe(200);
    expect((await call(app, '/ping', OLD)).status).toBe(200);
    expect((await call(app, '/ping', 'other')).status).toBe(403);
  });
});

describe('createApp with originSecrets', () => {
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    const { deps } = await testDeps();
    app = createApp(deps, { originSecrets: [NEW, OLD], log: () => {} });
  });

  it.each([['new', NEW], ['old', OLD]])('lets a request with the %s secret reach the routes', async (_name, secret) => {
    const r = await call(app, '/api/me', secret);
    expect(r.status).toBe(401);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });

  it('refuses any other request before routing, session or CSRF checks', async () => {
    for (const [path, header] of [['/api/me', undefined], ['/api/me', 'wrong'], ['/api/no-such-route', undefined]] as const) {
      const r = await call(app, path, header);
      expect(r.status, `${path} ${header}`).toBe(403);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
    const post = await app.request('http://api.example/api/auth/signin', {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-origin-verify': 'wrong' }, body: '{}',
    });
    expect(post.status).toBe(403);
  });
});
