import { createResource } from 'solid-js';
import type { ImportResult, Invitation, NewInvitation, NewRegionInvitation } from '../../../functions/contract/account.ts';
import { request } from './client.ts';

// Invitations of a municipality (its staff, and the union's admins) and of the union (admins), and the CSV import of
// founders. Used by the staff and admin areas only.

const tenantPath = (tenantId: string, rest = '') => `/api/tenants/${encodeURIComponent(tenantId)}/invitations${rest}`;
const regionPath = (rest = '') => `/api/region/invitations${rest}`;

export const listTenantInvitations = async (tenantId: string) => (await request<{ items: Invitation[] }>('GET', tenantPath(tenantId))).items;
export const inviteToTenant = (tenantId: string, body: NewInvitation) => request<Invitation>('POST', tenantPath(tenantId), body);
/** A new link (the old one stops working) and a new expiry, mailed again. */
export const resendTenantInvitation = (tenantId: string, id: string) => request<Invitation>('POST', tenantPath(tenantId, `/${encodeURIComponent(id)}/resend`));
export const revokeTenantInvitation = (tenantId: string, id: string) => request<void>('DELETE', tenantPath(tenantId, `/${encodeURIComponent(id)}`));
/** The CSV file's text as it is (the API reads the BOM and the header); a malformed file imports nothing (400). */
export const importFounders = (tenantId: string, csv: string) => request<ImportResult>('POST', tenantPath(tenantId, '/import'), { csv });

export const listRegionInvitations = async () => (await request<{ items: Invitation[] }>('GET', regionPath())).items;
export const inviteToRegion = (body: NewRegionInvitation) => request<Invitation>('POST', regionPath(), body);
export const resendRegionInvitation = (id: string) => request<Invitation>('POST', regionPath(`/${encodeURIComponent(id)}/resend`));
export const revokeRegionInvitation = (id: string) => request<void>('DELETE', regionPath(`/${encodeURIComponent(id)}`));

/** What a list of pending invitations can do: read, resend and revoke, each through its own routes. */
export interface InvitationActions {
  resend: (id: string) => Promise<Invitation>;
  revoke: (id: string) => Promise<void>;
}

/**
 * Pending invitations from one source (a municipality's, or the union's own). Resending puts the server's answer in
 * place; revoking removes the row once the server has; `added` puts a new invitation first without a reload.
 */
export function createInvitations<S>(source: () => S | undefined | false, load: (s: S) => Promise<Invitation[]>, act: (s: S) => InvitationActions) {
  const [items, { mutate, refetch }] = createResource(source, load);
  const current = () => { const s = source(); if (s === undefined || s === false) throw new Error('no source'); return s; };
  return {
    items, refetch,
    added: (i: Invitation) => mutate((l) => [i, ...(l ?? []).filter((x) => x.id !== i.id)]),
    resend: async (id: string) => { const i = await act(current()).resend(id); mutate((l) => (l ?? []).map((x) => (x.id === i.id ? i : x))); return i; },
    revoke: async (id: string) => { await act(current()).revoke(id); mutate((l) => (l ?? []).filter((x) => x.id !== id)); },
  };
}

export const tenantInvitationActions = (tenantId: string): InvitationActions => ({
  resend: (id) => resendTenantInvitation(tenantId, id), revoke: (id) => revokeTenantInvitation(tenantId, id),
});
export const regionInvitationActions: InvitationActions = { resend: resendRegionInvitation, revoke: revokeRegionInvitation };
