import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { configFromContext, type PlatformConfig } from '../../infra/config.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

/** The context of cdk.json (feature flags), so a test app synthesizes what `npm run synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  return (JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;
}

/** A temp folder with a small built dist/ (web app, public content, server catalog): tests never need `npm run build`. */
export function distFixture(dir: string): string {
  const dist = join(dir, 'dist');
  const files: Record<string, string> = {
    'web/index.html': '<!doctype html><title>Sōgyō Campus</title><script type="module" src="/assets/index-3f9a1c.js"></script>',
    'web/assets/index-3f9a1c.js': 'console.log("app")',
    'content/courses/founder-basics/index.json': '{"id":"founder-basics","title":"創業の基礎"}',
    'catalog/server.json': '{"version":"test","answers":{"founder-basics/q1":[2]}}',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dist, path)), { recursive: true });
    writeFileSync(join(dist, path), text);
  }
  return dist;
}

export interface TestPlatformApp {
  app: App;
  config: PlatformConfig;
  dir: string;
  /** The stand-in jobs entry, when functions/entry/lambda-jobs.ts is not written yet. */
  jobsStub?: string;
  /** Removes the temp folder and the stand-in. */
  cleanup(): void;
}

/**
 * An App like infra/app.ts builds from `--context`, with its cloud assembly and the dist fixture in a temp folder.
 * Until the reminders job exists, the Jobs stack is built from a stand-in entry, so its permissions and schedule are
 * tested already; the stand-in lives under the git-ignored .tmp/ because the bundler only takes entries inside the
 * project root.
 */
export function testPlatformApp(context: Record<string, string>): TestPlatformApp {
  const dir = mkdtempSync(join(tmpdir(), 'sogyo-infra-'));
  const dist = distFixture(dir);
  const app = new App({ outdir: join(dir, 'cdk.out'), context: { ...cdkJsonContext(), distDir: dist, ...context } });
  const config = configFromContext(app, ROOT);
  if (existsSync(config.jobsEntry as string)) {
    return { app, config, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const stubDir = join(ROOT, '.tmp', basename(dir));
  const stub = join(stubDir, 'lambda-jobs.ts');
  mkdirSync(stubDir, { recursive: true });
  writeFileSync(stub, 'export const handler = async (event: unknown) => { console.log(JSON.stringify({ event })); };\n');
  return {
    app, config: { ...config, jobsEntry: stub }, dir, jobsStub: stub,
    cleanup: () => {
      for (const d of [dir, stubDir]) rmSync(d, { recursive: true, force: true });
      // .tmp/ itself only if nothing else uses it.
      if (readdirSync(dirname(stubDir)).length === 0) rmdirSync(dirname(stubDir));
    },
  };
}
