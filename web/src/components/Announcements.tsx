import { For } from 'solid-js';
import { announcements, dismiss } from '../api/notices.ts';
import { t } from '../i18n/index.ts';

/**
 * What the data layer had to tell the person (unsent records deleted, records refused). Pinned to the bottom of the
 * screen so it is seen whatever part of a long lesson is in view; it stays until dismissed.
 */
export function Announcements() {
  return (
    <div class="announcements" role="region" aria-label={t('notice.region')} hidden={announcements().length === 0}>
      <For each={announcements()}>
        {(a) => (
          <div class={`notice ${a.tone === 'error' ? 'error' : ''}`} role={a.tone === 'error' ? 'alert' : 'status'}>
            <p>{t(a.key, a.params)}</p>
            <button type="button" class="secondary" onClick={() => dismiss(a.id)}>{t('notice.dismiss')}</button>
          </div>
        )}
      </For>
    </div>
  );
}
