import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import { STATUS_OF } from '../../functions/api/middleware/errors.ts';
import { ERROR_CODES } from '../../functions/contract/constants.ts';
import { DomainError } from '../../functions/domain/errors.ts';
import { checkResponse, contractPatterns } from '../fixtures/contracts.ts';
import { testDeps } from '../fixtures/deps.ts';

describe('contracts, checked both ways', () => {
  it('every route of the app has a response contract that the test client applies', async () => {
    const { deps } = await testDeps();
    const routes = [...new Set(createApp(deps).routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))].sort();
    expect([...contractPatterns()].sort()).toEqual(routes);
  });

  it('an answer with a field the contract does not name, or a wrong type, fails the test that got it', () => {
    const me = { user: { id: 'u', name: 'n', email: 'e@example.jp', admin: false, locale: 'ja', emailVerified: true, totp: false, secondFactorRequired: false, remindersOff: false }, memberships: [], login: { secondFactor: false }, csrfToken: 't' };
    expect(() => checkResponse('GET', '/api/me', 200, me)).not.toThrow();
    expect(() => checkResponse('GET', '/api/me', 200, { ...me, user: { ...me.user, passwordHash: 'x' } })).toThrow(/breaks its contract/);
    expect(() => checkResponse('GET', '/api/codes/OSAKA-1', 200, { tenantName: '大阪市', cohortName: null })).toThrow(/breaks its contract/);
    expect(() => checkResponse('GET', '/api/me', 500, { error: { code: 'internal', message: 'x', stack: 'at …' } })).toThrow(/error body/);
    expect(() => checkResponse('GET', '/api/unknown', 200, {})).toThrow(/no response contract/);
  });

  it('every error code has exactly one HTTP status, and services cannot choose another', () => {
    expect(Object.keys(STATUS_OF).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) expect(STATUS_OF[code]).toBeGreaterThanOrEqual(400);
    // A DomainError carries a code and no status of its own.
    expect(Object.keys(new DomainError('code_invalid', 'x'))).not.toContain('status');
  });
});
