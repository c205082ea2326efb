import { Show } from 'solid-js';
import { st } from './i18n/index.ts';

/** Previous / next buttons of a cursor-paged list (founders, audit log); hidden when there is only one page. */
export function Pager(props: { hasNext: boolean; onNext: () => void; onPrev?: (() => void) | undefined }) {
  return (
    <Show when={props.onPrev || props.hasNext}>
      <nav class="pager-buttons" aria-label={st('founders.paging')}>
        <Show when={props.onPrev}><button type="button" onClick={() => props.onPrev?.()}>{st('founders.prev')}</button></Show>
        <Show when={props.hasNext}><button type="button" onClick={() => props.onNext()}>{st('founders.next')}</button></Show>
      </nav>
    </Show>
  );
}
