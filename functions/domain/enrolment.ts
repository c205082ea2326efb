export interface EnrolmentCode {
  code: string;
  tenantId: string;
  cohortId: string | null;
  expiresAt: string | null;
  maxUses: number | null;
  uses: number;
}

export type CodeState = 'ok' | 'expired' | 'used_up';

/** Whether a founder may still sign up with this code at `now`. */
export function enrolmentCodeState(code: EnrolmentCode, now: Date): CodeState {
  if (code.expiresAt && Date.parse(code.expiresAt) <= now.getTime()) return 'expired';
  if (code.maxUses !== null && code.uses >= code.maxUses) return 'used_up';
  return 'ok';
}
