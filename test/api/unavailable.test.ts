import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import { freePort } from '../../functions/entry/engines.ts';
import { createDb } from '../../functions/store/db.ts';
import { ORIGIN, testDeps } from '../fixtures/deps.ts';

// DESIGN.md "Availability": when DynamoDB cannot answer, the API says 503 with Retry-After within a few seconds —
// never 500, never a hang — and changes nothing.
const servers: Server[] = [];
const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
});

async function appAgainst(endpoint: string) {
  const { deps } = await testDeps();
  const app = createApp({ ...deps, db: createDb({ table: deps.db.table, endpoint }) }, { clientAddress: () => '192.0.2.1', log: () => {} });
  return async (method: string, path: string, body?: unknown) => {
    const t0 = Date.now();
    const r = await app.request(`${ORIGIN}${path}`, {
      method, headers: { origin: ORIGIN, cookie: `__Host-sid=${'x'.repeat(43)}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: r.status, ms: Date.now() - t0, retryAfter: r.headers.get('retry-after'), body: await r.json() as { error: { code: string; requestId?: string } } };
  };
}

describe('DynamoDB is unreachable', () => {
  it.each([
    ['GET', '/api/me', undefined],
    ['POST', '/api/auth/signin', { email: 'a@example.jp', password: 'a-long-passphrase' }],
    ['POST', '/api/auth/signup', { code: 'OSAKA-TEST', name: 'x', email: 'b@example.jp', password: 'a-long-passphrase' }],
  ] as const)('%s %s answers 503 with Retry-After at once', async (method, path, body) => {
    const call = await appAgainst(`http://127.0.0.1:${await freePort()}`); // nothing listens there
    const r = await call(method, path, body);
    expect(r.status).toBe(503);
    expect(Number(r.retryAfter)).toBeGreaterThan(0);
    expect(r.body.error.code).toBe('unavailable');
    expect(r.ms).toBeLessThan(3000);
  });
});

describe('DynamoDB accepts connections but never answers', () => {
  it('answers 503 within a few seconds instead of hanging', async () => {
    const port = await freePort();
    const hung = createServer((s) => { sockets.push(s); });
    servers.push(hung);
    await new Promise<void>((ok) => hung.listen(port, '127.0.0.1', ok));
    const call = await appAgainst(`http://127.0.0.1:${port}`);
    const r = await call('GET', '/api/me');
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('unavailable');
    expect(r.ms).toBeLessThan(7000);
  }, 20_000);
});
