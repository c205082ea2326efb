// Plain values shared with the browser. No zod here: the web app imports this file at run time and must stay small;
// it imports the schemas' types only.

/** The four areas of 特定創業支援等事業 (産業競争力強化法): 経営, 財務, 人材育成, 販路開拓. */
export const AREAS = ['management', 'finance', 'hr', 'sales'] as const;

/** Limits stated once, used by the API and the web forms alike. */
export const LIMITS = {
  bodyBytes: 16 * 1024,
  passwordMin: 8,
  passwordMax: 128,
  nameMax: 80,
  emailMax: 254,
  codeMax: 32,
  clientEventIdMax: 64,
  /** A CSV of founders to invite: about 5,000 rows of name, email and cohort. */
  importBytes: 512 * 1024,
  /** A founder's comment on a module, in characters (code points, as a person counts them; the form counts the same). */
  feedbackCommentMax: 400,
} as const;

/** Characters as a person counts them (code points: an emoji is one), for limits the form shows live. */
export const charCount = (text: string): number => [...text].length;

/** Error codes the web app translates; the server message is the English fallback. */
export const ERROR_CODES = [
  'invalid_request', 'invalid_json', 'payload_too_large', 'not_found', 'unauthenticated', 'forbidden', 'csrf_failed',
  'conflict', 'rate_limited', 'invalid_credentials', 'email_taken', 'code_invalid', 'code_expired', 'code_used_up', 'code_revoked',
  'account_deactivated', 'second_factor_required', 'totp_invalid', 'token_invalid', 'token_expired', 'password_incorrect',
  'invitation_mismatch', 'already_member', 'checkin_invalid', 'checkin_closed', 'not_in_cohort', 'session_locked',
  'password_too_common', 'unsupported_media_type', 'stale_version', 'plan_not_ready', 'upload_missing', 'upload_rejected', 'slot_taken', 'attempts_exhausted', 'module_not_completed', 'survey_closed', 'survey_changed', 'tenant_exists', 'unavailable', 'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
