import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface MailAttachment { filename: string; contentType: string; content: string }
export interface Mail { to: string; subject: string; text: string; attachments?: MailAttachment[] }

const b64 = (s: string) => Buffer.from(s).toString('base64').replace(/(.{76})/g, '$1\r\n');
const word = (s: string) => `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`;

/**
 * The whole message as MIME: plain text, or multipart/mixed with attachments (an .ics). SES sends it raw; the local
 * outbox writes it as the .eml a person opens.
 */
export function mimeOf(from: string, m: Mail, date = new Date()): string {
  const head = [`From: ${from}`, `To: ${m.to}`, `Subject: ${word(m.subject)}`, `Date: ${date.toUTCString()}`, 'MIME-Version: 1.0'];
  const textPart = ['Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64', '', b64(m.text)];
  if (!m.attachments?.length) return [...head, ...textPart, ''].join('\r\n');
  const boundary = `sogyo-${Buffer.from(m.subject + m.to).toString('hex').slice(0, 24)}`;
  return [
    ...head, `Content-Type: multipart/mixed; boundary="${boundary}"`, '',
    `--${boundary}`, ...textPart,
    ...m.attachments.flatMap((a) => [
      `--${boundary}`, `Content-Type: ${a.contentType}; name="${a.filename}"`, `Content-Disposition: attachment; filename="${a.filename}"`,
      'Content-Transfer-Encoding: base64', '', b64(a.content),
    ]),
    `--${boundary}--`, '',
  ].join('\r\n');
}
export interface Mailer { send(m: Mail): Promise<void> }

/**
 * Production: SES v2 from the verified sender identity. The SES client is loaded at the first mail, not at cold start:
 * most requests send none (docs/architecture.md, "Cold start").
 */
export function sesMailer(from: string, client?: Pick<SESv2Client, 'send'>): Mailer {
  let ses: Promise<{ client: Pick<SESv2Client, 'send'>; SendEmailCommand: typeof import('@aws-sdk/client-sesv2').SendEmailCommand }> | undefined;
  const load = () => (ses ??= import('@aws-sdk/client-sesv2').then((m) => ({ client: client ?? new m.SESv2Client({}), SendEmailCommand: m.SendEmailCommand })));
  return {
    async send(m) {
      const { client: c, SendEmailCommand } = await load();
      // With an attachment (a consultation's .ics) the message goes as raw MIME; otherwise as SES's simple content.
      await c.send(new SendEmailCommand(m.attachments?.length
        ? { FromEmailAddress: from, Destination: { ToAddresses: [m.to] }, Content: { Raw: { Data: Buffer.from(mimeOf(from, m)) } } }
        : {
          FromEmailAddress: from,
          Destination: { ToAddresses: [m.to] },
          Content: { Simple: { Subject: { Data: m.subject, Charset: 'UTF-8' }, Body: { Text: { Data: m.text, Charset: 'UTF-8' } } } },
        }));
    },
  };
}

/**
 * Local host and tests: each mail becomes a .eml file in `dir` (e.g. .data/outbox) that a person can open in any mail
 * client, instead of leaving the machine.
 */
export function outboxMailer(dir: string, from: string): Mailer & { sent: Mail[] } {
  const sent: Mail[] = [];
  return {
    sent,
    async send(m) {
      mkdirSync(dir, { recursive: true });
      const eml = mimeOf(from, m);
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${m.to.replace(/[^a-z0-9@.-]/gi, '_')}.eml`;
      writeFileSync(join(dir, name), eml);
      sent.push(m);
    },
  };
}

/** Tests and benches: mails kept in memory, newest last. */
export function memoryMailer(): Mailer & { sent: Mail[] } {
  const sent: Mail[] = [];
  return { sent, async send(m) { sent.push(m); } };
}
