import { A } from '@solidjs/router';
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

/**
 * Whether trying again can help: the network or the server failed. A missing page, a refusal or a bad request will
 * answer the same, so it gets no retry button.
 */
export const retryable = (e: unknown) => !(e instanceof ApiFailure) || e.code === 'network' || e.code === 'internal' || e.code === 'unavailable';

export const isNotFound = (e: unknown) => e instanceof ApiFailure && e.code === 'not_found';

export function ErrorNotice(props: { error: unknown; onRetry?: () => void }) {
  return (
    <Show when={props.error}>
      <div class="notice error" role="alert">
        <p>{messageOf(props.error)}</p>
        <Show when={props.onRetry && retryable(props.error)}>
          <button type="button" class="secondary" onClick={() => props.onRetry?.()}>{t('state.retry')}</button>
        </Show>
      </div>
    </Show>
  );
}

export function Loading() {
  return <p class="loading" role="status">{t('state.loading')}</p>;
}

/**
 * A page that could not be shown. Not found: say so and offer the way home (trying again cannot help). Otherwise the
 * page's own heading and the error, with a retry for a network or server failure.
 */
export function PageFailure(props: { error: unknown; title: string; onRetry?: () => void }) {
  return (
    <Show when={isNotFound(props.error)} fallback={<><h1>{props.title}</h1><ErrorNotice error={props.error} onRetry={props.onRetry} /></>}>
      <NotFound />
    </Show>
  );
}

/** The not-found page's content: what happened and the link home. */
export function NotFound() {
  return (
    <section class="narrow">
      <h1>{t('state.notFound')}</h1>
      <p>{t('state.notFoundBody')}</p>
      <p><A href="/" class="button">{t('state.goHome')}</A></p>
    </section>
  );
}
