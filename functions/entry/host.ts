// Composes the local host: engines, table, buckets, content, seed, and one Node server for /api, /content and the
// web app. `npm start`, the browser tests and the bench all start the platform through startLocalHost().
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createApp } from '../api/app.ts';
import { notFound } from '../api/middleware/errors.ts';
import { loadServerCatalog } from '../catalog/loader.ts';
import type { Deps } from '../services/deps.ts';
import { allowBrowserUploads, createBlobs, ensureBuckets, getObject, putObject } from '../store/blobs.ts';
import { localFiles } from '../store/files.ts';
import { createDb } from '../store/db.ts';
import { outboxMailer } from '../store/mail.ts';
import { runReminders } from '../jobs/reminders.ts';
import { remindConsultations } from '../services/consultations.ts';
import { remindSurveys } from '../services/surveys.ts';
import { runMakeUps } from '../services/seminars.ts';
import { getMarker, putMarker } from '../store/meta.ts';
import { SCHEMA_VERSION } from '../store/keys.ts';
import { dropTable, ensureTable } from '../store/table.ts';
import { configFromEnv } from './config.ts';
import { type Engine, startDynamo, startS3 } from './engines.ts';
import { DEMO_TOTP, isSeeded, seedDemoRegion } from './seed.ts';
import { devPages } from './dev-pages.ts';

/** The CSP CloudFront sends in production; the local host sends the same so that tests see what users get. */
/** The deployment's CSP (infra/edge/headers.ts) for http: the page may also post attachments to the local S3 server. */
export const contentSecurityPolicy = (uploadOrigin: string) => [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: https:", "media-src 'self' https:",
  `connect-src 'self' ${uploadOrigin}`, "font-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

export interface LocalHostOptions {
  port: number;
  dynamoPort: number;
  s3Port: number;
  dataDir: string;
  table?: string;
  seed?: boolean;
  /** Where the built web app and content are (default dist/). */
  distDir?: string;
  quiet?: boolean;
  /** Run the scheduled jobs (reminders) at start and daily; default true. */
  jobs?: boolean;
  /** Called when DynamoDB Local died and could not be restarted: the host cannot serve (npm start exits loudly). */
  onFatal?: (e: Error) => void;
}

export interface LocalHost {
  url: string;
  endpoints: { dynamo: string; s3: string };
  deps: Deps;
  /** True when this start seeded the demo region (its first run). */
  seeded: boolean;
  /** The process id of the running DynamoDB Local (changes when the watchdog restarts it). */
  dynamoPid(): number | undefined;
  /**
   * Reliability drills only (drill/dying-db.ts): kills DynamoDB Local hard (SIGKILL) and keeps it down — the watchdog
   * stands aside — until restartDynamo() starts it again on the same port and data. `npm start` never calls these.
   */
  killDynamo(): Promise<void>;
  restartDynamo(): Promise<void>;
  stop(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8', '.vtt': 'text/vtt; charset=utf-8', '.webm': 'video/webm', '.mp4': 'video/mp4',
};
/** What Vite writes into dist/web/assets: a name, `-`, an 8-character content hash (base64url), then .js or .css. */
export const HASHED_ASSET = /\/assets\/[^/]+-[A-Za-z0-9_-]{8}\.(?:js|css)$/;
/** One byte range (`bytes=a-b`, `bytes=a-`, `bytes=-n`), as video players ask; anything else is served whole. */
const SINGLE_RANGE = /^bytes=(\d+-\d*|-\d+)$/;

function* walk(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p); else yield p;
  }
}

export async function startLocalHost(o: LocalHostOptions): Promise<LocalHost> {
  const dist = o.distDir ?? 'dist';
  const engines: Engine[] = [];
  const stopEngines = async () => { for (const e of engines.reverse()) await e.stop(); };
  try {
    let dynamo = await startDynamo(o.dynamoPort, join(o.dataDir, 'dynamodb'));
    engines.push(dynamo);
    const s3 = await startS3(o.s3Port, join(o.dataDir, 's3'));
    engines.push(s3);

    // DynamoDB Local on a busy laptop is slower than DynamoDB: a longer per-try limit, still far from a hang.
    const db = createDb({ table: o.table ?? 'sogyo-campus', endpoint: dynamo.endpoint, timeouts: { connectMs: 1000, requestMs: 6000, attempts: 2 } });
    await ensureTable(db.raw, db.table);
    // A table written by an older key design would be misread: start it over (local data is a demo, kept in .data/).
    const schema = await getMarker(db, 'SCHEMA');
    if (schema !== undefined && schema !== String(SCHEMA_VERSION) || (schema === undefined && await getMarker(db, 'SEED') !== undefined)) {
      if (!o.quiet) console.log(`The local table was written by an older version of the key design; recreating it and seeding the demo region again.`);
      await dropTable(db.raw, db.table);
      await ensureTable(db.raw, db.table);
    }
    await putMarker(db, 'SCHEMA', String(SCHEMA_VERSION));
    const blobs = createBlobs({ endpoint: s3.endpoint, buckets: { content: 'sogyo-content', uploads: 'sogyo-uploads' } });
    await ensureBuckets(blobs);

    // Publish the compiled public content the way the deployment does: into the content bucket under content/.
    const contentDir = join(dist, 'content');
    for (const file of walk(contentDir)) {
      const rel = relative(contentDir, file).split('\\').join('/');
      await putObject(blobs, blobs.buckets.content, `content/${rel}`, readFileSync(file), CONTENT_TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream');
    }

    const url = `http://localhost:${o.port}`;
    // The browser posts plan attachments straight to the bucket, as it does to S3 (CORS for the site's origins).
    await allowBrowserUploads(blobs, [url, `http://127.0.0.1:${o.port}`]);
    const catalog = loadServerCatalog(join(dist, 'catalog', 'server.json'));
    // Mail stays on this machine: one .eml per mail in .data/outbox, browsable at /dev/outbox.
    const outbox = join(o.dataDir, 'outbox');
    const mailer = outboxMailer(outbox, 'no-reply@localhost');
    // The local clock can be moved forward from /dev/clock (a browser test lets a seminar session end); never on Lambda.
    let clockOffsetMs = 0;
    const deps: Deps = {
      db, clock: () => new Date(Date.now() + clockOffsetMs), catalog: () => catalog,
      config: configFromEnv(process.env, { secureCookies: false, allowedOrigins: [url, `http://127.0.0.1:${o.port}`] }),
      mailer, siteUrl: url, files: localFiles(s3.endpoint, blobs.buckets.uploads),
    };
    const seeded = o.seed !== false && !(await isSeeded(deps));
    if (seeded) await seedDemoRegion(deps);

    const api = createApp(deps, {
      clientAddress: (c) => getConnInfo(c).remote.address ?? 'unknown',
      ...(o.quiet ? { log: (level, message, extra) => { if (level === 'error') console.error(JSON.stringify({ level, message, ...extra })); } } : {}),
    });
    const csp = contentSecurityPolicy(s3.endpoint);
    const site = new Hono();
    // Text is compressed as CloudFront compresses it in production (gzip here; only compressible types over 1 KB, per
    // Accept-Encoding, with Vary: Accept-Encoding), so local measurements of the app mean something.
    site.use(compress());
    site.use(async (c, next) => {
      await next();
      if (!c.req.path.startsWith('/api/')) {
        c.header('Content-Security-Policy', csp);
        c.header('X-Content-Type-Options', 'nosniff');
        c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
        c.header('X-Frame-Options', 'DENY');
      }
    });
    site.route('/', api);
    // An API path no route answers is a 404 in the API's error format, as on Lambda — not the app's page below (which
    // the API's access check would then turn into a 500).
    site.all('/api/*', notFound);
    // Development pages of the local host only (never part of the Lambda bundle): the mail outbox, and the current
    // two-step codes of the demo accounts.
    site.route('/dev', devPages({
      outbox, demoTotp: DEMO_TOTP, clock: deps.clock,
      setClockOffset: (ms) => { clockOffsetMs = ms; },
      runMakeUps: () => runMakeUps(deps),
    }));
    site.get('/content/*', async (c) => {
      const key = c.req.path.slice(1);
      if (key.includes('..')) return c.json({ error: { code: 'not_found', message: 'No such content' } }, 404);
      // Like CloudFront in front of S3: byte ranges for video seeking, whole objects otherwise.
      const range = c.req.header('range');
      const obj = await getObject(blobs, blobs.buckets.content, key, range && SINGLE_RANGE.test(range) ? range : undefined);
      if (!obj) return c.json({ error: { code: 'not_found', message: 'No such content' } }, 404);
      if (obj === 'invalid_range') return c.body(null, 416);
      const headers = { 'Content-Type': obj.contentType, 'Cache-Control': 'no-cache', 'Accept-Ranges': 'bytes', ...(obj.etag ? { ETag: obj.etag } : {}) };
      if (obj.contentRange) return c.body(obj.body as Uint8Array<ArrayBuffer>, 206, { ...headers, 'Content-Range': obj.contentRange });
      return c.body(obj.body as Uint8Array<ArrayBuffer>, 200, headers);
    });
    const webRoot = join(dist, 'web');
    // As the deployment sets them on the objects: a year for the hashed build output (its name changes with its
    // content), revalidation for everything else (index.html above all, so a new build is seen at once).
    const cacheControl = (path: string) => (HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    site.use('*', serveStatic({ root: webRoot, onFound: (path, c) => { c.header('Cache-Control', cacheControl(path)); } }));
    const indexHtml = () => readFileSync(join(webRoot, 'index.html'), 'utf8');
    site.get('*', (c) => { c.header('Cache-Control', 'no-cache'); return c.html(indexHtml()); });

    const server: ServerType = await new Promise((ok) => {
      const s = serve({ fetch: site.fetch, port: o.port, hostname: '127.0.0.1' }, () => ok(s));
    });
    // The daily jobs run here too, mailing into .data/outbox (one .eml per mail) instead of through SES.
    const runJobs = () => runReminders({ db, mailer, clock: deps.clock, catalog: deps.catalog, siteUrl: url })
      .then(async (r) => {
        const consultations = await remindConsultations(deps);
        const surveys = await remindSurveys(deps);
        if ((r.sent || consultations || surveys.reminded) && !o.quiet) console.log(`Reminders: ${r.sent + consultations} mail(s) and ${surveys.reminded} survey reminder(s) written to ${outbox}`);
      })
      .catch((e: unknown) => console.error('Reminders job failed:', e));
    // DynamoDB Local is a child process that can die (killed, out of memory). While it is down the API answers 503;
    // the watchdog restarts it on the same port and data, and gives up loudly after three failed restarts in a row.
    let stopped = false;
    /** A drill holds DynamoDB Local down on purpose: the watchdog leaves it dead until the drill restarts it. */
    let held = false;
    const watch = (engine: Engine) => {
      void engine.died?.then(async (code) => {
        if (stopped || held) return;
        console.error(`DynamoDB Local stopped unexpectedly (exit code ${code}); restarting it…`);
        for (let attempt = 1; attempt <= 3 && !stopped; attempt++) {
          try {
            const next = await startDynamo(o.dynamoPort, join(o.dataDir, 'dynamodb'));
            engines[engines.indexOf(dynamo)] = next;
            dynamo = next;
            console.error('DynamoDB Local is running again.');
            watch(next);
            return;
          } catch (e) {
            console.error(`Restart ${attempt} of DynamoDB Local failed: ${(e as Error).message}`);
            await new Promise((r) => setTimeout(r, 1000 * attempt));
          }
        }
        if (!stopped) (o.onFatal ?? ((e: Error) => { console.error(e.message); process.exit(1); }))(new Error('DynamoDB Local could not be restarted; stopping.'));
      });
    };
    watch(dynamo);
    const daily = setInterval(runJobs, 24 * 3600_000);
    daily.unref();
    // Seminar make-ups, as on AWS every 15 minutes; here every minute, so a demo session's absentees see theirs soon.
    const makeUps = setInterval(() => {
      runMakeUps(deps)
        .then((r) => { if (r.assigned && !o.quiet) console.log(`Make-ups: ${r.assigned} assigned, ${r.mailed} mail(s) written to ${outbox}`); })
        .catch((e: unknown) => console.error('Make-ups job failed:', e));
    }, 60_000);
    makeUps.unref();
    if (o.jobs !== false) void runJobs();
    return {
      url, deps, seeded, endpoints: { dynamo: dynamo.endpoint, s3: s3.endpoint },
      dynamoPid: () => dynamo.pid,
      async killDynamo() {
        if (held) return;
        held = true;
        const dead = dynamo.died;
        if (dynamo.pid) process.kill(dynamo.pid, 'SIGKILL');
        await dead;
      },
      async restartDynamo() {
        if (!held || stopped) return;
        const next = await startDynamo(o.dynamoPort, join(o.dataDir, 'dynamodb'));
        engines[engines.indexOf(dynamo)] = next;
        dynamo = next;
        held = false;
        watch(next);
      },
      async stop() {
        stopped = true;
        clearInterval(daily);
        clearInterval(makeUps);
        await new Promise<void>((ok) => server.close(() => ok()));
        db.raw.destroy();
        blobs.s3.destroy();
        await stopEngines();
      },
    };
  } catch (e) {
    await stopEngines();
    throw e;
  }
}

/** Whether `target` is older than any file under `sources` (or missing). */
export function isStale(target: string, sources: string[]): boolean {
  let built: number;
  try { built = statSync(target).mtimeMs; } catch { return true; }
  for (const src of sources) {
    let st;
    try { st = statSync(src); } catch { continue; }
    if (st.isDirectory()) { for (const f of walk(src)) if (statSync(f).mtimeMs > built) return true; }
    else if (st.mtimeMs > built) return true;
  }
  return false;
}

/** Builds the curriculum and the web app when their sources changed since the last build. False when a build failed. */
export function buildIfStale(log: (line: string) => void = console.log): boolean {
  const steps: Array<[string, string, string[]]> = [
    ['courses:build', 'dist/catalog/server.json', ['courses', 'functions/catalog', 'functions/contract']],
    ['web:build', 'dist/web/index.html', ['web', 'functions/contract']],
  ];
  for (const [script, target, sources] of steps) {
    if (!isStale(target, sources)) continue;
    log(`Building (${script})…`);
    const r = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
    if (r.status !== 0) { console.error(`npm run ${script} failed; fix the errors above and try again.`); return false; }
  }
  return true;
}
