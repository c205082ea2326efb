import { Navigate, useLocation } from '@solidjs/router';
import { type JSX, Match, Switch } from 'solid-js';
import { session } from '../api/session.ts';
import { ErrorNotice, Loading } from './Notice.tsx';

/** Renders its children for a signed-in person; sends everyone else to sign-in and back afterwards. */
export function RequireSignIn(props: { children: JSX.Element }) {
  const location = useLocation();
  return (
    <Switch fallback={<Loading />}>
      <Match when={session.me.error}><ErrorNotice error={session.me.error} onRetry={() => session.refetch()} /></Match>
      <Match when={session.me() === null}>
        <Navigate href={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} />
      </Match>
      <Match when={session.me()}>{props.children}</Match>
    </Switch>
  );
}
