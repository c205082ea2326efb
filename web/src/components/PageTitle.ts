import { createRenderEffect, createRoot, createSignal, onCleanup } from 'solid-js';
import { t } from '../i18n/index.ts';

/**
 * The document title, 「ページ名 | 創業キャンパス」, from the page on screen, in the current language (WCAG 2.4.2). The
 * most recently mounted page's title wins, and the one before it comes back when that page goes; a title that depends
 * on loaded data or the language follows them.
 */
const claims: Array<() => string | undefined> = [];
const titles = createRoot(() => {
  const [changed, setChanged] = createSignal(0);
  createRenderEffect(() => {
    changed();
    const own = claims[claims.length - 1]?.();
    document.title = own ? `${own} | ${t('app.name')}` : t('app.name');
  });
  return { bump: () => setChanged((n) => n + 1) };
});

/** Called by each page (container) with its title; undefined while it does not know it yet. */
export function usePageTitle(title: () => string | undefined) {
  claims.push(title);
  titles.bump();
  onCleanup(() => {
    const i = claims.lastIndexOf(title);
    if (i >= 0) claims.splice(i, 1);
    titles.bump();
  });
}
