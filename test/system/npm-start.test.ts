import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../functions/entry/engines.ts';

// `npm start` as a person runs it: one command, engines as children, data kept across restarts, Ctrl-C stops all.
const dataDir = mkdtempSync(join(tmpdir(), 'sogyo-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/entry/local.ts'], { env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  const deadline = Date.now() + 200_000; // the first start builds and seeds ~60 founders with production password hashing
  while (!/Press Ctrl-C to stop/.test(out)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => out, exited };
}

const javaOf = (dir: string) => {
  try { return execFileSync('pgrep', ['-f', `DynamoDBLocal.*${dir}`], { encoding: 'utf8' }).trim(); } catch { return ''; }
};

describe('npm start', () => {
  it('seeds once, keeps data across a restart, prints the logins, and leaves no Java process after Ctrl-C', async () => {
    const env = { PORT: String(await freePort()), DYNAMO_PORT: String(await freePort()), S3_PORT: String(await freePort()) };
    const first = await start(env);
    expect(first.output()).toContain('Seeded a demo region (first run).');
    expect(first.output()).toMatch(/founder1@example\.jp/);
    expect(first.output()).toContain('OSAKA-2026');
    expect(javaOf(dataDir)).not.toBe('');
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(javaOf(dataDir)).toBe('');

    const second = await start(env);
    try {
      expect(second.output()).not.toContain('Seeded');
      const r = await fetch(`http://127.0.0.1:${env.PORT}/api/auth/signin`, {
        method: 'POST', headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${env.PORT}` },
        body: JSON.stringify({ email: 'founder1@example.jp', password: 'sogyo-campus-demo' }),
      });
      expect(r.status).toBe(200);
    } finally {
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
    }
    expect(javaOf(dataDir)).toBe('');
  }, 420_000);

  it('names the busy port and the PORT variable, and exits without starting anything', async () => {
    const { createServer } = await import('node:net');
    const port = await freePort();
    const s = createServer();
    await new Promise<void>((ok) => s.listen(port, '127.0.0.1', ok));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'functions/entry/local.ts'], {
        env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', PORT: String(port), DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await new Promise<number | null>((ok) => child.once('exit', (c) => ok(c)));
      clearTimeout(timer);
      expect(code).toBe(1);
      expect(stderr).toContain(`Port ${port} is already in use`);
      expect(stderr).toContain('set PORT');
      expect(javaOf(dataDir)).toBe('');
    } finally {
      s.close();
    }
  }, 60_000);
});
