// Pending invitations and what an invite form needs, shared by the staff area (a municipality's people) and the admin
// area (the union's admins and every municipality's staff). Loaded with those chunks only.
import { createSignal, For, Show } from 'solid-js';
import type { Invitation, InvitedRole } from '../../../../functions/contract/account.ts';
import { LIMITS } from '../../../../functions/contract/constants.ts';
import { ApiFailure } from '../../api/client.ts';
import { ErrorNotice, messageOf } from '../../components/Notice.tsx';
import { formatDateTime } from '../i18n/index.ts';
import { inv } from './i18n/index.ts';
import './people.css';
import type { InvitationKey } from './i18n/ja.ts';

export { inv };
export const roleName = (r: InvitedRole) => inv(`role.${r}` as InvitationKey);

/** The fields an invite form checks before sending, with the contract's limits. */
export type InviteField = 'email' | 'name' | 'role' | 'cohortId' | 'tenantId';
/** Texts are kept as functions, so a message already shown follows a change of language. */
export type Text = () => string;
export type InviteErrors = Partial<Record<InviteField, Text>>;

/** Email (required, an address) and name (optional, up to 80 characters): the rest is each form's own. */
export function checkPerson(d: { email: string; name: string }): InviteErrors {
  const errors: InviteErrors = {};
  const email = d.email.trim();
  if (!email) errors.email = () => inv('error.emailRequired');
  else if (email.length > LIMITS.emailMax || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = () => inv('error.email');
  if (d.name.trim().length > LIMITS.nameMax) errors.name = () => inv('error.name');
  return errors;
}

/**
 * An invitation the API refused, in words at the field it concerns: already holding the role, already invited, a bad
 * address. `other` names the form's own fields (cohort, municipality). What fits no field is left for the form's
 * notice (`notice`), with a mail that could not be sent said plainly (nothing was saved).
 */
export function inviteRefusal(e: unknown, role: InvitedRole, other: Partial<Record<'cohortId' | 'tenantId', Text>> = {}): { fields: InviteErrors; notice?: Text } {
  if (!(e instanceof ApiFailure)) return { fields: {} };
  if (e.code === 'already_member') return { fields: { email: () => inv(role === 'learner' ? 'error.alreadyFounder' : 'error.alreadyMember') } };
  if (e.code === 'conflict' && e.fields.email) return { fields: { email: () => inv('error.alreadyInvited') } };
  if (e.code === 'unavailable') return { fields: {}, notice: () => inv('error.mailFailed') };
  if (e.code !== 'invalid_request') return { fields: {} };
  const fields: InviteErrors = {};
  const refused = Object.keys(e.fields).map((k) => k.split('.')[0]!);
  if (refused.includes('email')) fields.email = () => inv('error.email');
  if (refused.includes('name')) fields.name = () => inv('error.name');
  if (refused.includes('role')) fields.role = () => inv('error.role');
  if (refused.includes('cohortId') && other.cohortId) fields.cohortId = other.cohortId;
  if (refused.includes('tenantId') && other.tenantId) fields.tenantId = other.tenantId;
  return { fields };
}

/** A resend or revoke that failed: the invitation gone meanwhile, the mail not sent, or the general message. */
export function actionFailure(e: unknown): string {
  if (e instanceof ApiFailure && e.code === 'not_found') return inv('error.gone');
  if (e instanceof ApiFailure && e.code === 'unavailable') return inv('error.mailFailed');
  return messageOf(e);
}

/** The error summary of an invite form: focused after a refused submit, so keyboard and screen-reader users land on it. */
export function FormSummary(props: { errors: InviteErrors; notice?: Text | undefined; failure?: unknown; done?: Text | undefined; ref?: (el: HTMLDivElement) => void }) {
  return (
    <div tabindex="-1" ref={props.ref}>
      <Show when={Object.keys(props.errors).length > 0}><div class="notice error" role="alert"><p>{inv('error.summary')}</p></div></Show>
      <Show when={props.notice}>{(text) => <div class="notice error" role="alert"><p>{text()()}</p></div>}</Show>
      <ErrorNotice error={props.failure} />
      <Show when={props.done}>{(text) => <p class="notice ok" role="status">{text()()}</p>}</Show>
    </div>
  );
}

/**
 * Pending invitations (email, role, cohort, who invited, sent, expires, state) with send-again and withdraw; withdrawing
 * asks first. `cohortName` adds the cohort column (a municipality's list).
 */
export function InvitationTable(props: {
  id: string; caption: string; items: Invitation[]; cohortName?: (id: string | null) => string; busy?: boolean;
  onResend: (id: string) => Promise<Invitation>; onRevoke: (id: string) => Promise<void>;
}) {
  const [asking, setAsking] = createSignal<string>();
  const [working, setWorking] = createSignal<string>();
  const [done, setDone] = createSignal<Text>();
  const [failure, setFailure] = createSignal<unknown>();
  let notice: HTMLDivElement | undefined;
  const run = async (id: string, f: () => Promise<Text>) => {
    setWorking(id); setDone(undefined); setFailure(undefined);
    try { const text = await f(); setDone(() => text); setAsking(undefined); } catch (e) { setFailure(() => e); } finally { setWorking(undefined); }
    queueMicrotask(() => notice?.focus());
  };
  const resend = (i: Invitation) => run(i.id, async () => { const r = await props.onResend(i.id); return () => inv('resent', { email: r.email, expires: formatDateTime(r.expiresAt) }); });
  const revoke = (i: Invitation) => run(i.id, async () => { await props.onRevoke(i.id); return () => inv('revoked', { email: i.email }); });
  return (
    <div class="invitations" aria-busy={props.busy ? 'true' : 'false'}>
      <div tabindex="-1" ref={notice}>
        <Show when={failure()}>{(e) => <div class="notice error" role="alert"><p>{actionFailure(e())}</p></div>}</Show>
        <Show when={done()}>{(text) => <p class="notice ok" role="status">{text()()}</p>}</Show>
      </div>
      <Show when={props.items.length > 0} fallback={<p class="notice">{inv('none')}</p>}>
        <div class="table-scroll" role="region" tabindex="0" aria-labelledby={`${props.id}-caption`}>
          <table class="data invitations">
            <caption id={`${props.id}-caption`}>{props.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{inv('col.email')}</th>
                <th scope="col">{inv('col.role')}</th>
                <Show when={props.cohortName}><th scope="col">{inv('col.cohort')}</th></Show>
                <th scope="col">{inv('col.invitedBy')}</th>
                <th scope="col">{inv('col.sent')}</th>
                <th scope="col">{inv('col.expires')}</th>
                <th scope="col">{inv('col.state')}</th>
                <th scope="col">{inv('col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.items}>
                {(i) => (
                  <tr data-invitation={i.id} data-email={i.email} data-status={i.status}>
                    <th scope="row">{i.email}<Show when={i.name}><br /><span class="small">{i.name}</span></Show></th>
                    <td>{roleName(i.role)}</td>
                    <Show when={props.cohortName}><td>{i.role === 'learner' ? props.cohortName!(i.cohortId) : '—'}</td></Show>
                    <td>{i.invitedBy.name}</td>
                    <td><time datetime={i.sentAt}>{formatDateTime(i.sentAt)}</time></td>
                    <td><time datetime={i.expiresAt}>{formatDateTime(i.expiresAt)}</time></td>
                    <td>{i.status === 'expired' ? <span class="tag off">{inv('state.expired')}</span> : inv('state.pending')}</td>
                    <td>
                      <Show when={asking() === i.id} fallback={
                        <div class="actions">
                          <button type="button" aria-label={inv('resend', { email: i.email })} disabled={working() === i.id} onClick={() => void resend(i)}>{inv('resendShort')}</button>
                          <button type="button" class="danger" aria-label={inv('revoke', { email: i.email })} disabled={working() === i.id}
                            onClick={() => { setDone(undefined); setFailure(undefined); setAsking(i.id); queueMicrotask(() => (document.querySelector(`#${props.id}-revoke-${i.id} button`) as HTMLButtonElement | null)?.focus()); }}>
                            {inv('revokeShort')}
                          </button>
                        </div>
                      }>
                        <div class="confirm" role="group" id={`${props.id}-revoke-${i.id}`} aria-labelledby={`${props.id}-revoke-${i.id}-text`}>
                          <p id={`${props.id}-revoke-${i.id}-text`}>{inv('confirmRevoke', { email: i.email })}</p>
                          <div class="actions">
                            <button type="button" class="danger" disabled={working() === i.id} onClick={() => void revoke(i)}>{inv('confirmYes')}</button>
                            <button type="button" onClick={() => setAsking(undefined)}>{inv('confirmNo')}</button>
                          </div>
                        </div>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </div>
  );
}
