import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { putCounters } from '../../functions/store/totals.ts';
import { catalogFixture } from '../fixtures/catalog.ts';
import { testApp, testDeps } from '../fixtures/deps.ts';
import { aCode, aTenant, signUpBody } from '../fixtures/factories.ts';

// `npm run totals:rebuild` as an operator runs it: a separate process, against a table, read-only unless --fix.
const dir = mkdtempSync(join(tmpdir(), 'sogyo-rebuild-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run totals:rebuild', () => {
  it('reports agreement, then a damaged counter (exit 1), repairs it with --fix, and agrees again', async () => {
    const t = await testDeps();
    const api = testApp(t.deps);
    await aTenant(t.deps);
    const code = await aCode(t.deps);
    const f = api.client();
    await f.post('/api/auth/signup', signUpBody(code, 'cli@example.jp'));
    for (const l of ['l1', 'l2']) await f.put(`/api/progress/kiso/m1/${l}`, { eventId: `cli-evt-${l}-0001`, status: 'completed' });
    const catalog = join(dir, 'catalog.json');
    writeFileSync(catalog, JSON.stringify(catalogFixture()));
    const run = (...extra: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/totals-rebuild.ts',
      '--endpoint', inject('dynamoEndpoint'), '--table', t.deps.db.table, '--catalog', catalog, ...extra], {
      encoding: 'utf8', env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
    });

    let r = run();
    expect(r.stdout, r.stderr).toContain('271004: 1 founders, all totals agree');
    expect(r.status).toBe(0);

    await putCounters(t.deps.db, '271004', { kind: 'module', courseId: 'kiso', moduleId: 'm1' }, { lessonCompletions: 5, moduleCompletions: 1, starts: 1 });
    r = run('--tenant', '271004');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('MODSTAT#kiso#m1 lessonCompletions: stored 5, recomputed 2');

    r = run('--fix');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1 difference(s), fixed');
    expect(run().stdout).toContain('all totals agree');
    expect(run('--tenant', 'osaka').status).toBe(2);
  }, 60_000);
});
