import { createEffect, createSignal, on, Show } from 'solid-js';
import { lastSyncedAt, waitingRecords } from '../api/progress.ts';
import { t } from '../i18n/index.ts';

/**
 * Whether the founder's records (lesson completions, quiz answers) are on the server or only on this device: "waiting
 * to sync (n)" while any waits in their outbox, then "saved" once the outbox got them all through. Records the server
 * refused are not "saved": that is announced on its own. A polite live region, always in the page, so each change is
 * read out without taking the reader away from the lesson.
 */
export function SyncStatus() {
  const [state, setState] = createSignal<'idle' | 'waiting' | 'saved'>('idle');
  let since = 0;
  createEffect(on(waitingRecords, (n) => {
    if (n > 0) {
      if (state() !== 'waiting') since = Date.now();
      setState('waiting');
    } else if (state() === 'waiting') {
      setState(lastSyncedAt() >= since ? 'saved' : 'idle');
    }
  }));
  return (
    <div class="sync-status" aria-live="polite" aria-atomic="true">
      <Show when={state() === 'waiting'}>
        <p class="notice waiting"><strong>{t('sync.waiting', { count: waitingRecords() })}</strong> {t('sync.waitingDetail')}</p>
      </Show>
      <Show when={state() === 'saved'}>
        <p class="notice ok"><strong>{t('sync.saved')}</strong> {t('sync.savedDetail')}</p>
      </Show>
    </div>
  );
}
