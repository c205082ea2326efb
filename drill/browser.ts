// A simulated browser tab for the drills: cookies and the CSRF token as the web app keeps them, every answer timed and
// counted, and — for writes that carry their own id — retries as the learner app's outbox makes them (the same body,
// exponential backoff with jitter, never sooner than Retry-After; web/src/api).

export interface Answer { status: number; body: unknown; headers: Headers; ms: number; tries?: number }

/** What every tab of a drill adds up: statuses, 503s and their Retry-After, answer times, retries. */
export class Tally {
  byStatus: Record<number, number> = {};
  status503 = 0;
  status5xxOther = 0;
  /** 503 answers without a usable Retry-After header (the client could not honour it). */
  missingRetryAfter = 0;
  /** Requests that got no HTTP answer at all (connection refused or reset, or no answer within the limit). */
  networkErrors = 0;
  retries = 0;
  /** The slowest 503 answer: how long a client waits to learn that the database is down. */
  maxDownAnswerMs = 0;
  /** The slowest answer of any status to a request sent while the database was down (the restart included). */
  maxOutageAnswerMs = 0;
  /** A few examples of what went wrong, for the report. */
  samples: string[] = [];
  /** 409 answers (retried): what they said, for the report. */
  conflicts: string[] = [];
  /** Whether the database is down now, and the slowest answer to a request that overlapped an outage. */
  down = false;

  note(method: string, path: string, a: Answer | null, startedDown: boolean, error?: unknown) {
    if (!a) {
      this.networkErrors++;
      if (this.samples.length < 20) this.samples.push(`${method} ${path}: no answer (${(error as Error)?.message ?? error})`);
      return;
    }
    this.byStatus[a.status] = (this.byStatus[a.status] ?? 0) + 1;
    if (a.status === 409 && this.conflicts.length < 20) this.conflicts.push(`${method} ${path}: ${JSON.stringify(a.body).slice(0, 160)}`);
    if (a.status === 503) {
      this.status503++;
      if (!(Number(a.headers.get('retry-after')) > 0)) this.missingRetryAfter++;
    } else if (a.status >= 500) {
      this.status5xxOther++;
      if (this.samples.length < 20) this.samples.push(`${method} ${path}: ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
    }
    if (a.status === 503) this.maxDownAnswerMs = Math.max(this.maxDownAnswerMs, a.ms);
    if (startedDown || this.down) this.maxOutageAnswerMs = Math.max(this.maxOutageAnswerMs, a.ms);
  }
}

/** Statuses after which the same request may be sent again (the outbox's list): it changed nothing, or it was idempotent. */
const RETRYABLE = new Set([408, 409, 429, 500, 502, 503, 504]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Tab {
  cookie: string | undefined;
  csrf: string | undefined;
  constructor(private base: string, private tally: Tally, private answerLimitMs = 20_000) {}

  /** One request, once: the answer, or null when none came (network error, or nothing within the limit). */
  async once(method: string, path: string, body?: unknown): Promise<Answer | null> {
    const headers: Record<string, string> = { origin: this.base, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const startedDown = this.tally.down;
    const t0 = Date.now();
    try {
      const r = await fetch(`${this.base}${path}`, {
        method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), signal: AbortSignal.timeout(this.answerLimitMs),
      });
      const text = await r.text();
      const a: Answer = { status: r.status, body: text && (r.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text, headers: r.headers, ms: Date.now() - t0 };
      const set = r.headers.get('set-cookie');
      if (set) this.cookie = set.split(';')[0];
      const csrf = (a.body as { csrfToken?: string } | null)?.csrfToken;
      if (csrf) this.csrf = csrf;
      this.tally.note(method, path, a, startedDown);
      return a;
    } catch (e) {
      this.tally.note(method, path, null, startedDown, e);
      return null;
    }
  }

  /**
   * Sends the same request until it is answered for good (2xx, or a 4xx that retrying cannot change) or `giveUpAt`
   * passes: only for requests that are safe to repeat (reads, and writes that carry their own id or set a state).
   */
  async retrying(method: string, path: string, body: unknown, giveUpAt: number): Promise<Answer | null> {
    for (let attempt = 0; ; attempt++) {
      const a = await this.once(method, path, body);
      if (a) a.tries = attempt + 1;
      if (a && !RETRYABLE.has(a.status)) return a;
      if (Date.now() > giveUpAt) return a;
      const base = Math.min(8000, 250 * 2 ** Math.min(attempt, 6));
      const retryAfter = a ? Number(a.headers.get('retry-after')) * 1000 || 0 : 0;
      this.tally.retries++;
      await sleep(Math.max(retryAfter, base * (0.5 + Math.random() / 2)));
    }
  }
}
