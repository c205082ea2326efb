import { createHash, randomInt } from 'node:crypto';
import type { RecoveryCodes, TotpEnrolment } from '../contract/account.ts';
import { conflict, DomainError } from '../domain/errors.ts';
import { markLoginSecondFactor, endOtherLogins } from '../store/logins.ts';
import { disableTotp, enableTotp, getTotp, putPendingTotp, replaceRecoveryCodes, useRecoveryCode, useTotpStep } from '../store/totp.ts';
import type { Authenticated } from './auth.ts';
import type { Deps } from './deps.ts';
import { qrSvgDataUrl } from './qr.ts';

/**
 * Two-factor sign-in with time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30-second steps — what every
 * authenticator app reads from an otpauth URI). The code math is the `otpauth` library's and the QR image the
 * `qrcode` library's; both load on first use, not when the API starts.
 */
const ISSUER = 'Sōgyō Campus';
const PERIOD = 30;
/** Codes of the step before and after the current one are accepted: up to 30 s of clock drift either way. */
const WINDOW = 1;
const RECOVERY_CODES = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

const totpOf = async (secret: string, label: string) => {
  const { TOTP, Secret } = await import('otpauth');
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
};

const hashRecovery = (code: string) => createHash('sha256').update(code.toLowerCase().replace(/[\s-]/g, '')).digest('base64url');

function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const raw = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  return { codes, hashes: codes.map(hashRecovery) };
}

/** The step a code belongs to, if it is one of the accepted window around `now`; null otherwise. */
async function matchingStep(secret: string, code: string, now: Date): Promise<number | null> {
  const totp = await totpOf(secret, 'check');
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

/** Starts enrolment: a new secret, shown as an otpauth URI, a QR code and the base32 key to type by hand. */
export async function startEnrolment(deps: Deps, auth: Authenticated): Promise<TotpEnrolment> {
  const { Secret } = await import('otpauth');
  const secret = new Secret({ size: 20 }).base32;
  if (!(await putPendingTotp(deps.db, auth.user.id, secret))) throw conflict('Two-step sign-in is already on for this account');
  const uri = (await totpOf(secret, auth.user.email)).toString();
  return { secret, otpauthUri: uri, qrDataUrl: await qrSvgDataUrl(uri) };
}

/**
 * Confirms enrolment with a first code: turns two-factor sign-in on, marks this login as having passed it, ends the
 * person's other logins (they did not), and hands out the recovery codes — the only time they are shown.
 */
export async function confirmEnrolment(deps: Deps, auth: Authenticated, code: string): Promise<RecoveryCodes> {
  const record = await getTotp(deps.db, auth.user.id);
  if (record?.secret) throw conflict('Two-step sign-in is already on for this account');
  if (!record?.pendingSecret) throw new DomainError('invalid_request', 'Start the set-up again: no key is waiting to be confirmed', { code: 'no_enrolment' });
  const step = await matchingStep(record.pendingSecret, code, deps.clock());
  if (step === null) throw new DomainError('totp_invalid', 'The code is not correct; check the time on your phone and enter the newest code', { code: 'invalid' });
  const { codes, hashes } = newRecoveryCodes();
  if (!(await enableTotp(deps.db, auth.user.id, { secret: record.pendingSecret, step, recoveryHashes: hashes, at: deps.clock().toISOString() }))) {
    throw conflict('The set-up changed meanwhile; start it again');
  }
  await markLoginSecondFactor(deps.db, auth.tokenHash);
  await endOtherLogins(deps.db, auth.user.id, auth.tokenHash);
  return { recoveryCodes: codes };
}

/** Checks a sign-in's second factor: a current code (each step once) or an unused recovery code (used up). */
export async function checkSecondFactor(deps: Deps, userId: string, body: { code?: string | undefined; recoveryCode?: string | undefined }): Promise<boolean> {
  const record = await getTotp(deps.db, userId);
  if (!record?.secret) return false;
  if (body.recoveryCode) return useRecoveryCode(deps.db, userId, hashRecovery(body.recoveryCode));
  if (!body.code) return false;
  const step = await matchingStep(record.secret, body.code, deps.clock());
  if (step === null || step <= record.lastStep) return false;
  return useTotpStep(deps.db, userId, step);
}

/** New recovery codes (the old ones stop working), from a login that passed the second factor. */
export async function regenerateRecoveryCodes(deps: Deps, auth: Authenticated): Promise<RecoveryCodes> {
  if (!auth.user.totpEnabledAt) throw new DomainError('invalid_request', 'Two-step sign-in is not on for this account');
  if (!auth.login.secondFactor) throw new DomainError('second_factor_required', 'Sign in again with your code first');
  const { codes, hashes } = newRecoveryCodes();
  await replaceRecoveryCodes(deps.db, auth.user.id, hashes);
  return { recoveryCodes: codes };
}

/** Founders may turn it off again; staff, advisors and admins may not (their role requires it). */
export async function turnOff(deps: Deps, auth: Authenticated, required: boolean): Promise<void> {
  if (required) throw new DomainError('forbidden', 'Your role requires two-step sign-in; it cannot be turned off');
  if (!auth.user.totpEnabledAt) {
    // Nothing on; a pending enrolment is dropped.
    const { deleteTotp } = await import('../store/totp.ts');
    await deleteTotp(deps.db, auth.user.id);
    return;
  }
  await disableTotp(deps.db, auth.user.id);
}
