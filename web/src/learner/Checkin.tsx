import { A, useParams } from '@solidjs/router';
import { createEffect, createSignal, Match, onCleanup, Switch } from 'solid-js';
import type { CheckinResult } from '../../../functions/contract/seminars.ts';
import { checkIn } from '../api/my-sessions.ts';
import { ApiFailure } from '../api/client.ts';
import { ErrorNotice } from '../components/Notice.tsx';
import { RequireSignIn } from '../components/RequireSignIn.tsx';
import { t } from '../i18n/index.ts';
import { sessionWhen, sm } from './seminars-i18n.ts';
import './seminars.css';

/*
 * /checkin/:tenantId/:sessionId#c=<code>: what a founder's phone opens from the venue's QR code. The code rides in the
 * fragment (never sent to a server, never in a log). The page reads it once, keeps it in this tab's sessionStorage under
 * the session — so it survives the way through sign-in, which carries only the path in `next` — and removes it from the
 * address bar, so a screenshot or the history does not carry it on.
 */
const storage = () => { try { return sessionStorage; } catch { return undefined; } };
const keyOf = (tenantId: string, sessionId: string) => `sogyo.checkin.${tenantId}.${sessionId}`;

export function takeCheckinCode(tenantId: string, sessionId: string): string | undefined {
  const key = keyOf(tenantId, sessionId);
  const m = /(?:^#|&)c=([^&]*)/.exec(location.hash);
  if (m) {
    const code = decodeURIComponent(m[1]!);
    try { storage()?.setItem(key, code); } catch { /* blocked: the code lives in this page only */ }
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    return code || undefined;
  }
  return storage()?.getItem(key) ?? undefined;
}
const dropCheckinCode = (tenantId: string, sessionId: string) => { try { storage()?.removeItem(keyOf(tenantId, sessionId)); } catch { /* blocked */ } };

/**
 * One request per scanned code, whatever re-renders or re-mounts the page (a sign-in refreshing the account, the
 * guard showing its children again): the same code's answer is reused. The server never counts a founder twice anyway.
 */
const inFlight = new Map<string, Promise<CheckinResult>>();
export const forgetCheckins = () => inFlight.clear();
function sendOnce(tenantId: string, sessionId: string, code: string) {
  const k = `${tenantId}/${sessionId}/${code}`;
  let p = inFlight.get(k);
  if (!p) {
    p = checkIn(tenantId, sessionId, code);
    inFlight.set(k, p);
    // A network failure may be retried with the same code; an answer from the server is final for it.
    p.catch((e: unknown) => { if (e instanceof ApiFailure && e.code === 'network') inFlight.delete(k); });
  }
  return p;
}

export function CheckinPage() {
  const params = useParams();
  const code = takeCheckinCode(params.tenantId!, params.sessionId!);
  const before = document.title;
  document.title = `${sm('checkin.title')} - ${t('app.name')}`;
  onCleanup(() => { document.title = before; });
  return (
    <section class="narrow checkin-page" aria-labelledby="checkin-title">
      <h1 id="checkin-title">{sm('checkin.title')}</h1>
      <RequireSignIn>
        <CheckinRun tenantId={params.tenantId!} sessionId={params.sessionId!} code={code} />
      </RequireSignIn>
    </section>
  );
}

type Outcome = { state: 'sending' } | { state: 'done'; result: CheckinResult } | { state: 'failed'; error: unknown } | { state: 'no_code' };

/** Posts the code once the founder is signed in, and says what came of it. */
export function CheckinRun(props: { tenantId: string; sessionId: string; code: string | undefined }) {
  const [outcome, setOutcome] = createSignal<Outcome>(props.code ? { state: 'sending' } : { state: 'no_code' });
  const send = () => {
    const code = props.code;
    if (!code) return;
    setOutcome({ state: 'sending' });
    sendOnce(props.tenantId, props.sessionId, code).then(
      (result) => { dropCheckinCode(props.tenantId, props.sessionId); setOutcome({ state: 'done', result }); },
      (error: unknown) => {
        if (!(error instanceof ApiFailure && error.code === 'network')) dropCheckinCode(props.tenantId, props.sessionId);
        setOutcome({ state: 'failed', error });
      },
    );
  };
  createEffect(send);
  let heading: HTMLHeadingElement | undefined;
  createEffect(() => { if (outcome().state === 'done') queueMicrotask(() => heading?.focus()); });
  return (
    <Switch>
      <Match when={outcome().state === 'sending'}><p class="loading" role="status">{sm('checkin.sending')}</p></Match>
      <Match when={outcome().state === 'no_code'}>
        <div class="notice error" role="alert"><p>{sm('checkin.noCode')}</p></div>
        <p><A href="/">{sm('checkin.home')}</A></p>
      </Match>
      <Match when={(() => { const o = outcome(); return o.state === 'done' ? o.result : undefined; })()}>
        {(r) => (
          <div class="notice ok checkin-result" role="status">
            <h2 tabindex="-1" ref={heading}>✓ {sm('checkin.done')}</h2>
            <p class="session-title"><strong>{r().session.title}</strong></p>
            <p>{sessionWhen(r().session)}</p>
            {r().alreadyPresent ? <p>{sm('checkin.already')}</p> : null}
            <p><A href="/">{sm('checkin.home')}</A></p>
          </div>
        )}
      </Match>
      <Match when={(() => { const o = outcome(); return o.state === 'failed' ? o : undefined; })()}>
        {(o) => (
          <>
            <ErrorNotice error={o().error} onRetry={o().error instanceof ApiFailure && (o().error as ApiFailure).code === 'network' ? send : undefined} />
            <p><A href="/">{sm('checkin.home')}</A></p>
          </>
        )}
      </Match>
    </Switch>
  );
}
