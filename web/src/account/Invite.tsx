import { A, useNavigate } from '@solidjs/router';
import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import type { InvitationPreview } from '../../../functions/contract/account.ts';
import type { Me } from '../../../functions/contract/api.ts';
import { signOut, WORKSPACE_HOME } from '../api/account.ts';
import { acceptInvitation, previewInvitation } from '../api/mail-links.ts';
import { Field } from '../components/Field.tsx';
import { checkPassword, checkRequired } from '../components/forms.ts';
import { Loading } from '../components/Notice.tsx';
import { locale, type Locale, pick, setLocale, t } from '../i18n/index.ts';
import { at, formatDateTime } from './i18n/index.ts';
import { dropLinkToken, takeLinkToken, wellFormedToken } from './link-token.ts';
import { accountKnown, createForm, currentMe, failureText, LANGUAGES, linkProblem, SelectField, serverFields, usePageTitle } from './ui.tsx';

type Dead = 'token_expired' | 'token_invalid';

/** Where a person goes once the invitation is theirs: staff, advisors and admins set up two-step sign-in first. */
export function destinationAfterAccepting(me: Me, role: InvitationPreview['role']): string {
  const area = role === 'learner' ? '/' : WORKSPACE_HOME[role];
  return role !== 'learner' && !me.login.secondFactor ? `/account/two-factor?next=${encodeURIComponent(area)}` : area;
}

/**
 * /invite#t=…: what the invitation is for, then accepting it — a new person chooses a name and a password; an
 * existing one signs in first (the link's token waits in this tab meanwhile) and accepts.
 */
export function InvitePage() {
  usePageTitle('invite.title');
  const token = takeLinkToken('invite');
  const [dead, setDead] = createSignal<Dead | undefined>(token && !wellFormedToken(token) ? 'token_invalid' : undefined);
  const [preview] = createResource(() => (token && !dead() && accountKnown() ? token : undefined), async (tk) => {
    try { return await previewInvitation(tk); } catch (e) {
      const p = linkProblem(e);
      if (p) { dropLinkToken('invite'); setDead(p); return undefined; }
      throw e;
    }
  });
  const dying = (p: Dead) => { dropLinkToken('invite'); setDead(p); };
  return (
    <section class="narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">{at('invite.title')}</h1>
      <Switch fallback={<Loading />}>
        <Match when={!token}><p class="notice">{at('invite.noToken')}</p></Match>
        <Match when={dead()}>
          {(p) => <div class="notice error" role="alert"><p>{t(`error.${p()}`)}</p><p>{at('invite.askNew')}</p></div>}
        </Match>
        <Match when={preview.error}><div class="notice error" role="alert"><p>{failureText(preview.error)}</p></div></Match>
        <Match when={preview.state === 'ready' ? preview() : undefined}>{(p) => <InvitationView token={token!} preview={p()} onDead={dying} />}</Match>
      </Switch>
    </section>
  );
}

/** View: the invitation's facts and the way to accept it, depending on who (if anyone) is signed in here. */
export function InvitationView(props: { token: string; preview: InvitationPreview; onDead: (p: Dead) => void }) {
  const navigate = useNavigate();
  const done = (me: Me) => { dropLinkToken('invite'); navigate(destinationAfterAccepting(me, props.preview.role), { replace: true }); };
  const me = () => currentMe();
  const sameEmail = () => me()?.user.email.toLowerCase() === props.preview.email.toLowerCase();
  return (
    <>
      <InvitationFacts preview={props.preview} />
      <Switch fallback={<Loading />}>
        <Match when={me() && !sameEmail()}>
          <div class="notice error" role="alert">
            <p>{t('error.invitation_mismatch')}</p>
            <p>{at('invite.signedInAs', { email: me()!.user.email })} {at('invite.signOutFirst', { email: props.preview.email })}</p>
          </div>
          <button type="button" class="primary" onClick={() => void signOut()}>{at('invite.signOut')}</button>
        </Match>
        <Match when={me()}>{(m) => <AcceptExisting token={props.token} name={m().user.name} onDone={done} onDead={props.onDead} />}</Match>
        <Match when={me() === null && props.preview.account === 'existing'}>
          <p>{at('invite.existingIntro', { email: props.preview.email })}</p>
          <p><A class="button primary" href="/signin?next=%2Finvite">{at('invite.signInFirst')}</A></p>
        </Match>
        <Match when={me() === null}>
          <NewAccountForm token={props.token} preview={props.preview} onDone={done} onDead={props.onDead} />
        </Match>
      </Switch>
    </>
  );
}

function InvitationFacts(props: { preview: InvitationPreview }) {
  const p = () => props.preview;
  return (
    <section aria-labelledby="invite-facts">
      <h2 id="invite-facts">{at('invite.summary')}</h2>
      <dl class="facts invitation">
        <div><dt>{at('invite.email')}</dt><dd>{p().email}</dd></div>
        <div><dt>{at('invite.role')}</dt><dd>{at(`invite.role.${p().role}`)}</dd></div>
        <div><dt>{at('invite.place')}</dt><dd>{p().tenantName ? pick(p().tenantName!) : at('invite.region')}</dd></div>
        <Show when={p().cohortName}><div><dt>{at('invite.cohort')}</dt><dd>{p().cohortName}</dd></div></Show>
        <div><dt>{at('invite.invitedBy')}</dt><dd>{p().invitedByName}</dd></div>
        <div><dt>{at('invite.expires')}</dt><dd><time datetime={p().expiresAt}>{formatDateTime(p().expiresAt)}</time></dd></div>
      </dl>
    </section>
  );
}

/** An existing person, signed in as the invited email: one button adds the role. */
function AcceptExisting(props: { token: string; name: string; onDone: (me: Me) => void; onDead: (p: Dead) => void }) {
  const form = createForm<never>();
  const accept = async () => {
    let me: Me | undefined;
    await form.run(async () => { me = await acceptInvitation({ token: props.token }); }, (e) => { const p = linkProblem(e); if (p) props.onDead(p); return {}; });
    if (me) props.onDone(me);
  };
  return (
    <>
      <p>{at('invite.acceptIntro', { name: props.name })}</p>
      <form.Summary />
      <button type="button" class="primary" disabled={form.busy()} onClick={accept}>{form.busy() ? at('invite.accepting') : at('invite.accept')}</button>
    </>
  );
}

/** A new person: name, password and language; accepting signs them in. */
function NewAccountForm(props: { token: string; preview: InvitationPreview; onDone: (me: Me) => void; onDead: (p: Dead) => void }) {
  type F = 'name' | 'password';
  const form = createForm<F>();
  const [name, setName] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [lang, setLang] = createSignal<Locale>(locale());
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!form.check({ name: checkRequired(name()), password: checkPassword(password()) })) return;
    let me: Me | undefined;
    await form.run(async () => { me = await acceptInvitation({ token: props.token, name: name().trim(), password: password(), locale: lang() }); }, (x) => {
      const p = linkProblem(x);
      if (p) { props.onDead(p); return {}; }
      return serverFields<F>(x);
    });
    if (me) { setLocale(lang()); props.onDone(me); }
  };
  return (
    <>
      <p>{at('invite.newIntro')}</p>
      <Show when={props.preview.role !== 'learner'}><p class="small">{at('invite.twoStepNext')}</p></Show>
      <form.Summary />
      <form onSubmit={submit} novalidate>
        <Field id="invite-email" label={at('invite.email')} type="email" autocomplete="username" value={props.preview.email} readonly />
        <Field id="invite-name" label={at('invite.name')} hint={at('invite.nameHint')} autocomplete="name" required maxlength={80}
          value={name()} onInput={(e) => setName(e.currentTarget.value)} error={form.err('name')} />
        <Field id="invite-password" label={at('invite.password')} hint={at('field.passwordHint')} type="password" autocomplete="new-password" required
          value={password()} onInput={(e) => setPassword(e.currentTarget.value)} error={form.err('password')} />
        <SelectField id="invite-language" label={at('invite.language')} value={lang()} options={LANGUAGES()}
          onChange={(e) => setLang(e.currentTarget.value === 'en' ? 'en' : 'ja')} />
        <button type="submit" class="primary" disabled={form.busy()}>{form.busy() ? at('invite.working') : at('invite.create')}</button>
      </form>
    </>
  );
}
