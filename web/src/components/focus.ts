/**
 * Where keyboard and screen-reader focus goes when the page changes under it, decided once for the whole app (the
 * layout wires it): after a route change to the new page's main heading, after a failed form submission to the error
 * summary or the first invalid field, and from the skip link to the main content. Never left on <body>
 * (WCAG 2.4.3 focus order, 3.3.1 error identification).
 */

const NATIVELY_FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';

/** Focuses an element, making a heading or notice programmatically focusable first (tabindex=-1, out of the tab order). */
export function focusElement(el: HTMLElement) {
  if (!el.matches(NATIVELY_FOCUSABLE)) el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: true });
  // Scroll only as far as needed to show it: a focused heading at the top of the page should not jump the page.
  el.scrollIntoView?.({ block: 'nearest' });
}

const lost = (main: HTMLElement) => {
  const a = document.activeElement;
  return !a || a === document.body || a === main || !a.isConnected;
};

/** How long a page may take to show its heading or a form its errors (a slow network answer still counts). */
const PATIENCE_MS = 30_000;

/**
 * Runs `step` on every change inside `main` until it returns true (done) or the patience runs out; returns a stop
 * function. The first check runs after the page's own updates and focus moves of the same turn (a macrotask later).
 */
function watch(main: HTMLElement, step: () => boolean): () => void {
  let done = false;
  const observer = new MutationObserver(() => { if (!done && step()) stop(); });
  const timer = setTimeout(() => stop(), PATIENCE_MS);
  const first = setTimeout(() => { if (!done && step()) stop(); }, 0);
  function stop() {
    done = true;
    observer.disconnect();
    clearTimeout(timer);
    clearTimeout(first);
  }
  observer.observe(main, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-invalid', 'role', 'class'] });
  return stop;
}

/**
 * After a route change: focus the new page's h1 once it is on screen (pages load their data first). The person's own
 * moves win: once they press a key or click, or a page puts focus somewhere itself, nothing is moved.
 */
export function focusHeadingAfterNavigation(main: HTMLElement): () => void {
  let interacted = false;
  const mark = () => { interacted = true; };
  document.addEventListener('keydown', mark, { capture: true, once: true });
  document.addEventListener('pointerdown', mark, { capture: true, once: true });
  const start = document.activeElement;
  let focused: HTMLElement | undefined;
  const stop = watch(main, () => {
    if (interacted) return true;
    const h1 = main.querySelector<HTMLElement>('h1');
    if (!h1 || main.querySelector('.loading')) return false;
    // The page moved focus itself (a field it wants filled first): leave it there.
    const a = document.activeElement;
    const ours = focused && a === focused;
    if (!ours && !lost(main) && a !== start && main.contains(a)) return true;
    if (h1 !== document.activeElement) { focusElement(h1); focused = h1; }
    // Keep watching: a page that first shows a heading from the previous data may replace it when its data arrives.
    return false;
  });
  return () => {
    stop();
    document.removeEventListener('keydown', mark, { capture: true });
    document.removeEventListener('pointerdown', mark, { capture: true });
  };
}

/**
 * After a form is submitted: if the page shows an error summary (role="alert") or marks a field invalid and has not
 * moved focus to it itself, focus the summary, else the first invalid field. Stops at success (the form goes away) or
 * when the person moves on.
 */
export function focusProblemAfterSubmit(main: HTMLElement, form: HTMLFormElement): () => void {
  const atSubmit = document.activeElement;
  return watch(main, () => {
    if (!form.isConnected) return true;
    const a = document.activeElement;
    const untouched = lost(main) || a === atSubmit;
    const summary = main.querySelector<HTMLElement>('[role="alert"]');
    const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"], fieldset.invalid');
    const target = summary ?? invalid;
    if (!target) return false;
    if (untouched) focusElement(target);
    return true;
  });
}
