import { randomBytes } from 'node:crypto';
import type { AcceptInvitation, ImportResult, Invitation, InvitationPreview, InvitedRole } from '../contract/account.ts';
import type { Role } from '../contract/api.ts';
import { DisplayName, Email } from '../contract/api.ts';
import { DomainError, notFound, unauthenticated } from '../domain/errors.ts';
import { invitationMail } from '../domain/mails.ts';
import { passwordProblem } from '../domain/password.ts';
import { changesOf } from '../domain/totals.ts';
import { Unavailable } from '../domain/errors.ts';
import { AlreadyInvited, deleteInvitation, findInvitation, getInvitation, type InvitationRecord, invitationKey, listInvitations, putInvitation, renewInvitation } from '../store/invitations.ts';
import { deleteToken, getToken, putToken } from '../store/tokens.ts';
import { getCohort, getTenant, listCohorts } from '../store/tenants.ts';
import { addMembership, AlreadyMember, createAccount, EmailTaken, findUserIdByEmail, InvitationGone, loadUserWithMemberships, type MembershipRecord, type UserRecord } from '../store/users.ts';
import { audit } from './audit.ts';
import { type Authenticated, type NewLogin, startLogin } from './auth.ts';
import { subject, throttle } from './throttle.ts';
import { ACTION_RULES } from '../domain/throttle.ts';
import type { Deps } from './deps.ts';
import { hashPassword } from './passwords.ts';
import { hashToken, linkWithToken, minutesFrom, newToken, VALIDITY_MINUTES } from './tokens.ts';

/**
 * One invitation mechanism for every role. Who may invite whom is the policy's `invite` action (checked by the route);
 * here: one pending invitation per email, role and place; a single-use link that expires; accepting creates the account
 * (new person) or adds the role (existing person, signed in as the invited email).
 */
const tokenInvalid = () => new DomainError('token_invalid', 'This invitation link is not valid; it may have been used, renewed or withdrawn', { token: 'invalid' });

function view(i: InvitationRecord, tenantName: Invitation['tenantName'], now: Date): Invitation {
  return {
    id: i.id, email: i.email, role: i.role, tenantId: i.tenantId, tenantName, cohortId: i.cohortId, name: i.name, invitedBy: i.invitedBy,
    createdAt: i.createdAt, sentAt: i.sentAt, expiresAt: i.expiresAt, status: i.expiresAt <= now.toISOString() ? 'expired' : 'pending',
  };
}

async function placeName(deps: Deps, tenantId: string | null, locale: 'ja' | 'en'): Promise<string> {
  if (!tenantId) return locale === 'ja' ? '関西創業支援連合' : 'the Kansai founder-support union';
  const t = await getTenant(deps.db, tenantId);
  return t ? t.name[locale] : tenantId;
}

async function mailInvitation(deps: Deps, i: InvitationRecord, token: string, locale: 'ja' | 'en' = 'ja'): Promise<void> {
  await deps.mailer.send({
    to: i.email,
    ...invitationMail({ locale, link: linkWithToken(deps.siteUrl, '/invite', token), role: i.role, place: await placeName(deps, i.tenantId, locale), invitedBy: i.invitedBy.name, validMinutes: VALIDITY_MINUTES.invite }),
  });
}

/** Writes the invitation and its token, then mails it; a mail that cannot be sent undoes both (nothing half-made). */
async function issue(deps: Deps, auth: Authenticated, o: { email: string; role: InvitedRole; tenantId: string | null; cohortId: string | null; name: string | null }): Promise<InvitationRecord> {
  const now = deps.clock();
  const { token, hash } = newToken();
  const record: InvitationRecord = {
    id: randomBytes(12).toString('base64url'), email: o.email, role: o.role, tenantId: o.tenantId, cohortId: o.cohortId, name: o.name,
    invitedBy: { userId: auth.user.id, name: auth.user.name }, createdAt: now.toISOString(), sentAt: now.toISOString(),
    expiresAt: minutesFrom(now, VALIDITY_MINUTES.invite), tokenHash: hash,
  };
  await putInvitation(deps.db, record, { replaceExpiredBefore: now.toISOString() });
  const itemKey = invitationKey(record);
  await putToken(deps.db, hash, { purpose: 'invite', invitation: itemKey, createdAt: record.createdAt, expiresAt: record.expiresAt });
  try {
    await mailInvitation(deps, record, token);
  } catch {
    await Promise.all([deleteInvitation(deps.db, record), deleteToken(deps.db, hash)]);
    throw new Unavailable('The invitation mail could not be sent; nothing was saved. Please try again', 30);
  }
  return record;
}

/** Already holds the role here (or, invited as a founder, already studies in some municipality). */
async function alreadyMember(deps: Deps, email: string, role: InvitedRole, tenantId: string | null): Promise<boolean> {
  const userId = await findUserIdByEmail(deps.db, email);
  if (!userId) return false;
  const loaded = await loadUserWithMemberships(deps.db, userId);
  if (!loaded) return false;
  if (role === 'admin') return loaded.user.admin;
  if (role === 'learner' && loaded.user.learnerTenantId) return true;
  return loaded.memberships.some((m) => m.tenantId === tenantId && m.role === role);
}

async function checkCohort(deps: Deps, tenantId: string, cohortId: string | null | undefined): Promise<string | null> {
  if (!cohortId) return null;
  if (!(await getCohort(deps.db, tenantId, cohortId))) throw new DomainError('invalid_request', 'This cohort does not exist in this municipality', { cohortId: 'unknown' });
  return cohortId;
}

/** Each invitation mail (new or resent) counts against its sender's hourly limit; 429 with Retry-After past it. */
async function mailsOf(deps: Deps, auth: Authenticated): Promise<void> {
  const now = deps.clock();
  await throttle(deps, now, [{ s: subject('invite', auth.user.id, ACTION_RULES.invitations, now), rule: ACTION_RULES.invitations }], 'invitation');
}

export async function invite(deps: Deps, auth: Authenticated, tenantId: string | null, body: { email: string; role: InvitedRole; name?: string | undefined; cohortId?: string | null | undefined }): Promise<Invitation> {
  if (tenantId && !(await getTenant(deps.db, tenantId))) throw notFound(`Municipality ${tenantId}`);
  const cohortId = tenantId && body.role === 'learner' ? await checkCohort(deps, tenantId, body.cohortId) : null;
  if (await alreadyMember(deps, body.email, body.role, tenantId)) {
    throw new DomainError('already_member', body.role === 'learner' ? 'This person already has a founder account' : 'This person already has this role here', { email: 'member' });
  }
  await mailsOf(deps, auth);
  let record: InvitationRecord;
  try {
    record = await issue(deps, auth, { email: body.email, role: body.role, tenantId, cohortId, name: body.name ?? null });
  } catch (e) {
    if (e instanceof AlreadyInvited) throw new DomainError('conflict', 'This person already has a pending invitation; resend it instead', { email: 'invited' });
    throw e;
  }
  if (tenantId) await audit(deps, auth, { tenantId, action: 'invitation.create', detail: { role: body.role, email: body.email } });
  return view(record, tenantId ? (await getTenant(deps.db, tenantId))?.name ?? null : null, deps.clock());
}

export async function listPending(deps: Deps, tenantId: string | null): Promise<{ items: Invitation[] }> {
  const [items, tenant] = await Promise.all([listInvitations(deps.db, tenantId), tenantId ? getTenant(deps.db, tenantId) : undefined]);
  const now = deps.clock();
  return { items: items.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((i) => view(i, tenant?.name ?? null, now)) };
}

/** A new link (the old one stops working) and a new expiry. */
export async function resend(deps: Deps, auth: Authenticated, tenantId: string | null, id: string): Promise<Invitation> {
  const i = await findInvitation(deps.db, tenantId, id);
  if (!i) throw notFound('Invitation');
  await mailsOf(deps, auth);
  const now = deps.clock();
  const { token, hash } = newToken();
  const next = { tokenHash: hash, sentAt: now.toISOString(), expiresAt: minutesFrom(now, VALIDITY_MINUTES.invite) };
  await putToken(deps.db, hash, { purpose: 'invite', invitation: invitationKey(i), createdAt: next.sentAt, expiresAt: next.expiresAt });
  if (!(await renewInvitation(deps.db, i, next))) {
    await deleteToken(deps.db, hash);
    throw new DomainError('conflict', 'The invitation changed meanwhile; reload and try again', undefined, 1);
  }
  await deleteToken(deps.db, i.tokenHash);
  const renewed = { ...i, ...next };
  await mailInvitation(deps, renewed, token);
  if (tenantId) await audit(deps, auth, { tenantId, action: 'invitation.resend', detail: { role: i.role, email: i.email } });
  return view(renewed, tenantId ? (await getTenant(deps.db, tenantId))?.name ?? null : null, now);
}

export async function revoke(deps: Deps, auth: Authenticated, tenantId: string | null, id: string): Promise<void> {
  const i = await findInvitation(deps.db, tenantId, id);
  if (!i) throw notFound('Invitation');
  await Promise.all([deleteInvitation(deps.db, i), deleteToken(deps.db, i.tokenHash)]);
  if (tenantId) await audit(deps, auth, { tenantId, action: 'invitation.revoke', detail: { role: i.role, email: i.email } });
}

/** The invitation behind a link, if the link is still its current one and not expired. */
async function resolve(deps: Deps, token: string): Promise<{ invitation: InvitationRecord; hash: string }> {
  const hash = hashToken(token);
  const t = await getToken(deps.db, hash);
  if (!t || t.purpose !== 'invite' || !t.invitation) throw tokenInvalid();
  if (t.expiresAt <= deps.clock().toISOString()) throw new DomainError('token_expired', 'This invitation has expired; ask for a new one', { token: 'expired' });
  // The token names its invitation's key: one read, and only while the invitation still holds this link.
  const invitation = await getInvitation(deps.db, t.invitation);
  if (!invitation || invitation.tokenHash !== hash) throw tokenInvalid();
  return { invitation, hash };
}

export async function preview(deps: Deps, token: string): Promise<InvitationPreview> {
  const { invitation: i } = await resolve(deps, token);
  const [tenant, cohort, existing] = await Promise.all([
    i.tenantId ? getTenant(deps.db, i.tenantId) : undefined,
    i.tenantId && i.cohortId ? getCohort(deps.db, i.tenantId, i.cohortId) : undefined,
    findUserIdByEmail(deps.db, i.email),
  ]);
  return {
    email: i.email, role: i.role, tenantName: tenant?.name ?? null, cohortName: cohort?.name ?? null, invitedByName: i.invitedBy.name,
    expiresAt: i.expiresAt, account: existing ? 'existing' : 'new',
  };
}

/**
 * Accepts an invitation. A new person sets their name and password and is signed in (staff, advisors and admins are
 * then sent to set up two-step sign-in); an existing person must be signed in as the invited email and gets one more
 * role. The invitation is consumed in the same transaction as the account change.
 */
export async function accept(deps: Deps, auth: Authenticated | null, body: AcceptInvitation & { locale: 'ja' | 'en' }, userAgent?: string): Promise<{ login?: NewLogin }> {
  const { invitation: i, hash } = await resolve(deps, body.token);
  const now = deps.clock().toISOString();
  const tenant = i.tenantId ? await getTenant(deps.db, i.tenantId) : undefined;
  if (i.tenantId && !tenant) throw tokenInvalid();
  const existingId = await findUserIdByEmail(deps.db, i.email);
  const role: Role | null = i.role === 'admin' ? null : i.role;
  const consume = { ...invitationKey(i), tokenHash: hash };
  const learner = i.role === 'learner' && i.tenantId;
  try {
    if (existingId) {
      if (!auth) throw unauthenticated();
      if (auth.user.id !== existingId) throw new DomainError('invitation_mismatch', `This invitation is for ${i.email}; sign in with that address`);
      const membership: MembershipRecord | null = role && i.tenantId && tenant ? { userId: existingId, tenantId: i.tenantId, tenantName: tenant.name, role, cohortId: i.cohortId } : null;
      await addMembership(deps.db, {
        user: auth.user, membership, makeAdmin: i.role === 'admin', consume, verifiedAt: now,
        ...(learner ? { learnerSummary: { tenantId: i.tenantId!, name: auth.user.name, email: auth.user.email, cohortId: i.cohortId, joinedAt: now }, counters: changesOf({ kind: 'signed_up', at: now }) } : {}),
      });
      await deleteToken(deps.db, hash);
      if (i.tenantId) await audit(deps, auth, { tenantId: i.tenantId, action: 'invitation.accept', subjectId: existingId, detail: { role: i.role } });
      return {};
    }
    const fields: Record<string, string> = {};
    if (!body.name) fields.name = 'required';
    if (!body.password) fields.password = 'required';
    if (Object.keys(fields).length) throw new DomainError('invalid_request', 'A new account needs a name and a password', fields);
    if (passwordProblem(body.password!, { email: i.email, name: body.name! })) {
      throw new DomainError('password_too_common', 'This password is too common or too easy to guess; choose another', { password: 'too_common' });
    }
    const user: UserRecord = {
      id: randomBytes(12).toString('base64url'), email: i.email, name: body.name!, passwordHash: await hashPassword(body.password!, deps.config.scrypt),
      admin: i.role === 'admin', locale: body.locale, learnerTenantId: learner ? i.tenantId : null, createdAt: now, emailVerifiedAt: now,
    };
    const memberships: MembershipRecord[] = role && i.tenantId && tenant ? [{ userId: user.id, tenantId: i.tenantId, tenantName: tenant.name, role, cohortId: i.cohortId }] : [];
    await createAccount(deps.db, {
      user, memberships, consumeInvitation: consume,
      ...(learner ? { learnerSummary: { tenantId: i.tenantId!, name: user.name, email: user.email, cohortId: i.cohortId, joinedAt: now }, counters: changesOf({ kind: 'signed_up', at: now }) } : {}),
    });
    await deleteToken(deps.db, hash);
    const login = await startLogin(deps, user, memberships, { userAgent });
    if (i.tenantId) await audit(deps, login.auth, { tenantId: i.tenantId, action: 'invitation.accept', subjectId: user.id, detail: { role: i.role } });
    return { login };
  } catch (e) {
    if (e instanceof InvitationGone) throw tokenInvalid();
    if (e instanceof AlreadyMember) throw new DomainError('already_member', 'This account already has this role', { token: 'member' });
    if (e instanceof EmailTaken) throw new DomainError('conflict', 'An account with this email was created meanwhile; sign in and open the link again', undefined, 1);
    throw e;
  }
}

// 期 is what the staff pages call a cohort, so staff write it as the column's heading.
const HEADERS: Record<string, 'name' | 'email' | 'cohort'> = {
  name: 'name', 氏名: 'name', 名前: 'name', email: 'email', メールアドレス: 'email', メール: 'email', cohort: 'cohort', コホート: 'cohort', 期: 'cohort', クラス: 'cohort', 受講期: 'cohort',
};
export const IMPORT_MAX_ROWS = 500;

/**
 * Founders from a CSV (name, email, cohort — by name or id; a header row, in Japanese or English). A malformed file
 * imports nothing; otherwise every valid row is invited and every bad row reported with its number and reason. Emails
 * already invited here or already founders are skipped, so importing the same file twice invites nobody twice.
 */
export async function importFounders(deps: Deps, auth: Authenticated, tenantId: string, csv: string): Promise<ImportResult> {
  const { parse } = await import('csv-parse/sync');
  // Each row keeps the line it starts on, so a row after blank lines is reported where a spreadsheet shows it.
  let records: Array<{ cells: string[]; line: number }>;
  try {
    records = (parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>)
      .map(({ record, info }) => ({ cells: record, line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0) }));
  } catch (e) {
    throw new DomainError('invalid_request', `The file is not a readable CSV: ${(e as Error).message}`, { csv: 'malformed' });
  }
  const header = records[0]?.cells;
  const rows = records.slice(1);
  const columns = (header ?? []).map((h) => HEADERS[h.toLowerCase()] ?? HEADERS[h]);
  const at = (c: 'name' | 'email' | 'cohort') => columns.indexOf(c);
  if (at('name') < 0 || at('email') < 0) {
    throw new DomainError('invalid_request', 'The first row must name the columns: name, email and (optional) cohort — 氏名, メールアドレス, コホート', { csv: 'header' });
  }
  if (rows.length === 0) throw new DomainError('invalid_request', 'The file has no rows after its header', { csv: 'empty' });
  if (rows.length > IMPORT_MAX_ROWS) throw new DomainError('invalid_request', `At most ${IMPORT_MAX_ROWS} founders per file; split it`, { csv: 'too_many' });
  await throttle(deps, deps.clock(), [{ s: subject('import', auth.user.id, ACTION_RULES.imports, deps.clock()), rule: ACTION_RULES.imports }], 'import');
  const cohorts = await listCohorts(deps.db, tenantId);
  const result: ImportResult = { rows: rows.length, invited: 0, skipped: [], problems: [] };
  const valid: Array<{ row: number; name: string; email: string; cohortId: string | null }> = [];
  const seen = new Set<string>();
  rows.forEach(({ cells, line: row }) => {
    const name = DisplayName.safeParse(cells[at('name')] ?? '');
    const email = Email.safeParse(cells[at('email')] ?? '');
    if (!name.success) { result.problems.push({ row, field: 'name', reason: 'name is empty or longer than 80 characters' }); return; }
    if (!email.success) { result.problems.push({ row, field: 'email', reason: 'not an email address' }); return; }
    const cohortText = at('cohort') >= 0 ? (cells[at('cohort')] ?? '').trim() : '';
    const cohort = cohortText ? cohorts.find((c) => c.id === cohortText || c.name === cohortText) : undefined;
    if (cohortText && !cohort) { result.problems.push({ row, field: 'cohort', reason: `no cohort named "${cohortText}" in this municipality` }); return; }
    if (seen.has(email.data)) { result.skipped.push({ row, email: email.data, reason: 'duplicate_row' }); return; }
    seen.add(email.data);
    valid.push({ row, name: name.data, email: email.data, cohortId: cohort?.id ?? null });
  });
  // A few at a time: the mail service's sending rate, and the API's time limit, are the bounds.
  for (let k = 0; k < valid.length; k += 8) {
    await Promise.all(valid.slice(k, k + 8).map(async (r) => {
      if (await alreadyMember(deps, r.email, 'learner', tenantId)) { result.skipped.push({ row: r.row, email: r.email, reason: 'already_member' }); return; }
      try {
        await issue(deps, auth, { email: r.email, role: 'learner', tenantId, cohortId: r.cohortId, name: r.name });
        result.invited++;
      } catch (e) {
        if (e instanceof AlreadyInvited) { result.skipped.push({ row: r.row, email: r.email, reason: 'already_invited' }); return; }
        throw e;
      }
    }));
  }
  result.skipped.sort((a, b) => a.row - b.row);
  await audit(deps, auth, { tenantId, action: 'founders.import', detail: { rows: result.rows, invited: result.invited, skipped: result.skipped.length, problems: result.problems.length } });
  return result;
}
