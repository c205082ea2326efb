import { useNavigate, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, Match, Show, Switch, untrack } from 'solid-js';
import type { TotpEnrolment } from '../../../functions/contract/account.ts';
import { account, reloadMe, signOut } from '../api/account.ts';
import { ApiFailure } from '../api/client.ts';
import { confirmTotp, startTotp } from '../api/me.ts';
import { Field } from '../components/Field.tsx';
import { safeNext } from '../components/forms.ts';
import { Loading } from '../components/Notice.tsx';
import { t } from '../i18n/index.ts';
import { at } from './i18n/index.ts';
import { copyText, RecoveryCodes } from './RecoveryCodes.tsx';
import { checkTotp, createForm, failureText, usePageTitle } from './ui.tsx';

/** Where to go afterwards: the page that sent the person here, or the account page. */
const nextOf = (next: string | string[] | undefined) => (next ? safeNext(next) : '/account');

/**
 * /account/two-factor?next=…: sets up two-step sign-in (required before any staff, advisor or admin page opens). A
 * person who has it, but whose sign-in here did not use it, is asked to sign in again with their code.
 */
export function TwoFactorPage() {
  usePageTitle('enrol.title');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = () => nextOf(params.next);
  // Decided once, on arrival: enrolling turns two-step sign-in on, and the page must then stay on its last step.
  const me = untrack(() => account.me()!);
  const state = me.user.totp ? (me.login.secondFactor ? 'on' : 'reauth') : 'enrol';
  // To the sign-in page first: once the person is forgotten, this page's guard would send them there itself, but with
  // this page (not `next`) as the way back.
  const signInAgain = async () => {
    navigate(`/signin?next=${encodeURIComponent(next())}`, { replace: true });
    await signOut();
  };
  return (
    <section class="narrow enrol" aria-labelledby="enrol-title">
      <h1 id="enrol-title">{at('enrol.title')}</h1>
      <Switch>
        <Match when={state === 'on'}>
          <p class="notice ok">{at('enrol.alreadyOn')}</p>
          <p><a class="button primary" href={next()} onClick={(e) => { e.preventDefault(); navigate(next(), { replace: true }); }}>{at('enrol.continue')}</a></p>
        </Match>
        <Match when={state === 'reauth'}>
          <p class="notice">{at('enrol.reauth')}</p>
          <button type="button" class="primary" onClick={signInAgain}>{at('enrol.signInAgain')}</button>
        </Match>
        <Match when={state === 'enrol'}>
          <p>{at(me.user.secondFactorRequired ? 'enrol.requiredIntro' : 'enrol.intro')}</p>
          <Enrolment email={me.user.email} onDone={() => navigate(next(), { replace: true })} />
        </Match>
      </Switch>
    </section>
  );
}

/** Container: asks the server for a new key (again on "start again"), then the view. */
function Enrolment(props: { email: string; onDone: () => void }) {
  const [enrolment, { refetch }] = createResource(() => true, () => startTotp());
  return (
    <Switch fallback={<Loading />}>
      <Match when={enrolment.error}>
        <div class="notice error" role="alert"><p>{failureText(enrolment.error)}</p></div>
        <button type="button" onClick={() => void refetch()}>{at('enrol.restart')}</button>
      </Match>
      <Match when={enrolment.state === 'ready' ? enrolment() : undefined} keyed>
        {(e) => <EnrolmentView enrolment={e} email={props.email} confirm={confirmTotp} onRestart={() => void refetch()} onDone={props.onDone} />}
      </Match>
    </Switch>
  );
}

/** The key shown in groups of four, as authenticator apps accept it typed with or without spaces. */
export const groupKey = (secret: string) => secret.replace(/\s/g, '').match(/.{1,4}/g)?.join(' ') ?? secret;

/** View: scan or type the key, confirm with a first code, then the recovery codes and "I have saved them". */
export function EnrolmentView(props: {
  enrolment: TotpEnrolment; email: string; confirm: (code: string) => Promise<{ recoveryCodes: string[] }>; onRestart: () => void; onDone: () => void;
}) {
  const form = createForm<'code'>();
  const saved = createForm<'saved'>();
  const [code, setCode] = createSignal('');
  const [codes, setCodes] = createSignal<string[]>();
  const [savedTicked, setSavedTicked] = createSignal(false);
  const [copied, setCopied] = createSignal<string>();
  let codesHeading: HTMLHeadingElement | undefined;
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!form.check({ code: checkTotp(code()) })) return;
    let got: string[] | undefined;
    await form.run(async () => { got = (await props.confirm(code().replace(/\s/g, ''))).recoveryCodes; }, (x) => (x instanceof ApiFailure && x.code === 'totp_invalid' ? { code: t('error.totp_invalid') } : {}));
    if (!got) return;
    setCodes(got);
    queueMicrotask(() => codesHeading?.focus());
    // This login now counts as verified, and the account has two-step sign-in: every page should know.
    await reloadMe().catch(() => undefined);
  };
  const finish = () => {
    if (!saved.check({ saved: savedTicked() ? undefined : at('enrol.savedFirst') })) return;
    props.onDone();
  };
  return (
    <Show when={codes()} fallback={
      <>
        <section aria-labelledby="enrol-step1">
          <h2 id="enrol-step1">{at('enrol.step1')}</h2>
          <p>{at('enrol.scan')}</p>
          <img class="qr" src={props.enrolment.qrDataUrl} alt={at('enrol.qrAlt')} width="200" height="200" />
          <p>{at('enrol.manual')}</p>
          <p class="key-line">
            <span class="small">{at('enrol.key')}</span>
            <code class="code-text totp-key" data-key={props.enrolment.secret}>{groupKey(props.enrolment.secret)}</code>
          </p>
          <div class="actions">
            <button type="button" onClick={async () => setCopied(at((await copyText(props.enrolment.secret)) ? 'enrol.copied' : 'enrol.copyFailed'))}>{at('enrol.copyKey')}</button>
            <span class="small" role="status">{copied()}</span>
          </div>
        </section>
        <section aria-labelledby="enrol-step2">
          <h2 id="enrol-step2">{at('enrol.step2')}</h2>
          <form.Summary />
          <form onSubmit={submit} novalidate>
            <Field id="enrol-code" label={at('enrol.code')} inputmode="numeric" autocomplete="one-time-code" required maxlength={7}
              value={code()} onInput={(e) => setCode(e.currentTarget.value)} error={form.err('code')} />
            <button type="submit" class="primary" disabled={form.busy()}>{form.busy() ? at('enrol.verifying') : at('enrol.verify')}</button>
          </form>
          <button type="button" class="link" onClick={() => props.onRestart()}>{at('enrol.restart')}</button>
        </section>
      </>
    }>
      {(list) => (
        <section aria-labelledby="enrol-step3">
          <h2 id="enrol-step3" tabindex="-1" ref={codesHeading}>{at('enrol.step3')}</h2>
          <p class="notice ok" role="status">{at('enrol.enabled')}</p>
          <RecoveryCodes codes={list()} email={props.email} headingLevel={3} />
          <saved.Summary />
          <div class="field check" classList={{ invalid: Boolean(saved.err('saved')) }}>
            <input type="checkbox" id="codes-saved" checked={savedTicked()} onChange={(e) => setSavedTicked(e.currentTarget.checked)}
              aria-invalid={saved.err('saved') ? 'true' : undefined} aria-describedby={saved.err('saved') ? 'codes-saved-error' : undefined} />
            <label for="codes-saved">{at('enrol.saved')}</label>
            <Show when={saved.err('saved')}><p class="field-error" id="codes-saved-error">{saved.err('saved')}</p></Show>
          </div>
          <button type="button" class="primary" onClick={finish}>{at('enrol.continue')}</button>
        </section>
      )}
    </Show>
  );
}
