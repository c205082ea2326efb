import type { ServerCatalog } from '../contract/catalog.ts';
import type { LoginRules } from '../domain/login.ts';
import type { Db } from '../store/db.ts';
import type { Files } from '../store/files.ts';
import type { Mailer } from '../store/mail.ts';
import type { ScryptParams } from './passwords.ts';

export interface AppConfig {
  /** `__Host-` cookie with Secure; false only for the plain-http local host. */
  secureCookies: boolean;
  scrypt: ScryptParams;
  loginRules: LoginRules;
  /** Origins allowed to send state-changing requests (CSRF origin check). */
  allowedOrigins: string[];
  /**
   * The least time a password-reset request takes to answer, known email or not, so its timing tells nothing
   * (ms; the known-email path sends a mail within it).
   */
  uniformReplyMs: number;
}

/** Everything a use case needs from the outside world, passed in so tests can pick engines and time. */
export interface Deps {
  db: Db;
  clock: () => Date;
  catalog: () => ServerCatalog;
  config: AppConfig;
  /** Account mails (invitations, resets, verifications): SES on AWS, the .data/outbox folder locally. */
  mailer: Mailer;
  /** The site's public origin, for links in mails (https://…, no trailing slash). */
  siteUrl: string;
  /** The uploads bucket (business-plan attachments); absent in the jobs Lambda, which never touches files. */
  files?: Files;
}
