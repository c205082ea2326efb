/**
 * The token of a mail link (`/invite#t=…`). The fragment never reaches a server; the page reads it once, keeps it in
 * this tab's sessionStorage (so it survives a reload, or a sign-in on the way to accepting an invitation, without ever
 * being put in a query string), and removes it from the address bar so it is not bookmarked, shared or left in the
 * history.
 */
const storage = () => { try { return sessionStorage; } catch { return undefined; } };

export function takeLinkToken(kind: 'invite' | 'reset' | 'confirm'): string | undefined {
  const key = `sogyo.link.${kind}`;
  const m = /(?:^#|&)t=([^&]*)/.exec(location.hash);
  if (m) {
    try { storage()?.setItem(key, decodeURIComponent(m[1]!)); } catch { /* blocked: the token lives in this page only */ }
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    return decodeURIComponent(m[1]!) || undefined;
  }
  return storage()?.getItem(key) ?? undefined;
}

/** Forgets the token once it is used up, refused for good, or replaced by the person asking for a new link. */
export function dropLinkToken(kind: 'invite' | 'reset' | 'confirm') {
  try { storage()?.removeItem(`sogyo.link.${kind}`); } catch { /* blocked */ }
}

/** A token of the right shape (32 random bytes, base64url); anything else was cut short or changed on the way. */
export const wellFormedToken = (t: string | undefined) => Boolean(t && /^[A-Za-z0-9_-]{43}$/.test(t));
