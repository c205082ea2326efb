/** The quiz page's chunk: loaded lazily by the router, and ahead of time by a lesson page so it is there offline. */
export const loadQuizChunk = () => import('./Quiz.tsx');
