import { Show } from 'solid-js';
import { ApiFailure } from '../api/client.ts';
import { t, type MessageKey } from '../i18n/index.ts';

/** The person-facing message for a failure, in the current language. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiFailure) {
    if (e.code === 'rate_limited') return t('error.rate_limited', { minutes: Math.max(1, Math.ceil((e.retryAfterSeconds ?? 60) / 60)) });
    return t(`error.${e.code}` as MessageKey);
  }
  return t('error.internal');
}

export function ErrorNotice(props: { error: unknown; onRetry?: () => void }) {
  return (
    <Show when={props.error}>
      <div class="notice error" role="alert">
        <p>{messageOf(props.error)}</p>
        <Show when={props.onRetry}>
          <button type="button" class="secondary" onClick={() => props.onRetry?.()}>{t('state.retry')}</button>
        </Show>
      </div>
    </Show>
  );
}

export function Loading() {
  return <p class="loading" role="status">{t('state.loading')}</p>;
}
