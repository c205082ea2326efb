// Development pages of the local host (`npm start`, browser tests). They exist only here: the Lambda bundle is built
// from entry/lambda-api.ts, which never imports this file (test/api/lambda-bundle.test.ts checks the bundle).
import { type Context, Hono } from 'hono';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';

export interface OutboxMail { file: string; to: string; subject: string; date: string; text: string }

const decodeWord = (s: string) => s.replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_m, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));

/** The mails in the outbox folder, newest first (the .eml files outboxMailer writes). */
export function readOutbox(dir: string): OutboxMail[] {
  let files: string[];
  try { files = readdirSync(dir).filter((f) => f.endsWith('.eml')); } catch { return []; }
  return files.sort().reverse().map((file) => {
    const raw = readFileSync(join(dir, file), 'utf8');
    const [head = '', ...rest] = raw.split('\r\n\r\n');
    const header = (name: string) => decodeWord(head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}: `))?.slice(name.length + 2) ?? '');
    // A mail with attachments (a consultation's .ics) is multipart: its text is the first part's body.
    const multipart = /multipart\/mixed/i.test(head);
    const body = multipart ? (rest[1] ?? '').split('\r\n--')[0]! : rest.join('\r\n\r\n');
    return { file, to: header('To'), subject: header('Subject'), date: header('Date'), text: Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') };
  });
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
/**
 * Mail text with its links clickable (only http(s) links on this machine's origin or https). Lines become <br>: the
 * site's CSP (style-src 'self') covers these pages too, so an inline style such as pre-wrap would be refused.
 */
const linkify = (text: string) => esc(text).replace(/(https?:\/\/[^\s<]+)/g, (u) => `<a href="${u}">${u}</a>`);

const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} | Sōgyō Campus (local)</title></head><body><main><h1>${esc(title)}</h1>${body}</main></body></html>`;

/** The development POSTs take JSON only: a page on another site cannot send it without a preflight this host never answers. */
const isJson = (c: Context) => /^application\/json\b/.test(c.req.header('content-type') ?? '');
const notJson = (c: Context) => c.json({ error: { code: 'unsupported_media_type', message: 'Send JSON' } }, 415);

export function devPages(o: {
  outbox: string; demoTotp: Record<string, string>; clock: () => Date;
  setClockOffset?: (ms: number) => void; runMakeUps?: () => Promise<unknown>;
}) {
  return new Hono()
    // Moves the local clock forward (minutes, 0–1440; 0 puts it back): lets a browser test end a seminar session.
    .post('/clock', async (c) => {
      if (!isJson(c)) return notJson(c);
      const body = await c.req.json().catch(() => ({})) as { offsetMinutes?: unknown };
      const m = body.offsetMinutes;
      if (typeof m !== 'number' || !Number.isInteger(m) || m < 0 || m > 1440 || !o.setClockOffset) return c.json({ error: { code: 'invalid_request', message: 'offsetMinutes: an integer 0–1440' } }, 400);
      o.setClockOffset(m * 60_000);
      return c.json({ now: o.clock().toISOString() });
    })
    // Runs the seminar make-ups job now (it also runs every minute).
    .post('/jobs/makeups', async (c) => {
      if (!isJson(c)) return notJson(c);
      return c.json(o.runMakeUps ? await o.runMakeUps() : {});
    })
    .get('/outbox', (c) => {
      const mails = readOutbox(o.outbox);
      const list = mails.length === 0 ? '<p>No mail yet.</p>' : `<p>${mails.length} mail(s), newest first. Nothing here leaves this machine.</p>${mails.map((m, i) => `
        <article aria-labelledby="m${i}"><h2 id="m${i}">${esc(m.subject)}</h2><p>To: <span class="to">${esc(m.to)}</span> · ${esc(m.date)}</p><p class="mail">${linkify(m.text).replace(/\n/g, '<br>')}</p></article>`).join('')}`;
      c.header('Cache-Control', 'no-store');
      return c.html(page('Local outbox', list));
    })
    .get('/outbox.json', (c) => c.json(readOutbox(o.outbox)))
    .get('/totp', (c) => {
      const now = o.clock().getTime();
      const rows = Object.entries(o.demoTotp).map(([email, secret]) => {
        const code = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: now });
        return `<tr><td>${esc(email)}</td><td><code>${code}</code></td><td><code>${esc(secret)}</code></td></tr>`;
      }).join('');
      const left = 30 - Math.floor(now / 1000) % 30;
      c.header('Cache-Control', 'no-store');
      return c.html(page('Demo two-step codes', `<p>Current codes of the seeded demo accounts (valid about ${left} more seconds; each code works once). Reload for new ones.</p><table><thead><tr><th scope="col">Account</th><th scope="col">Code</th><th scope="col">Key</th></tr></thead><tbody>${rows}</tbody></table>`));
    });
}
