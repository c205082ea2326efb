import { lazy, Suspense } from 'solid-js';

/**
 * The home page's assignments and seminar sessions, loaded on demand so that the first load does not grow by them: only
 * this lazy reference is in it. They suspend the home page's own Suspense boundary (HomePage), so the page appears once,
 * whole: arriving after the cards below them, they pushed those down (a layout shift of 0.15 at Lighthouse's phone size).
 * HomePage asks for the chunk as it starts, beside its own data.
 */
export const HomeSeminars = lazy(() => import('./HomeSeminars.tsx'));
/** The business plan's card (issue 11), its own chunk too. */
const HomePlan = lazy(() => import('../plan/HomePlan.tsx'));
/**
 * Every founder has a plan card, so its place is kept from the first paint (an empty card of the same minimum height,
 * hidden from assistive technology) instead of pushing the progress cards down when it arrives: that shift alone cost
 * the home page half its Lighthouse score (cumulative layout shift 0.5).
 */
export const PlanPlaceholder = () => <div class="card home-plan placeholder" aria-hidden="true" />;
export const HomeSeminarsSlot = () => <><HomeSeminars /><Suspense fallback={<PlanPlaceholder />}><HomePlan /></Suspense></>;
