import { A } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { account } from '../api/account.ts';
import { getPlan } from './api.ts';
import { pt } from './i18n.ts';
import { statusLabel } from './parts.tsx';
import { PlanPlaceholder } from '../learner/HomeSeminarsSlot.tsx';

/**
 * The business plan on the founder's home (a lazy chunk): its state, and a badge when the advisor has commented since
 * the founder last saved. Keeps its place while loading (the placeholder) and shows nothing if it cannot be read (home
 * never waits for it).
 */
export default function HomePlan() {
  const [view] = createResource(() => account.me()?.user.id, getPlan);
  return (
    <Show when={!view.error && view.latest} fallback={<Show when={!view.error}><PlanPlaceholder /></Show>}>
      {(v) => (
        <section class="card home-plan" aria-labelledby="home-plan-title">
          <h2 id="home-plan-title">{pt('home.title')}</h2>
          <Show when={v().version > 0} fallback={<p>{pt('intro')}</p>}>
            <p>{pt('home.status', { status: statusLabel(v().status), version: v().version })}</p>
          </Show>
          <Show when={v().newComments > 0}><p class="plan-badge"><strong>{pt('comments.badge', { count: v().newComments })}</strong></p></Show>
          <p><A href="/plan" class="button secondary">{v().version > 0 ? pt('home.open') : pt('home.start')}</A></p>
        </section>
      )}
    </Show>
  );
}
