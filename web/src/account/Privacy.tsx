import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { pick } from '../i18n/index.ts';
import { at } from './i18n/index.ts';
import type { AccountKey } from './i18n/ja.ts';
import { currentMe, usePageTitle } from './ui.tsx';

const SECTIONS: Array<{ id: string; title: AccountKey; items: AccountKey[]; after?: AccountKey }> = [
  { id: 'what', title: 'privacy.what', items: ['privacy.what.profile', 'privacy.what.memberships', 'privacy.what.progress', 'privacy.what.quiz', 'privacy.what.evidence', 'privacy.what.devices', 'privacy.what.audit'] },
  { id: 'why', title: 'privacy.why', items: ['privacy.why.learning', 'privacy.why.programme', 'privacy.why.statistics'] },
  { id: 'how-long', title: 'privacy.howLong', items: ['privacy.howLong.account', 'privacy.howLong.audit', 'privacy.howLong.devices', 'privacy.howLong.links', 'privacy.howLong.deleted'] },
  { id: 'who', title: 'privacy.who', items: ['privacy.who.staff', 'privacy.who.advisor', 'privacy.who.admin'], after: 'privacy.who.nobodyElse' },
  { id: 'rights', title: 'privacy.rights', items: ['privacy.rights.download', 'privacy.rights.correct', 'privacy.rights.delete'] },
];

/** /privacy — 個人情報の取扱い: what is kept, why, for how long, who sees it, the founder's rights and whom to ask. */
export function PrivacyPage() {
  usePageTitle('privacy.title');
  // A signed-in founder is told which municipality is theirs to ask.
  const municipalities = () => [...new Set((currentMe()?.memberships ?? []).filter((m) => m.role === 'learner').map((m) => pick(m.tenantName)))];
  return (
    <article class="privacy" aria-labelledby="privacy-title">
      <h1 id="privacy-title">{at('privacy.title')}</h1>
      <p>{at('privacy.intro')}</p>
      <For each={SECTIONS}>
        {(s) => (
          <section aria-labelledby={`privacy-${s.id}`}>
            <h2 id={`privacy-${s.id}`}>{at(s.title)}</h2>
            <ul><For each={s.items}>{(k) => <li>{at(k)}</li>}</For></ul>
            <Show when={s.after}>{(k) => <p>{at(k())}</p>}</Show>
            <Show when={s.id === 'rights' && currentMe()}><p><A href="/account">{at('privacy.rights.toAccount')}</A></p></Show>
          </section>
        )}
      </For>
      <section aria-labelledby="privacy-contact">
        <h2 id="privacy-contact">{at('privacy.contact')}</h2>
        <p>{at('privacy.contact.body')}</p>
        <Show when={municipalities().length > 0}><p>{at('privacy.contact.yours', { tenants: municipalities().join('、') })}</p></Show>
      </section>
    </article>
  );
}
