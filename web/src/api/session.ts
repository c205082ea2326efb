import { createResource, createRoot } from 'solid-js';
import type { CodeInfo, Me, SignInBody, SignUpBody } from '../../../functions/contract/api.ts';
import { ApiFailure, request, setCsrfToken } from './client.ts';

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await request<Me>('GET', '/api/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) { setCsrfToken(undefined); return null; }
    throw e;
  }
}

/** The signed-in person, shared by every page. */
export const session = createRoot(() => {
  const [me, { mutate, refetch }] = createResource(fetchMe);
  return { me, mutate, refetch };
});

function signedIn(me: Me) {
  setCsrfToken(me.csrfToken);
  session.mutate(me);
  return me;
}

export const signIn = async (body: SignInBody) => signedIn(await request<Me>('POST', '/api/auth/signin', body));
export const signUp = async (body: SignUpBody) => signedIn(await request<Me>('POST', '/api/auth/signup', body));
export async function signOut() {
  await request<void>('POST', '/api/auth/signout');
  setCsrfToken(undefined);
  session.mutate(null);
}
export const describeCode = (code: string) => request<CodeInfo & { tenantName: { ja: string; en: string } }>('GET', `/api/codes/${encodeURIComponent(code)}`);

export const isLearner = (me: Me | null | undefined) => Boolean(me?.memberships.some((m) => m.role === 'learner'));
