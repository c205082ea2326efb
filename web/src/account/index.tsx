// The account pages (アカウント設定, 2段階認証, the pages that account mails link to, the privacy notice): one lazy chunk
// with its own messages, loaded only when someone opens one of them — never in the learner's first load.
import './account.css';

export { AccountPage } from './Account.tsx';
export { ConfirmEmailPage } from './ConfirmEmail.tsx';
export { InvitePage } from './Invite.tsx';
export { PrivacyPage } from './Privacy.tsx';
export { ResetPasswordPage } from './ResetPassword.tsx';
export { TwoFactorPage } from './TwoFactor.tsx';
