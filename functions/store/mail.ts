import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Mail { to: string; subject: string; text: string }
export interface Mailer { send(m: Mail): Promise<void> }

/** Production: SES v2 from the verified sender identity. */
export function sesMailer(from: string, client: Pick<SESv2Client, 'send'> = new SESv2Client({})): Mailer {
  return {
    async send(m) {
      await client.send(new SendEmailCommand({
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
      const b64 = (s: string) => `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`;
      const eml = [
        `From: ${from}`, `To: ${m.to}`, `Subject: ${b64(m.subject)}`, `Date: ${new Date().toUTCString()}`, 'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64', '', Buffer.from(m.text).toString('base64'), '',
      ].join('\r\n');
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
