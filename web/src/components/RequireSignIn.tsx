import { Navigate, useLocation } from '@solidjs/router';
import { type JSX, Match, Switch } from 'solid-js';
import { account } from '../api/account.ts';
import { ErrorNotice, Loading } from './Notice.tsx';

/** Renders its children for a signed-in person; sends everyone else to sign-in and back afterwards. */
export function RequireSignIn(props: { children: JSX.Element }) {
  const location = useLocation();
  return (
    <Switch fallback={<Loading />}>
      <Match when={account.me.error}><ErrorNotice error={account.me.error} onRetry={() => account.refetch()} /></Match>
      <Match when={account.me() === null}>
        <Navigate href={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} />
      </Match>
      <Match when={account.me()}>{props.children}</Match>
    </Switch>
  );
}
