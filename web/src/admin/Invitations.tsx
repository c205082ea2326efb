import { createEffect, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import type { Invitation, NewRegionInvitation } from '../../../functions/contract/account.ts';
import { LIMITS } from '../../../functions/contract/constants.ts';
import type { RegionTenants } from '../../../functions/contract/region.ts';
import { ApiFailure } from '../api/client.ts';
import {
  createInvitations, inviteToRegion, listRegionInvitations, listTenantInvitations, regionInvitationActions, tenantInvitationActions,
} from '../api/invitations.ts';
import { createRegionTenants } from '../api/region.ts';
import { Field } from '../components/Field.tsx';
import { ErrorNotice, Loading } from '../components/Notice.tsx';
import { usePageTitle } from '../components/PageTitle.ts';
import { pick, t } from '../i18n/index.ts';
import { formatDateTime } from '../roles/i18n/index.ts';
import { checkPerson, FormSummary, InvitationTable, inviteRefusal, type InviteErrors, roleName, type Text } from '../roles/invitations/Invitations.tsx';
import { adm } from './i18n/index.ts';

type Tenant = RegionTenants['tenants'][number];
const byCode = (tenants: Tenant[]) => [...tenants].sort((a, b) => a.id.localeCompare(b.id));

/**
 * Container: the union's invitations — the invite form (admins, or staff of a municipality), the admins' pending
 * invitations, and one municipality's pending invitations at a time (the union may have hundreds of municipalities).
 */
export function AdminInvitationsPage() {
  usePageTitle(() => adm('nav.invitations'));
  const { region, refetch } = createRegionTenants();
  const admins = createInvitations(() => true, () => listRegionInvitations(), () => regionInvitationActions);
  const [picked, setPicked] = createSignal<string>();
  const shown = () => picked() ?? (region.latest ? byCode(region.latest.tenants)[0]?.id : undefined);
  const perTenant = createInvitations(shown, listTenantInvitations, tenantInvitationActions);
  const onInvite = async (body: NewRegionInvitation) => {
    const i = await inviteToRegion(body);
    if (!body.tenantId) admins.added(i);
    // A staff invitation shows under its municipality: switch to it (which reads its list), or add it to the one in view.
    else if (shown() === body.tenantId) perTenant.added(i);
    else setPicked(body.tenantId);
    return i;
  };
  return (
    <Switch fallback={<Loading />}>
      <Match when={region.error || admins.items.error}>
        <h1>{adm('inv.title')}</h1>
        <ErrorNotice error={region.error ?? admins.items.error} onRetry={() => { void refetch(); void admins.refetch(); }} />
      </Match>
      <Match when={region.latest && admins.items.latest}>
        <AdminInvitationsView tenants={region.latest!.tenants} admins={admins.items.latest!} onInvite={onInvite}
          onResendAdmin={admins.resend} onRevokeAdmin={admins.revoke}
          shownTenant={shown()} onPickTenant={setPicked}
          tenantItems={perTenant.items.latest} tenantError={perTenant.items.error} tenantLoading={perTenant.items.loading} onRetryTenant={() => void perTenant.refetch()}
          onResendTenant={perTenant.resend} onRevokeTenant={perTenant.revoke} />
      </Match>
    </Switch>
  );
}

/** View: the invite form, the admins' pending invitations, and the pending invitations of the municipality chosen. */
export function AdminInvitationsView(props: {
  tenants: Tenant[]; admins: Invitation[]; onInvite: (b: NewRegionInvitation) => Promise<Invitation>;
  onResendAdmin: (id: string) => Promise<Invitation>; onRevokeAdmin: (id: string) => Promise<void>;
  shownTenant: string | undefined; onPickTenant: (id: string) => void;
  tenantItems: Invitation[] | undefined; tenantError?: unknown; tenantLoading?: boolean; onRetryTenant?: () => void;
  onResendTenant: (id: string) => Promise<Invitation>; onRevokeTenant: (id: string) => Promise<void>;
}) {
  const tenants = () => byCode(props.tenants);
  const nameOf = (id: string | undefined) => { const x = props.tenants.find((m) => m.id === id); return x ? pick(x.name) : id ?? ''; };
  const options = () => tenants().map((x) => ({ value: x.id, label: adm('inv.tenantOption', { name: pick(x.name), code: x.id }) }));
  return (
    <article aria-labelledby="invitations-title">
      <h1 id="invitations-title">{adm('inv.title')}</h1>
      <p>{adm('inv.intro')}</p>
      <InviteForm options={options()} nameOf={nameOf} onInvite={props.onInvite} />

      <section aria-labelledby="admins-title">
        <h2 id="admins-title">{adm('inv.admins')}</h2>
        <InvitationTable id="admins" caption={adm('inv.adminsCaption')} items={props.admins} onResend={props.onResendAdmin} onRevoke={props.onRevokeAdmin} />
      </section>

      <section aria-labelledby="by-tenant-title">
        <h2 id="by-tenant-title">{adm('inv.byTenant')}</h2>
        <Show when={tenants().length > 0} fallback={<p class="notice">{adm('inv.noTenants')}</p>}>
          <p>{adm('inv.byTenantIntro')}</p>
          <div class="field">
            <label for="pick-tenant">{adm('inv.pickTenant')}</label>
            <select id="pick-tenant" name="pick-tenant" onChange={(e) => props.onPickTenant(e.currentTarget.value)}>
              {/* Chosen per option: a select's value set before its options exist would not stick. */}
              <For each={options()}>{(o) => <option value={o.value} selected={o.value === props.shownTenant}>{o.label}</option>}</For>
            </select>
          </div>
          <Show when={props.shownTenant} keyed>
            {(id) => (
              <section class="invitations-tenant" aria-labelledby="tenant-pending-title" data-tenant={id}>
                <h3 id="tenant-pending-title">{adm('inv.tenantPending', { tenant: nameOf(id) })}</h3>
                <Switch fallback={<Loading />}>
                  <Match when={props.tenantError}><ErrorNotice error={props.tenantError} onRetry={props.onRetryTenant} /></Match>
                  <Match when={props.tenantItems}>
                    {(items) => (
                      <InvitationTable id={`tenant-${id}`} caption={adm('inv.tenantCaption', { tenant: nameOf(id) })} items={items()} busy={props.tenantLoading}
                        onResend={props.onResendTenant} onRevoke={props.onRevokeTenant} />
                    )}
                  </Match>
                </Switch>
              </section>
            )}
          </Show>
        </Show>
      </section>
    </article>
  );
}

function InviteForm(props: { options: { value: string; label: string }[]; nameOf: (id: string) => string; onInvite: (b: NewRegionInvitation) => Promise<Invitation> }) {
  const blank = { email: '', name: '', role: 'staff' as 'staff' | 'admin', tenantId: '' };
  const [draft, setDraft] = createSignal({ ...blank });
  const [errors, setErrors] = createSignal<InviteErrors>({});
  const [notice, setNotice] = createSignal<Text>();
  const [failure, setFailure] = createSignal<unknown>();
  const [done, setDone] = createSignal<Text>();
  const [busy, setBusy] = createSignal(false);
  let summary: HTMLDivElement | undefined;
  const set = (k: keyof typeof blank, v: string) => { setDraft({ ...draft(), [k]: v }); setDone(undefined); };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setNotice(undefined); setFailure(undefined); setDone(undefined);
    const d = draft();
    const errs = checkPerson(d);
    if (d.role === 'staff' && !d.tenantId) errs.tenantId = () => adm('inv.error.tenant');
    setErrors(errs);
    if (Object.keys(errs).length > 0) { queueMicrotask(() => summary?.focus()); return; }
    const body: NewRegionInvitation = { email: d.email.trim(), role: d.role, ...(d.role === 'staff' ? { tenantId: d.tenantId } : {}), ...(d.name.trim() ? { name: d.name.trim() } : {}) };
    setBusy(true);
    try {
      const i = await props.onInvite(body);
      const expires = () => formatDateTime(i.expiresAt);
      setDone(() => () => (i.role === 'admin' ? adm('inv.invitedAdmin', { email: i.email, expires: expires() })
        : adm('inv.invitedStaff', { email: i.email, tenant: props.nameOf(i.tenantId ?? ''), expires: expires() })));
      setDraft({ ...blank, role: d.role, tenantId: d.tenantId });
    } catch (x) {
      const r = inviteRefusal(x, d.role, { tenantId: () => adm('inv.error.tenant') });
      // A municipality that is not (or no longer) in the union.
      if (x instanceof ApiFailure && x.code === 'not_found') r.fields.tenantId = () => adm('inv.error.tenant');
      setErrors(r.fields); setNotice(() => r.notice);
      if (Object.keys(r.fields).length === 0 && !r.notice) setFailure(x);
    } finally { setBusy(false); }
    queueMicrotask(() => summary?.focus());
  };
  return (
    <section class="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{adm('inv.invite')}</h2>
      <FormSummary ref={(el) => { summary = el; }} errors={errors()} notice={notice()} failure={failure()} done={done()} />
      <form onSubmit={submit} novalidate>
        <div class="field">
          <label for="invite-role">{adm('inv.role')}</label>
          <select id="invite-role" name="invite-role" onChange={(e) => set('role', e.currentTarget.value)}>
            <For each={['staff', 'admin'] as const}>{(r) => <option value={r} selected={draft().role === r}>{roleName(r)}</option>}</For>
          </select>
        </div>
        <Show when={draft().role === 'staff'}>
          <div class="field" classList={{ invalid: Boolean(errors().tenantId) }}>
            <label for="invite-tenant">{adm('inv.tenant')}</label>
            <select id="invite-tenant" name="invite-tenant" aria-invalid={errors().tenantId ? 'true' : undefined}
              aria-describedby={errors().tenantId ? 'invite-tenant-error' : undefined} onChange={(e) => set('tenantId', e.currentTarget.value)}>
              <option value="" selected={draft().tenantId === ''}>{adm('inv.chooseTenant')}</option>
              <For each={props.options}>{(o) => <option value={o.value} selected={draft().tenantId === o.value}>{o.label}</option>}</For>
            </select>
            <Show when={errors().tenantId}>{(text) => <p class="field-error" id="invite-tenant-error">{text()()}</p>}</Show>
          </div>
        </Show>
        <Field id="invite-email" label={adm('inv.email')} hint={adm('inv.emailHint')} error={errors().email?.()} type="email" autocomplete="off" maxlength={LIMITS.emailMax}
          value={draft().email} onInput={(e) => set('email', e.currentTarget.value)} />
        <Field id="invite-name" label={adm('inv.name')} hint={adm('inv.nameHint')} error={errors().name?.()} autocomplete="off" maxlength={LIMITS.nameMax}
          value={draft().name} onInput={(e) => set('name', e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={busy()}>{busy() ? adm('inv.sending') : adm('inv.send')}</button>
      </form>
    </section>
  );
}
