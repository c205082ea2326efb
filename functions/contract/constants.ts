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

// ---------------------------------------------------------------------------------- local-government codes (区域)

/** The 47 prefectures by their JIS X 0401 number (the first two digits of a 全国地方公共団体コード). */
export const PREFECTURES = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県', '埼玉県', '千葉県', '東京都', '神奈川県',
  '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県', '岐阜県', '静岡県', '愛知県', '三重県', '滋賀県', '京都府', '大阪府', '兵庫県',
  '奈良県', '和歌山県', '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県', '香川県', '愛媛県', '高知県', '福岡県', '佐賀県', '長崎県',
  '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
] as const;

/**
 * The check digit of a five-digit local-government code (総務省 全国地方公共団体コード): the digits weighted 6, 5, 4, 3, 2,
 * the sum's remainder by 11 taken from 11, and the last digit of that (10 → 0, 11 → 1).
 */
export function checkDigit(five: string): number {
  if (!/^\d{5}$/.test(five)) throw new RangeError('five digits expected');
  const sum = [...five].reduce((n, d, i) => n + Number(d) * (6 - i), 0);
  return (11 - (sum % 11)) % 10;
}

export type CodeProblem = 'format' | 'check_digit' | 'prefecture';

/**
 * Why a six-digit local-government code is not one (null when it is): six digits, a prefecture number 01–47, a
 * municipality part other than 000 (that is the prefecture itself), and the right check digit. 271004 is 大阪市.
 */
export function codeProblem(code: string): CodeProblem | null {
  if (!/^\d{6}$/.test(code)) return 'format';
  const pref = Number(code.slice(0, 2));
  if (pref < 1 || pref > 47 || code.slice(2, 5) === '000') return 'prefecture';
  return checkDigit(code.slice(0, 5)) === Number(code[5]) ? null : 'check_digit';
}

/** The prefecture a valid code belongs to. */
export const prefectureOf = (code: string): string => PREFECTURES[Number(code.slice(0, 2)) - 1]!;


/** The longest free-text answer to the union's survey, in characters. */
export const SURVEY_FREE_TEXT_MAX = 2000;
