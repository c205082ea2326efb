export interface EnrolmentCode {
  code: string;
  tenantId: string;
  cohortId: string | null;
  expiresAt: string | null;
  maxUses: number | null;
  uses: number;
  /** Set when the municipality withdrew the code. */
  revokedAt?: string | null;
}

export type CodeState = 'ok' | 'expired' | 'used_up' | 'revoked';

/** Whether a founder may still sign up with this code at `now`. */
export function enrolmentCodeState(code: EnrolmentCode, now: Date): CodeState {
  if (code.revokedAt) return 'revoked';
  if (code.expiresAt && Date.parse(code.expiresAt) <= now.getTime()) return 'expired';
  if (code.maxUses !== null && code.uses >= code.maxUses) return 'used_up';
  return 'ok';
}
