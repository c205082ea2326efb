import { describe, expect, it } from 'vitest';
import { runDrill } from '../../drill/dying-db.ts';

// The short form of `npm run drill` (docs/drills.md): a local host of its own (free ports, a throw-away data folder; the
// shared host of the browser journeys is not touched), a few clients, DynamoDB Local killed hard once and restarted on
// the same data. Every acknowledged write must be there exactly once, every derived figure must agree with its items,
// and while the database is down the API answers 503 with Retry-After, quickly.
describe('a dying database', () => {
  it('loses and doubles nothing the API acknowledged, and answers 503 with Retry-After within 5 s while it is down', async () => {
    const lines: string[] = [];
    const r = await runDrill({ learners: 4, staff: 1, advisors: 1, seconds: 12, killAfterSeconds: 4, downSeconds: 3, log: (l) => lines.push(l) });
    const report = JSON.stringify({ ...r, consistency: r.consistency.problems, log: lines }, null, 1);
    // The clients did work on both sides of the outage, and met it.
    expect(r.acknowledged, report).toBeGreaterThan(15);
    expect(r.byKind['lesson completions']?.acknowledged, report).toBeGreaterThan(5);
    expect(r.status503, report).toBeGreaterThan(0);
    expect(r.retries, report).toBeGreaterThan(0);
    expect(r.downForSeconds, report).toBeGreaterThanOrEqual(3);
    // Nothing lost, nothing doubled, every figure right. DynamoDB Local may lose a write it answered in the very instant
    // it was killed (it answers before its data is on disk; docs/drills.md): such a write is reported apart, and at most
    // the one or two in flight at that instant; any other loss fails.
    expect(r.lost, report).toBe(0);
    expect(r.lostAtKill, report).toBeLessThanOrEqual(2);
    expect(r.duplicated, report).toBe(0);
    expect(r.found + r.lostAtKill, report).toBe(r.acknowledged);
    expect(r.consistency.problems, report).toEqual([]);
    // 503 with Retry-After, within the bound; no other 5xx, no request left without an answer.
    expect(r.status5xxOther, report).toBe(0);
    expect(r.missingRetryAfter, report).toBe(0);
    expect(r.networkErrors, report).toBe(0);
    expect(r.maxDownAnswerMs, report).toBeLessThanOrEqual(5000);
    // Nothing hangs, the restart included (the local host's per-try limit of DynamoDB calls is 6 s, two tries).
    expect(r.maxOutageAnswerMs, report).toBeLessThanOrEqual(12_000);
    expect(r.failures, report).toEqual([]);
  }, 150_000);
});
