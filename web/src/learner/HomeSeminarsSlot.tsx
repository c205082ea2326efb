import { lazy, Suspense } from 'solid-js';

/**
 * The home page's assignments and seminar sessions, loaded on demand so that the first load does not grow by them: only
 * this lazy reference is in it. Nothing shows until they are ready (no spinner pushing the page down).
 */
const HomeSeminars = lazy(() => import('./HomeSeminars.tsx'));
/** The business plan's card (issue 11), its own chunk too. */
const HomePlan = lazy(() => import('../plan/HomePlan.tsx'));
export const HomeSeminarsSlot = () => <Suspense><HomeSeminars /><HomePlan /></Suspense>;
