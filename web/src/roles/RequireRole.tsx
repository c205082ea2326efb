import { A, Navigate, useLocation } from '@solidjs/router';
import { For, type JSX, Show } from 'solid-js';
import { account, holds, WORKSPACE_HOME, workspacesOf } from '../api/account.ts';
import { RequireSignIn } from '../components/RequireSignIn.tsx';
import { t } from '../i18n/index.ts';
import { rt } from './i18n/index.ts';
import './roles.css';

export type RoleArea = 'staff' | 'advisor' | 'admin';

/**
 * Lets in only people holding the role (staff: a staff membership, of `tenantId` when given; advisor: an advisor
 * membership; admin: the admin flag) whose sign-in here passed two-step sign-in. Sends the signed-out to sign-in and
 * back; the person without two-step sign-in to set it up first (and one who has it, but did not use it for this
 * sign-in, to sign in again with it — the same page says so), then back; and tells everyone else plainly that they have
 * no access. The API checks every request again: this guard only spares people a page of errors.
 */
export function RequireRole(props: { role: RoleArea; tenantId?: string; children: JSX.Element }) {
  const location = useLocation();
  return (
    <RequireSignIn>
      <Show when={holds(account.me(), props.role, props.tenantId)} fallback={<AccessDenied role={props.role} tenantId={props.tenantId} />}>
        <Show when={account.me()?.login.secondFactor} fallback={<Navigate href={`/account/two-factor?next=${encodeURIComponent(location.pathname + location.search)}`} />}>
          {props.children}
        </Show>
      </Show>
    </RequireSignIn>
  );
}

/** The page shown to a signed-in person without the role, with the ways to the areas they do have. */
export function AccessDenied(props: { role: RoleArea; tenantId?: string }) {
  const body = () => (props.role === 'staff' && props.tenantId ? rt('denied.body.staffTenant', { tenant: props.tenantId }) : rt(`denied.body.${props.role}`));
  return (
    <section class="narrow denied" aria-labelledby="denied-title">
      <h1 id="denied-title">{rt('denied.title')}</h1>
      <p>{body()}</p>
      <p>{rt('denied.help')}</p>
      <Show when={workspacesOf(account.me()).length > 0}>
        <h2>{rt('denied.goTo')}</h2>
        <ul class="link-list start">
          <For each={workspacesOf(account.me())}>{(w) => <li><A href={WORKSPACE_HOME[w]}>{t(`nav.workspace.${w}`)}</A></li>}</For>
        </ul>
      </Show>
    </section>
  );
}
