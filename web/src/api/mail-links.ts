import type { AcceptInvitation, InvitationPreview } from '../../../functions/contract/account.ts';
import type { Me } from '../../../functions/contract/api.ts';
import { forgetLogin, takeLogin } from './account.ts';
import { request } from './client.ts';

// The pages that account mails link to: password reset, email confirmation, invitations. Their token travels in the
// request body, never in a URL. Used by the account pages only.

/** Same answer whatever the email: the page says "if an account exists". */
export const requestPasswordReset = (email: string) => request<{ accepted: true }>('POST', '/api/auth/password-reset', { email });

/** The server ends every login of the account, and this browser's login whoever it was: the page forgets it too. */
export async function resetPassword(token: string, password: string): Promise<void> {
  await request<void>('POST', '/api/auth/password-reset/confirm', { token, password });
  forgetLogin();
}

export const confirmEmail = (token: string) => request<void>('POST', '/api/auth/confirm-email', { token });

export const previewInvitation = (token: string) => request<InvitationPreview>('POST', '/api/invitations/preview', { token });

/** Accepts: a new person is signed in by the answer; an existing (signed-in) person gets the role added. */
export async function acceptInvitation(body: AcceptInvitation): Promise<Me> {
  return takeLogin(await request<Me>('POST', '/api/invitations/accept', body));
}
