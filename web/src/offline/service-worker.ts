import type { ContentLang, PublicModuleFile } from '../../../functions/contract/catalog.ts';

// The page's side of the service worker (web/public/sw.js): registering it after the page has loaded, and asking it to
// keep files for offline use. Kept tiny: it is part of the learner's first load.

const sw = () => (typeof navigator !== 'undefined' && 'serviceWorker' in navigator && globalThis.isSecureContext ? navigator.serviceWorker : undefined);

/** Asks the active service worker to fetch and keep these same-origin paths, where it does not hold them yet. */
export function keepOffline(paths: string[]): void {
  void sw()?.ready.then((r) => r.active?.postMessage({ type: 'keep', paths })).catch(() => undefined);
}

/**
 * Work for offline use is never urgent: it waits until the page has loaded, a few seconds more, and an idle moment, so
 * it never competes with the first render or the founder's first taps (it cost the home page ~400 ms of blocked main
 * thread in Lighthouse when it ran at load).
 */
function whenSettled(f: () => void): void {
  const idle = () => setTimeout(() => {
    const ric = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
    if (ric) ric(f, { timeout: 5000 }); else f();
  }, 3000);
  if (document.readyState === 'complete') idle(); else window.addEventListener('load', idle, { once: true });
}

/**
 * Registers /sw.js once the page has loaded and settled, so it never competes with the first render, then asks it to keep the
 * app shell and the build files this page runs on: they were fetched before the worker existed, so it has not seen them.
 */
export function registerServiceWorker(): void {
  const container = sw();
  if (!container) return;
  const go = () => {
    container.register('/sw.js').then(() => {
      const assets = performance.getEntriesByType('resource').map((e) => new URL(e.name))
        .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/')).map((u) => u.pathname);
      keepOffline(['/index.html', ...assets]);
    }).catch(() => undefined);
  };
  whenSettled(go);
}

/**
 * When a lesson opens: the rest of its module (outline, every lesson in the reader's language, the quiz and the course
 * outline the quiz page reads) is fetched in the background, so the module stays readable when the connection drops.
 */
export function keepModuleOffline(file: PublicModuleFile, lang: ContentLang): void {
  const m = file.module;
  const base = `/content/${file.courseId}/${m.id}`;
  const suffix = lang === 'en' && m.languages.includes('en') ? '.en' : '';
  keepOffline([
    `${base}/module.json`,
    ...m.lessons.map((l) => `${base}/${l.id}${suffix}.json`),
    ...(m.quiz ? [`${base}/quiz${suffix}.json`, `/content/${file.courseId}/course.json`] : []),
  ]);
}

/**
 * Runs `load` (a lazy chunk's import) once the service worker controls this page, so the chunk passes through it and
 * is kept; without a service worker it is not loaded ahead at all.
 */
export function loadThroughServiceWorker(load: () => Promise<unknown>): void {
  const container = sw();
  if (!container) return;
  const go = () => whenSettled(() => void load().catch(() => undefined));
  if (container.controller) go(); else container.addEventListener('controllerchange', go, { once: true });
}
