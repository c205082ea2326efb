import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run lint` (dependency-cruiser, .dependency-cruiser.cjs) enforces DESIGN.md's import boundaries. Here it runs, as
// package.json spells it, on a small tree beside the repository: files planted to break each rule, and files that
// stay within the rules. Nothing is written into the real tree, which other people are editing meanwhile.
const ROOT = resolve(import.meta.dirname, '../..');
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** Files that the planted imports point at. */
const TARGETS: Record<string, string> = {
  'functions/contract/c.ts': 'export const AREAS = [] as const;',
  'functions/domain/policy.ts': 'export type Action = string;\nexport const can = () => true;',
  'functions/domain/errors.ts': 'export class DomainError extends Error {}\nexport class Unavailable extends DomainError {}',
  'functions/domain/totals.ts': "import type { AREAS } from '../contract/c.ts';\nexport type CounterTarget = typeof AREAS;",
  'functions/store/db.ts': "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const raw = DynamoDBClient;",
  'functions/services/s.ts': "import { raw } from '../store/db.ts';\nimport { can } from '../domain/policy.ts';\nexport const use = [raw, can];",
  'functions/api/app.ts': "import { Hono } from 'hono';\nimport { use } from '../services/s.ts';\nexport const app = [Hono, use];",
  'functions/entry/host.ts': "import { Logger } from '@aws-lambda-powertools/logger';\nimport { app } from '../api/app.ts';\nimport { raw } from '../store/db.ts';\nexport const h = [Logger, app, raw];",
  'web/src/ok.ts': "import { AREAS } from '../../functions/contract/c.ts';\nexport const a = AREAS;",
  'infra/ok.ts': "import { App } from 'aws-cdk-lib';\nexport const app = App;",
};

/** Imports the boundaries allow: none of these may be reported. */
const ALLOWED: Record<string, string> = {
  'functions/domain/ok.ts': "import { AREAS } from '../contract/c.ts';\nimport type { Action } from './policy.ts';\nexport const ok: Action[] = [...AREAS];",
  'functions/api/ok.ts': "import type { Action } from '../domain/policy.ts';\nimport { DomainError } from '../domain/errors.ts';\nimport { use } from '../services/s.ts';\nimport { z } from 'zod';\nexport const ok = [DomainError, use, z] as unknown as Action;",
  'functions/store/ok.ts': "import { Unavailable } from '../domain/errors.ts';\nimport type { CounterTarget } from '../domain/totals.ts';\nimport { AREAS } from '../contract/c.ts';\nexport const ok = [Unavailable, AREAS] as unknown as CounterTarget;",
  'functions/catalog/ok.ts': "import MarkdownIt from 'markdown-it';\nimport { parse } from 'yaml';\nimport { z } from 'zod';\nimport { AREAS } from '../contract/c.ts';\nexport const ok = [MarkdownIt, parse, z, AREAS];",
  'functions/jobs/ok.ts': "import { raw } from '../store/db.ts';\nimport { can } from '../domain/policy.ts';\nexport const ok = [raw, can];",
};

/** One planted violation per rule: [file, content, the rules it must trip]. */
const PLANTED: Array<[string, string, string[]]> = [
  ['functions/domain/plant-sdk.ts', "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const p = DynamoDBClient;", ['domain-imports-only-contract', 'only-store-imports-aws-sdk']],
  ['functions/domain/plant-node.ts', "import { readFileSync } from 'node:fs';\nexport const p = readFileSync;", ['domain-imports-only-contract']],
  ['functions/domain/plant-store.ts', "import { raw } from '../store/db.ts';\nexport const p = raw;", ['domain-imports-only-contract']],
  ['functions/contract/plant.ts', "import { Hono } from 'hono';\nexport const p = Hono;", ['contract-imports-only-zod']],
  ['functions/api/plant-store.ts', "import type { raw } from '../store/db.ts';\nexport type P = typeof raw;", ['api-imports-services-not-store']],
  ['functions/api/plant-rule.ts', "import { can } from '../domain/policy.ts';\nexport const p = can;", ['api-takes-only-errors-and-types-from-domain']],
  ['functions/api/plant-powertools.ts', "import { Logger } from '@aws-lambda-powertools/logger';\nexport const p = Logger;", ['powertools-only-in-entry']],
  ['functions/api/plant-web.ts', "import { a } from '../../web/src/ok.ts';\nexport const p = a;", ['functions-never-import-web-or-infra']],
  ['functions/services/plant-api.ts', "import { app } from '../api/app.ts';\nexport const p = app;", ['services-import-domain-store-contract']],
  ['functions/services/plant-sdk.ts', "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const p = DynamoDBClient;", ['only-store-imports-aws-sdk']],
  ['functions/services/plant-entry.ts', "import { h } from '../entry/host.ts';\nexport const p = h;", ['only-entry-imports-entry', 'services-import-domain-store-contract']],
  ['functions/store/plant-services.ts', "import { use } from '../services/s.ts';\nexport const p = use;", ['store-imports-contract-and-domain-types']],
  ['functions/store/plant-rule.ts', "import { can } from '../domain/policy.ts';\nexport const p = can;", ['store-takes-only-errors-and-types-from-domain']],
  ['functions/catalog/plant-store.ts', "import { raw } from '../store/db.ts';\nexport const p = raw;", ['catalog-imports-contract']],
  ['functions/catalog/plant-hono.ts', "import { Hono } from 'hono';\nexport const p = Hono;", ['catalog-imports-contract']],
  ['functions/jobs/plant-api.ts', "import { app } from '../api/app.ts';\nexport const p = app;", ['jobs-import-domain-store-contract']],
  ['infra/plant.ts', "import { AREAS } from '../functions/contract/c.ts';\nexport const p = AREAS;", ['infra-never-imports-functions']],
  ['web/src/plant.ts', "import type { Action } from '../../functions/domain/policy.ts';\nexport type P = Action;", ['web-imports-only-contract']],
  ['web/src/plant-missing.ts', "import { gone } from './nowhere.ts';\nexport const p = gone;", ['not-to-unresolvable']],
];

let tree: string;
let lint: { status: number; out: string };

beforeAll(() => {
  tree = mkdtempSync(join(tmpdir(), 'sogyo-lint-'));
  for (const [path, text] of [...Object.entries(TARGETS), ...Object.entries(ALLOWED), ...PLANTED.map(([p, t]) => [p, t] as const)]) {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), `${text}\n`);
  }
  for (const f of ['.dependency-cruiser.cjs', 'tsconfig.json']) copyFileSync(join(ROOT, f), join(tree, f));
  symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'), 'dir');
  try {
    const out = execFileSync('sh', ['-c', scripts.lint!], {
      cwd: tree, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}` },
    });
    lint = { status: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    lint = { status: err.status, out: `${err.stdout}${err.stderr}` };
  }
}, 60_000);

afterAll(() => {
  if (tree) rmSync(tree, { recursive: true, force: true });
});

/** `  error <rule>: <from> → <to>` lines of dependency-cruiser's err reporter, as "<rule> <from>". */
const reported = () => [...lint.out.matchAll(/^\s*error (\S+): (\S+) → /gm)].map((m) => `${m[1]} ${m[2]}`);

describe('the import-boundary lint', () => {
  it('runs in npm test, before the tests', () => {
    expect(scripts.test).toMatch(/^npm run typecheck && npm run lint && vitest run/);
    expect(scripts.lint).toMatch(/depcruise functions web\/src infra --config .dependency-cruiser.cjs/);
  });

  it('fails on planted violations', () => {
    expect(lint.status, lint.out).not.toBe(0);
  });

  it.each(PLANTED)('reports %s', (file, _text, rules) => {
    const forFile = reported().filter((r) => r.endsWith(` ${file}`)).map((r) => r.split(' ')[0]).sort();
    expect(forFile, lint.out).toEqual([...new Set(rules)].sort());
  });

  it('reports nothing else: the allowed imports pass', () => {
    const planted = new Set(PLANTED.map(([file]) => file));
    expect(reported().filter((r) => !planted.has(r.split(' ')[1]!)), lint.out).toEqual([]);
  });
});
