import type { AccountPatch, Deleted, LoginInfo, RecoveryCodes, TotpEnrolment } from '../../../functions/contract/account.ts';
import type { Me } from '../../../functions/contract/api.ts';
import { account } from './account.ts';
import { request } from './client.ts';
import { outbox } from './progress.ts';

// The signed-in person's own account: settings, signed-in devices, two-step sign-in, their data. Used by the account
// pages only (their own chunk), never by the learner's first load.

/** Name, language, reminder mails: the page shows the answer (the account as the server now has it). */
export async function updateAccount(patch: AccountPatch): Promise<Me> {
  const me = await request<Me>('PATCH', '/api/me', patch);
  account.mutate(me);
  return me;
}

export const changePassword = (body: { currentPassword: string; newPassword: string }) => request<void>('POST', '/api/me/password', body);
/** Sends a confirmation link to the new address; the account moves only when it is opened. */
export const changeEmail = (body: { email: string; currentPassword: string }) => request<{ accepted: true }>('POST', '/api/me/email', body);

export const listLogins = () => request<{ items: LoginInfo[] }>('GET', '/api/me/logins');
export const endLogin = (loginId: string) => request<void>('DELETE', `/api/me/logins/${encodeURIComponent(loginId)}`);

/** Starts (or restarts) two-step enrolment: a new key, as a QR image and as text. */
export const startTotp = () => request<TotpEnrolment>('POST', '/api/me/totp');
/** The first code turns two-step sign-in on (this login counts as verified) and returns the recovery codes, once. */
export const confirmTotp = (code: string) => request<RecoveryCodes>('POST', '/api/me/totp/confirm', { code });
export const newRecoveryCodes = (currentPassword: string) => request<RecoveryCodes>('POST', '/api/me/totp/recovery-codes', { currentPassword });
export const turnOffTotp = (currentPassword: string) => request<void>('POST', '/api/me/totp/off', { currentPassword });

/** The person's data: plain links, so the browser downloads them with the login cookie and the server's file names. */
export const DATA_URL = { json: '/api/me/data.json', csv: '/api/me/data.csv' } as const;

/**
 * Deletes the account (founders only). The server ends every login; their progress still waiting on this device is
 * deleted with them, unsent. The caller then forgets the person (forgetLogin), once it has left the signed-in view.
 */
export async function deleteAccount(userId: string, currentPassword: string): Promise<Deleted> {
  const done = await request<Deleted>('POST', '/api/me/delete', { currentPassword });
  await outbox.forget(userId);
  return done;
}
