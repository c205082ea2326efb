import type { ServerCatalog } from '../contract/catalog.ts';
import type { LoginRules } from '../domain/login.ts';
import type { Db } from '../store/db.ts';
import type { ScryptParams } from './passwords.ts';

export interface AppConfig {
  /** `__Host-` cookie with Secure; false only for the plain-http local host. */
  secureCookies: boolean;
  scrypt: ScryptParams;
  loginRules: LoginRules;
  /** Origins allowed to send state-changing requests (CSRF origin check). */
  allowedOrigins: string[];
}

/** Everything a use case needs from the outside world, passed in so tests can pick engines and time. */
export interface Deps {
  db: Db;
  clock: () => Date;
  catalog: () => ServerCatalog;
  config: AppConfig;
}
