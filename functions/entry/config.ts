import { DEFAULT_LOGIN_RULES } from '../domain/login.ts';
import type { AppConfig } from '../services/deps.ts';
import { OWASP_SCRYPT } from '../services/passwords.ts';

/**
 * App configuration from the environment, shared by the hosts. SCRYPT_LOG2N may only LOWER the cost outside
 * production (tests); the Lambda host refuses it.
 */
export function configFromEnv(env: NodeJS.ProcessEnv, o: { secureCookies: boolean; allowedOrigins: string[] }): AppConfig {
  const log2n = env.SCRYPT_LOG2N ? Number(env.SCRYPT_LOG2N) : undefined;
  if (log2n !== undefined && (!Number.isInteger(log2n) || log2n < 10 || log2n > 20)) throw new Error('SCRYPT_LOG2N must be an integer 10–20');
  return {
    secureCookies: o.secureCookies,
    scrypt: log2n ? { ...OWASP_SCRYPT, N: 2 ** log2n } : OWASP_SCRYPT,
    loginRules: DEFAULT_LOGIN_RULES,
    allowedOrigins: o.allowedOrigins,
    uniformReplyMs: 400,
  };
}
