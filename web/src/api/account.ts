import { createEffect, createResource, createRoot, createSignal, on } from 'solid-js';
import type { SecondStep, SignInResult, TotpSignInBody } from '../../../functions/contract/account.ts';
import type { CodeInfo, Me, SignInBody, SignUpBody } from '../../../functions/contract/api.ts';
import { ApiFailure, request, setCsrfToken } from './client.ts';
import { clearAnnouncements } from './notices.ts';
import { clearAllQuizDrafts } from './drafts.ts';

// The signed-in account ("login" on the server). Named so because "session" means a seminar session in this domain.

/**
 * Set when a sign-out could not reach the server (offline): the login is still valid there and its cookie is still in
 * this browser, so the next start ends it before anything else. Cleared by a later sign-in, which replaces the cookie.
 */
const SIGN_OUT_PENDING = 'sogyo.signoutPending';
const flag = {
  get: () => { try { return localStorage.getItem(SIGN_OUT_PENDING) === '1'; } catch { return false; } },
  set: (on: boolean) => { try { if (on) localStorage.setItem(SIGN_OUT_PENDING, '1'); else localStorage.removeItem(SIGN_OUT_PENDING); } catch { /* blocked */ } },
};

/**
 * Ends the login an offline sign-out left behind, with its own CSRF token (the page's may already be someone else's).
 * `stillWanted` is asked again before the ending request: if a person signed in meanwhile, the cookie is theirs now.
 */
async function endLeftoverLogin(stillWanted: () => boolean) {
  try {
    const left = await request<Me>('GET', '/api/me');
    if (!stillWanted()) return;
    await request<void>('POST', '/api/auth/signout', undefined, { csrfToken: left.csrfToken });
  } catch (e) {
    if (!(e instanceof ApiFailure && e.status === 401)) throw e;
  }
  flag.set(false);
}

/**
 * The founder's account as the server last confirmed it on this device, so that the app opened without a connection
 * (a reload on a train) still shows their lessons and keeps their progress in their own queue. The copy is used no
 * longer than the login it stands for could live on the server: 30 minutes after the server last confirmed it (the
 * idle expiry) and 12 hours after sign-in (the absolute one) — so a shared PC left without signing out shows nobody's
 * lessons offline for longer than it would online. It is kept for founders only, deleted at sign-out, when the server
 * says the login is gone (401), and when the account is forgotten, and only read when the server cannot be reached.
 */
const REMEMBERED = 'sogyo.offlineLogin';
const LOGIN_LIFETIME_MS = 12 * 3600_000;
const LOGIN_IDLE_MS = 30 * 60_000;
const remembered = {
  save(me: Me, o: { newLogin: boolean }) {
    try {
      if (!isLearner(me)) { localStorage.removeItem(REMEMBERED); return; }
      const prev = o.newLogin ? undefined : remembered.read();
      const since = prev?.me.user.id === me.user.id ? prev.since : Date.now();
      localStorage.setItem(REMEMBERED, JSON.stringify({ since, confirmedAt: Date.now(), me }));
    } catch { /* storage blocked: offline starts ask to sign in, as before */ }
  },
  read(): { since: number; confirmedAt: number; me: Me } | undefined {
    try {
      const r = JSON.parse(localStorage.getItem(REMEMBERED) ?? 'null') as { since?: unknown; confirmedAt?: unknown; me?: Me } | null;
      return r && typeof r.since === 'number' && typeof r.confirmedAt === 'number' && r.me?.user?.id ? { since: r.since, confirmedAt: r.confirmedAt, me: r.me } : undefined;
    } catch { return undefined; }
  },
  /** The copy while the login it stands for may still be valid. */
  usable(): Me | undefined {
    const r = remembered.read();
    const now = Date.now();
    return r && r.since <= now && r.confirmedAt <= now && now - r.since < LOGIN_LIFETIME_MS && now - r.confirmedAt < LOGIN_IDLE_MS ? r.me : undefined;
  },
  clear() { try { localStorage.removeItem(REMEMBERED); } catch { /* blocked storage holds nothing */ } },
};

const offline = createRoot(() => createSignal(false));
/** True while the page shows the account from this device's copy because the server could not be reached. */
export const usingRememberedLogin = offline[0];

async function fetchMe(): Promise<Me | null> {
  // The person asked to sign out while offline: finish that before showing anyone's account.
  if (flag.get()) await endLeftoverLogin(() => flag.get());
  try {
    const me = await request<Me>('GET', '/api/me');
    setCsrfToken(me.csrfToken);
    remembered.save(me, { newLogin: false });
    offline[1](false);
    return me;
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) { flag.set(false); setCsrfToken(undefined); remembered.clear(); offline[1](false); return null; }
    // No answer, or the server is down: the founder keeps studying under the login this device last saw.
    const copy = e instanceof ApiFailure && (e.code === 'network' || e.status >= 500) ? remembered.usable() : undefined;
    if (copy) { setCsrfToken(copy.csrfToken); offline[1](true); return copy; }
    throw e;
  }
}

/** The signed-in person, shared by every page: `me()` is undefined while loading, null when signed out. */
type Step = (userId: string) => Promise<void>;
const beforeSignOut: Step[] = [];
const afterSignIn: Array<() => void> = [];

export const account = createRoot(() => {
  const [me, { mutate, refetch }] = createResource(fetchMe);
  // Whenever a person becomes the signed-in one (first load, sign-in, a change seen on re-reading /api/me).
  createEffect(on(() => (me.state === 'ready' || me.state === 'refreshing' ? me()?.user.id : undefined), (id) => { if (id) for (const f of afterSignIn) f(); }));
  return { me, mutate, refetch };
});
// Back online after starting from this device's copy: ask the server who is signed in (a 401 now shows sign-in; the
// founder's queue waits in their account for them).
if (typeof window !== 'undefined') window.addEventListener('online', () => { if (usingRememberedLogin()) void account.refetch(); });
/** Work that must run under a person's own login before it ends (the progress outbox sends and clears their queue). */
export const whenSigningOut = (step: Step) => { beforeSignOut.push(step); };
/** Work to start once a person is signed in on this page (the progress outbox sends what waited). */
export const whenSignedIn = (f: () => void) => { afterSignIn.push(f); };

function signedIn(me: Me) {
  flag.set(false);
  remembered.save(me, { newLogin: true });
  offline[1](false);
  // What the previous person was told (records deleted at their sign-out) is not for the next one.
  clearAnnouncements();
  setCsrfToken(me.csrfToken);
  account.mutate(me);
  return me;
}

/** The password step: signed in, or (two-step accounts) the ticket for the code step. */
export async function signIn(body: SignInBody): Promise<Me | SecondStep> {
  const r = await request<SignInResult>('POST', '/api/auth/signin', body);
  return 'next' in r ? r : signedIn(r);
}
/** The code step of a two-step sign-in: a code from the authenticator app, or one recovery code. */
export const signInWithCode = async (body: TotpSignInBody) => signedIn(await request<Me>('POST', '/api/auth/signin/totp', body));
export const signUp = async (body: SignUpBody) => signedIn(await request<Me>('POST', '/api/auth/signup', body));
/** The page takes on a login the server started outside the sign-in form (an accepted invitation). */
export const takeLogin = (me: Me) => signedIn(me);

/**
 * The server has ended this browser's login itself (the account was deleted, a password reset, this device signed out
 * from the account page): the page forgets the person at once, with nothing more sent under their name.
 */
export function forgetLogin() {
  remembered.clear();
  setCsrfToken(undefined);
  account.mutate(null);
}

/**
 * Reads the account again after the server changed it (two-step sign-in turned on, an address confirmed) and shows the
 * answer in place, without the page going back to its loading state. Signed out: null.
 */
export async function reloadMe(): Promise<Me | null> {
  try {
    const me = await request<Me>('GET', '/api/me');
    setCsrfToken(me.csrfToken);
    remembered.save(me, { newLogin: false });
    account.mutate(me);
    return me;
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) { forgetLogin(); return null; }
    throw e;
  }
}

/** Sends the link that confirms the account's email address again. */
export const resendConfirmation = () => request<{ accepted: true }>('POST', '/api/me/email-verification');

/**
 * Signs the person out of this device. First the steps registered with whenSigningOut run under their login (their
 * unsent progress is sent if it can be, then deleted from the device), then the login ends. When the server cannot be
 * reached the page still forgets the person, and the login is ended at the next start (`serverEnded: false`).
 */
let signingOutNow = false;
/** True from the start of a sign-out until the page has forgotten the person: nothing new may be kept for them. */
export const signingOut = () => signingOutNow;

export async function signOut(): Promise<{ serverEnded: boolean }> {
  signingOutNow = true;
  try { return await endLogin(); } finally { signingOutNow = false; }
}

async function endLogin(): Promise<{ serverEnded: boolean }> {
  const me = account.me();
  if (me) for (const step of beforeSignOut) { try { await step(me.user.id); } catch { /* a step must not keep anyone signed in */ } }
  let serverEnded = true;
  try {
    await request<void>('POST', '/api/auth/signout');
  } catch (e) {
    if (!(e instanceof ApiFailure && e.status === 401)) { serverEnded = false; flag.set(true); }
  }
  setCsrfToken(undefined);
  clearAllQuizDrafts();
  remembered.clear();
  account.mutate(null);
  return { serverEnded };
}

/** Ends a login that an offline sign-out left open, when the connection is back. */
export async function finishPendingSignOut() {
  if (flag.get() && account.me() === null) await endLeftoverLogin(() => flag.get() && !account.me()).catch(() => undefined);
}

export const describeCode = (code: string) => request<CodeInfo>('GET', `/api/codes/${encodeURIComponent(code)}`);

export const isLearner = (me: Me | null | undefined) => Boolean(me?.memberships.some((m) => m.role === 'learner'));

/** The areas of the app a person works in, from their memberships and the admin flag. */
export type Workspace = 'learner' | 'staff' | 'advisor' | 'admin';
export const WORKSPACE_HOME: Record<Workspace, string> = { learner: '/', staff: '/staff', advisor: '/advisor', admin: '/admin' };

export function workspacesOf(me: Me | null | undefined): Workspace[] {
  if (!me) return [];
  const has = (role: string) => me.memberships.some((m) => m.role === role);
  return (['learner', 'staff', 'advisor', 'admin'] as const).filter((w) => (w === 'admin' ? me.user.admin : has(w)));
}

/** Whether the person may enter a workspace; for staff, optionally of one municipality. */
export function holds(me: Me | null | undefined, w: Exclude<Workspace, 'learner'>, tenantId?: string): boolean {
  if (!me) return false;
  if (w === 'admin') return me.user.admin;
  return me.memberships.some((m) => m.role === w && (tenantId === undefined || m.tenantId === tenantId));
}
