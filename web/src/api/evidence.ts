import type { EvidenceRecord, VerifiedRecord } from '../../../functions/contract/evidence.ts';
import { request } from './client.ts';

/** The signed-in founder's own evidence record. */
export const getEvidence = () => request<EvidenceRecord>('GET', '/api/evidence');
/** The public view of a record by its verification code (no sign-in). */
export const verifyRecord = (code: string) => request<VerifiedRecord>('GET', `/api/verify/${encodeURIComponent(code)}`);

/** The public address a municipality's staff open to check a record. */
export const verifyUrl = (code: string, origin = location.origin) => `${origin}/verify/${encodeURIComponent(code)}`;
