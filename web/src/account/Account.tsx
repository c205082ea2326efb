import { A, useNavigate } from '@solidjs/router';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import type { LoginInfo } from '../../../functions/contract/account.ts';
import type { Me } from '../../../functions/contract/api.ts';
import { LIMITS } from '../../../functions/contract/constants.ts';
import { account, forgetLogin, reloadMe, resendConfirmation, signOut } from '../api/account.ts';
import { ApiFailure } from '../api/client.ts';
import {
  changeEmail, changePassword, DATA_URL, deleteAccount, endLogin, listLogins, newRecoveryCodes, turnOffTotp, updateAccount,
} from '../api/me.ts';
import { announce } from '../api/notices.ts';
import { Field } from '../components/Field.tsx';
import { checkEmail, checkPassword, checkRequired } from '../components/forms.ts';
import { RequireSignIn } from '../components/RequireSignIn.tsx';
import { Loading } from '../components/Notice.tsx';
import { setLocale } from '../i18n/index.ts';
import { at, formatDateTime } from './i18n/index.ts';
import { RecoveryCodes } from './RecoveryCodes.tsx';
import { Confirm, createForm, failureText, LANGUAGES, SelectField, serverFields, usePageTitle } from './ui.tsx';

/**
 * /account: every signed-in person's own settings. After the account is deleted the page says so in place (the
 * person is signed out by then, so it is not behind the sign-in guard).
 */
export function AccountPage() {
  usePageTitle('account.title');
  const [deleted, setDeleted] = createSignal(false);
  const onDeleted = () => {
    // First leave the signed-in view, then forget the person: the guard must not send them to the sign-in page.
    setDeleted(true);
    forgetLogin();
  };
  return (
    <Show when={!deleted()} fallback={<AccountDeletedView />}>
      <RequireSignIn><AccountView me={account.me()!} onDeleted={onDeleted} /></RequireSignIn>
    </Show>
  );
}

/** View: the sections, each its own form with its own messages. */
export function AccountView(props: { me: Me; onDeleted: () => void }) {
  const me = () => account.me() ?? props.me;
  return (
    <article class="account" aria-labelledby="account-title">
      <h1 id="account-title">{at('account.title')}</h1>
      <ProfileSection me={me()} />
      <EmailSection me={me()} />
      <PasswordSection />
      <RemindersSection me={me()} />
      <DevicesSection />
      <TwoStepSection me={me()} />
      <DataSection />
      <DeleteSection me={me()} onDeleted={props.onDeleted} />
    </article>
  );
}

function Saved(props: { text: string | undefined }) {
  return <p class="notice ok" role="status" hidden={!props.text}>{props.text}</p>;
}

/** Name and language. The language is the person's: the screens switch to it, and mails are written in it. */
export function ProfileSection(props: { me: Me }) {
  const form = createForm<'name'>();
  const [name, setName] = createSignal(props.me.user.name);
  const [lang, setLang] = createSignal<'ja' | 'en'>(props.me.user.locale);
  const [saved, setSaved] = createSignal<string>();
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setSaved(undefined);
    const n = name().trim();
    if (!form.check({ name: checkRequired(n) ?? (n.length > LIMITS.nameMax ? at('profile.nameHint') : undefined) })) return;
    if (await form.run(() => updateAccount({ name: n, locale: lang() }), (x) => serverFields<'name'>(x))) {
      setName(n);
      setLocale(lang());
      setSaved(at('account.saved'));
    }
  };
  return (
    <section class="card" aria-labelledby="profile-title">
      <h2 id="profile-title">{at('profile.title')}</h2>
      <form.Summary />
      <Saved text={saved()} />
      <form onSubmit={submit} novalidate>
        <Field id="profile-name" label={at('profile.name')} hint={at('profile.nameHint')} autocomplete="name" required maxlength={LIMITS.nameMax}
          value={name()} onInput={(e) => { setName(e.currentTarget.value); setSaved(undefined); }} error={form.err('name')} />
        <SelectField id="profile-language" label={at('profile.language')} value={lang()} options={LANGUAGES()}
          onChange={(e) => { setLang(e.currentTarget.value === 'en' ? 'en' : 'ja'); setSaved(undefined); }} />
        <button type="submit" class="primary" disabled={form.busy()}>{at('profile.save')}</button>
      </form>
    </section>
  );
}

/** The address, confirmed or not (with a resend), and moving the account to a new one through that address. */
export function EmailSection(props: { me: Me }) {
  const resend = createForm<never>();
  const change = createForm<'email' | 'currentPassword'>();
  const [resent, setResent] = createSignal<string>();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [sent, setSent] = createSignal<string>();
  const again = async () => {
    setResent(undefined);
    const ok = await resend.run(() => resendConfirmation(), (x) => {
      // Confirmed meanwhile (in another tab): show it as it is.
      if (x instanceof ApiFailure && x.code === 'conflict') void reloadMe();
      return {};
    });
    if (ok) setResent(at('email.resent', { email: props.me.user.email }));
  };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setSent(undefined);
    const next = email().trim();
    const same = next.toLowerCase() === props.me.user.email.toLowerCase() ? at('field.sameEmail') : undefined;
    if (!change.check({ email: checkEmail(next) ?? same, currentPassword: checkRequired(password()) })) return;
    if (await change.run(() => changeEmail({ email: next, currentPassword: password() }), (x) => serverFields<'email' | 'currentPassword'>(x))) {
      setSent(at('email.changeSent', { email: next }));
      setEmail('');
      setPassword('');
    }
  };
  return (
    <section class="card" aria-labelledby="email-title">
      <h2 id="email-title">{at('email.title')}</h2>
      <dl class="facts account-facts">
        <div>
          <dt>{at('email.current')}</dt>
          <dd>
            <span class="email-address">{props.me.user.email}</span>{' '}
            <span class="tag" classList={{ ok: props.me.user.emailVerified, off: !props.me.user.emailVerified }}>
              {at(props.me.user.emailVerified ? 'email.confirmed' : 'email.unconfirmed')}
            </span>
          </dd>
        </div>
      </dl>
      <Show when={!props.me.user.emailVerified}>
        <p>{at('email.unconfirmedHelp')}</p>
        <resend.Summary />
        <Saved text={resent()} />
        <button type="button" disabled={resend.busy()} onClick={again}>{at('email.resend')}</button>
      </Show>
      <h3 id="email-change-title">{at('email.change')}</h3>
      <change.Summary />
      <Saved text={sent()} />
      <form onSubmit={submit} novalidate aria-labelledby="email-change-title">
        <Field id="email-new" label={at('email.new')} type="email" autocomplete="email" inputmode="email" required
          value={email()} onInput={(e) => setEmail(e.currentTarget.value)} error={change.err('email')} />
        <Field id="email-password" label={at('email.currentPassword')} type="password" autocomplete="current-password" required
          value={password()} onInput={(e) => setPassword(e.currentTarget.value)} error={change.err('currentPassword')} />
        <button type="submit" disabled={change.busy()}>{at('email.changeSubmit')}</button>
      </form>
    </section>
  );
}

/** A new password with the current one; the person's other devices are signed out by the server. */
export function PasswordSection() {
  type F = 'currentPassword' | 'newPassword';
  const form = createForm<F>();
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [done, setDone] = createSignal<string>();
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setDone(undefined);
    const sameAsOld = next() && next() === current() ? at('field.newPasswordSame') : undefined;
    if (!form.check({ currentPassword: checkRequired(current()), newPassword: checkPassword(next()) ?? sameAsOld })) return;
    // The server names a too-common new password `password`.
    if (await form.run(() => changePassword({ currentPassword: current(), newPassword: next() }), (x) => serverFields<F>(x, { password: 'newPassword' }))) {
      setDone(at('password.done'));
      setCurrent('');
      setNext('');
    }
  };
  return (
    <section class="card" aria-labelledby="password-title">
      <h2 id="password-title">{at('password.title')}</h2>
      <form.Summary />
      <Saved text={done()} />
      <form onSubmit={submit} novalidate aria-labelledby="password-title">
        <Field id="password-current" label={at('password.current')} type="password" autocomplete="current-password" required
          value={current()} onInput={(e) => setCurrent(e.currentTarget.value)} error={form.err('currentPassword')} />
        <Field id="password-new" label={at('password.new')} hint={at('field.passwordHint')} type="password" autocomplete="new-password" required
          value={next()} onInput={(e) => setNext(e.currentTarget.value)} error={form.err('newPassword')} />
        <button type="submit" disabled={form.busy()}>{at('password.submit')}</button>
      </form>
    </section>
  );
}

/** Reminder mails on or off, saved as soon as the box changes (and put back if the server refuses). */
export function RemindersSection(props: { me: Me }) {
  const form = createForm<never>();
  const [on, setOn] = createSignal(!props.me.user.remindersOff);
  const [said, setSaid] = createSignal<string>();
  const toggle = async (wanted: boolean) => {
    setSaid(undefined);
    setOn(wanted);
    if (await form.run(() => updateAccount({ remindersOff: !wanted }), () => ({}))) setSaid(at(wanted ? 'reminders.on' : 'reminders.off'));
    else setOn(!wanted);
  };
  return (
    <section class="card" aria-labelledby="reminders-title">
      <h2 id="reminders-title">{at('reminders.title')}</h2>
      <form.Summary />
      <div class="field check">
        <input type="checkbox" id="reminders" checked={on()} disabled={form.busy()} aria-describedby="reminders-hint" onChange={(e) => void toggle(e.currentTarget.checked)} />
        <label for="reminders">{at('reminders.label')}</label>
        <p class="hint" id="reminders-hint">{at('reminders.hint')}</p>
      </div>
      <Saved text={said()} />
    </section>
  );
}

/** The browsers signed in to this account, this one first; any can be signed out. */
export function DevicesSection() {
  const navigate = useNavigate();
  const [logins, { refetch }] = createResource(listLogins);
  const form = createForm<never>();
  const [said, setSaid] = createSignal<string>();
  const end = async (l: LoginInfo) => {
    setSaid(undefined);
    if (l.current) {
      const r = await signOut();
      if (!r.serverEnded) announce({ key: 'signOut.offline', tone: 'info' });
      navigate('/signin', { replace: true });
      return;
    }
    const ok = await form.run(() => endLogin(l.id), (x) => {
      if (x instanceof ApiFailure && x.code === 'not_found') void refetch(); // ended meanwhile
      return {};
    });
    if (ok) { setSaid(at('devices.ended', { device: l.device })); await refetch(); }
  };
  return (
    <section class="card" aria-labelledby="devices-title">
      <h2 id="devices-title">{at('devices.title')}</h2>
      <p class="small">{at('devices.intro')}</p>
      <form.Summary />
      <Saved text={said()} />
      <Switch fallback={<Loading />}>
        <Match when={logins.error}><div class="notice error" role="alert"><p>{failureText(logins.error)}</p></div></Match>
        <Match when={logins.state === 'ready' || logins.state === 'refreshing' ? logins.latest : undefined}>
          {(list) => (
            <>
              <ul class="devices">
                <For each={list().items}>
                  {(l) => (
                    <li classList={{ current: l.current }} data-current={l.current ? 'true' : undefined}>
                      <p class="device-name">
                        <strong>{l.device}</strong>
                        <Show when={l.current}> <span class="tag ok">{at('devices.this')}</span></Show>
                        <Show when={l.secondFactor}> <span class="tag">{at('devices.twoStep')}</span></Show>
                      </p>
                      <p class="small">
                        {at('devices.lastSeen', { time: formatDateTime(l.lastSeenAt) })}<br />
                        {at('devices.since', { time: formatDateTime(l.createdAt) })}
                      </p>
                      <Show when={l.current} fallback={
                        <button type="button" disabled={form.busy()} aria-label={at('devices.signOutNamed', { device: l.device, time: formatDateTime(l.lastSeenAt) })}
                          onClick={() => void end(l)}>{at('devices.signOut')}</button>
                      }>
                        <button type="button" onClick={() => void end(l)}>{at('devices.signOutThis')}</button>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
              <Show when={list().items.every((l) => l.current)}><p class="small">{at('devices.none')}</p></Show>
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
}

/** Two-step sign-in: its state, setting it up, new recovery codes, and turning it off (founders only). */
export function TwoStepSection(props: { me: Me }) {
  const [said, setSaid] = createSignal<string>();
  return (
    <section class="card" aria-labelledby="twostep-title">
      <h2 id="twostep-title">{at('twoStep.title')}</h2>
      <Saved text={said()} />
      <Show when={props.me.user.totp} fallback={
        <>
          <p><span class="tag off">{at('twoStep.off')}</span></p>
          <p>{at('twoStep.offHelp')}</p>
          <A class="button primary" href="/account/two-factor?next=%2Faccount">{at('twoStep.setUp')}</A>
        </>
      }>
        <p><span class="tag ok">{at('twoStep.on')}</span></p>
        <NewCodes email={props.me.user.email} />
        <Show when={!props.me.user.secondFactorRequired} fallback={<p class="small">{at('twoStep.required')}</p>}>
          <TurnOff onDone={() => setSaid(at('twoStep.turnedOff'))} />
        </Show>
      </Show>
    </section>
  );
}

function NewCodes(props: { email: string }) {
  const form = createForm<'currentPassword'>();
  const [password, setPassword] = createSignal('');
  const [codes, setCodes] = createSignal<string[]>();
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!form.check({ currentPassword: checkRequired(password()) })) return;
    let got: string[] | undefined;
    await form.run(async () => { got = (await newRecoveryCodes(password())).recoveryCodes; }, (x) => serverFields<'currentPassword'>(x));
    if (got) { setCodes(got); setPassword(''); }
  };
  return (
    <>
      <h3 id="newcodes-title">{at('twoStep.newCodes')}</h3>
      <Show when={codes()} fallback={
        <>
          <p class="small">{at('twoStep.newCodesHelp')}</p>
          <form.Summary />
          <form onSubmit={submit} novalidate aria-labelledby="newcodes-title">
            <Field id="newcodes-password" label={at('twoStep.password')} type="password" autocomplete="current-password" required
              value={password()} onInput={(e) => setPassword(e.currentTarget.value)} error={form.err('currentPassword')} />
            <button type="submit" disabled={form.busy()}>{at('twoStep.newCodesSubmit')}</button>
          </form>
        </>
      }>
        {(list) => <RecoveryCodes codes={list()} email={props.email} headingLevel={3} />}
      </Show>
    </>
  );
}

function TurnOff(props: { onDone: () => void }) {
  const form = createForm<'currentPassword'>();
  const [password, setPassword] = createSignal('');
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!form.check({ currentPassword: checkRequired(password()) })) return;
    if (await form.run(() => turnOffTotp(password()), (x) => serverFields<'currentPassword'>(x))) {
      props.onDone();
      // The section then shows two-step sign-in as off, from the account as the server has it.
      await reloadMe().catch(() => undefined);
    }
  };
  return (
    <>
      <h3 id="turnoff-title">{at('twoStep.turnOff')}</h3>
      <p class="small">{at('twoStep.turnOffHelp')}</p>
      <form.Summary />
      <form onSubmit={submit} novalidate aria-labelledby="turnoff-title">
        <Field id="turnoff-password" label={at('twoStep.password')} type="password" autocomplete="current-password" required
          value={password()} onInput={(e) => setPassword(e.currentTarget.value)} error={form.err('currentPassword')} />
        <button type="submit" class="danger" disabled={form.busy()}>{at('twoStep.turnOffSubmit')}</button>
      </form>
    </>
  );
}

/** Everything kept about the person, as files: plain links, downloaded with the login cookie. */
export function DataSection() {
  return (
    <section class="card" aria-labelledby="data-title">
      <h2 id="data-title">{at('data.title')}</h2>
      <p>{at('data.intro')}</p>
      <ul class="link-list start">
        <li><a class="button" href={DATA_URL.json} download="">{at('data.json')}</a></li>
        <li><a class="button" href={DATA_URL.csv} download="">{at('data.csv')}</a></li>
      </ul>
      <p><A href="/privacy">{at('data.privacy')}</A></p>
    </section>
  );
}

/** Founders delete their own account, with their password and a confirmation that says what goes and what stays. */
export function DeleteSection(props: { me: Me; onDeleted: () => void }) {
  const form = createForm<'currentPassword'>();
  const [password, setPassword] = createSignal('');
  const [asking, setAsking] = createSignal(false);
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (form.check({ currentPassword: checkRequired(password()) })) setAsking(true);
  };
  const yes = async () => {
    const ok = await form.run(() => deleteAccount(props.me.user.id, password()), (x) => serverFields<'currentPassword'>(x));
    setAsking(false);
    if (ok) props.onDeleted();
  };
  return (
    <section class="card danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title">{at('delete.title')}</h2>
      <Show when={!props.me.user.secondFactorRequired} fallback={<p>{at('delete.notHere')}</p>}>
        <p>{at('delete.intro')}</p>
        <ul>
          <li>{at('delete.erased')}</li>
        </ul>
        <p>{at('delete.kept')}</p>
        <form.Summary />
        <form onSubmit={submit} novalidate aria-labelledby="delete-title">
          <Field id="delete-password" label={at('delete.password')} type="password" autocomplete="current-password" required
            value={password()} onInput={(e) => { setPassword(e.currentTarget.value); setAsking(false); }} error={form.err('currentPassword')} />
          <button type="submit" class="danger" disabled={form.busy() || asking()}>{at('delete.submit')}</button>
        </form>
        <Show when={asking()}>
          <Confirm id="delete-confirm" text={at('delete.confirm', { name: props.me.user.name })} yes={form.busy() ? at('delete.working') : at('form.confirmYes')} no={at('form.confirmNo')}
            busy={form.busy()} onYes={() => void yes()} onNo={() => setAsking(false)} />
        </Show>
      </Show>
    </section>
  );
}

/** Shown in place of the account page once the account is gone (the person is signed out by then). */
export function AccountDeletedView() {
  return (
    <section class="narrow" aria-labelledby="deleted-title">
      <h1 id="deleted-title">{at('deleted.title')}</h1>
      <p class="notice ok" role="status">{at('deleted.body')}</p>
      <p>{at('deleted.kept')}</p>
      <p><A class="button primary" href="/signin">{at('deleted.home')}</A></p>
    </section>
  );
}
