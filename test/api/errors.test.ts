import { beforeAll, describe, expect, it } from 'vitest';
import { aCode, aTenant, signUpBody } from '../fixtures/factories.ts';
import { testApp, testDeps, type TestClient } from '../fixtures/deps.ts';

let api: ReturnType<typeof testApp>;
let founder: TestClient;
let code: string;

beforeAll(async () => {
  const t = await testDeps();
  api = testApp(t.deps);
  await aTenant(t.deps);
  code = await aCode(t.deps);
  founder = api.client();
  await founder.post('/api/auth/signup', signUpBody(code));
});

const expectError = (r: { status: number; body: { error: { code: string; message: string } } }, status: number, errorCode: string) => {
  expect(r.status).toBe(status);
  expect(r.body.error.code).toBe(errorCode);
  expect(r.body.error.message.length).toBeGreaterThan(5);
};

describe('bad input gets a clear 4xx and no write', () => {
  it('malformed JSON', async () => {
    expectError(await founder.put('/api/progress/kiso/m1/l1', '{"eventId": "abc'), 400, 'invalid_json');
  });

  it('unknown fields', async () => {
    const r = await founder.put('/api/progress/kiso/m1/l1', { eventId: 'evt-12345678', status: 'completed', admin: true });
    expectError(r, 400, 'invalid_request');
    expect(r.body.error.fields).toEqual({ admin: 'unknown field' });
  });

  it('wrong types and values', async () => {
    const r = await founder.put('/api/progress/kiso/m1/l1', { eventId: 42, status: 'done', position: -1 });
    expectError(r, 400, 'invalid_request');
    expect(Object.keys(r.body.error.fields).sort()).toEqual(['eventId', 'position', 'status']);
  });

  it('oversize bodies', async () => {
    const big = JSON.stringify({ ...signUpBody(code, 'big@example.jp'), name: 'x'.repeat(20_000) });
    expectError(await api.client().post('/api/auth/signup', big), 413, 'payload_too_large');
    expect((await api.client().post('/api/auth/signin', { email: 'big@example.jp', password: 'a-long-founder-passphrase' })).status).toBe(401);
  });

  it('a body that is not JSON', async () => {
    expectError(await api.client().post('/api/auth/signin', 'email=a', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
  });

  it('a JSON body under another media type that starts like JSON (found by drill/fuzz.ts)', async () => {
    const body = { locale: 'en' };
    for (const type of ['application/json-patch+json', 'application/json-seq', 'application/jsonx']) {
      expectError(await founder.request('PATCH', '/api/me', body, { 'content-type': type }), 415, 'unsupported_media_type');
    }
    for (const type of ['application/json', 'Application/JSON; charset=utf-8', 'application/json ;charset=UTF-8']) {
      expect((await founder.request('PATCH', '/api/me', body, { 'content-type': type })).status, type).toBe(200);
    }
  });

  it('unknown query parameters', async () => {
    expectError(await founder.get('/api/progress/kiso?debug=1'), 400, 'invalid_request');
  });

  it('malformed path parameters and unknown ids', async () => {
    expectError(await founder.get('/api/progress/KISO!'), 404, 'not_found');
    expectError(await founder.get('/api/codes/%3Cscript%3E'), 404, 'not_found');
    expectError(await founder.get('/api/no-such-route'), 404, 'not_found');
  });

  it('an email that is not an email, an empty name', async () => {
    const r = await api.client().post('/api/auth/signup', { ...signUpBody(code), email: 'not-an-email', name: '  ' });
    expectError(r, 400, 'invalid_request');
    expect(Object.keys(r.body.error.fields).sort()).toEqual(['email', 'name']);
  });

  it('every answer is JSON and never cached', async () => {
    const r = await founder.get('/api/me');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
  });
});

describe('calls that skip CloudFront', () => {
  it('are refused when the app is configured with an origin secret', async () => {
    const { deps } = await testDeps();
    const { createApp } = await import('../../functions/api/app.ts');
    const app = createApp(deps, { originSecret: 's3cret-from-cloudfront', log: () => {} });
    const direct = await app.request('http://api.example/api/me');
    expect(direct.status).toBe(403);
    expect((await direct.json()).error.code).toBe('forbidden');
    expect((await app.request('http://api.example/api/me', { headers: { 'x-origin-verify': 'wrong' } })).status).toBe(403);
    expect((await app.request('http://api.example/api/me', { headers: { 'x-origin-verify': 's3cret-from-cloudfront' } })).status).toBe(401);
  });
});
