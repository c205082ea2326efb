import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ActionCost, type ActionName, monthlyCost, OSAKA_PRICES, USAGE } from '../../bench/cost.ts';
import { Figures, withinBudget } from '../../bench/figures.ts';

// Issue 13 point 6: `npm run bench` prints every figure beside its budget, as one table, writes bench/results.json and
// estimates the monthly AWS cost from the measured capacity. The runs take many minutes and belong to the bench; here:
// the table, the verdicts, the JSON's shape, the comparison with a last run, and the cost arithmetic.
describe('the bench’s figures', () => {
  it('judges each figure against its budget, upper or lower', () => {
    expect(withinBudget(49.9, { max: 50 })).toBe(true);
    expect(withinBudget(50.1, { max: 50 })).toBe(false);
    expect(withinBudget(0.94, { min: 0.95 })).toBe(false);
    expect(withinBudget(1, { min: 1 })).toBe(true);
  });

  it('prints a line per figure with its budget, and one table with the last run beside', () => {
    const printed: string[] = [];
    const f = new Figures((label, value) => printed.push(`${label} ${value}`));
    f.add({ key: 'web.initialJs', group: 'Web app', label: 'learner initial JS, gzip', value: 27.14, unit: 'KB', budget: { max: 50 } });
    f.add({ key: 'lighthouse.lesson.performance', group: 'Lighthouse', label: 'lesson', value: 0.91, unit: 'score', budget: { min: 0.95 } });
    f.add({ key: 'api.me.requests', group: 'API', label: 'me: DynamoDB requests', value: 2, unit: '' });
    expect(printed).toEqual([
      'learner initial JS, gzip 27.1 KB  (budget ≤ 50.0 KB: ok)',
      'lesson 0.91  (budget ≥ 0.95: OVER BUDGET)',
      'me: DynamoDB requests 2.00',
    ]);
    const previous = { at: '2026-12-01T00:00:00.000Z', node: 'v20', machine: 'x', figures: [{ key: 'web.initialJs', group: 'Web app', label: '', value: 30, unit: 'KB' }] };
    const table = f.table(previous).split('\n');
    expect(table[0]).toMatch(/^\| Group +\| Figure +\| Value +\| Budget +\| +\| Last run \(2026-12-01\) \|$/);
    expect(table).toHaveLength(5);
    expect(table[2]).toMatch(/\| Web app +\| learner initial JS, gzip +\| 27\.1 KB +\| ≤ 50\.0 KB +\| ok +\| 30\.0 KB +\|/);
    expect(table[3]).toMatch(/\| 0\.91 +\| ≥ 0\.95 +\| OVER \|/);
    // A figure measured twice keeps its last value, once.
    f.add({ key: 'api.me.requests', group: 'API', label: 'me: DynamoDB requests', value: 3, unit: '' });
    expect(f.all.filter((x) => x.key === 'api.me.requests').map((x) => x.value)).toEqual([3]);
  });

  it('writes results in the documented shape', () => {
    const f = new Figures();
    f.add({ key: 'lambda.runtimeSdk.cold', group: 'Lambda', label: 'init + first request', value: 180, unit: 'ms', budget: { max: 200 } });
    const r = JSON.parse(JSON.stringify(f.results('2 cores', new Date('2026-12-04T00:00:00Z'))));
    expect(r).toEqual({ at: '2026-12-04T00:00:00.000Z', node: process.version, machine: '2 cores',
      figures: [{ key: 'lambda.runtimeSdk.cold', group: 'Lambda', label: 'init + first request', value: 180, unit: 'ms', budget: { max: 200 }, ok: true }] });
    // The shape is documented where the file is written.
    expect(readFileSync('bench/figures.ts', 'utf8')).toContain('bench/results.json:');
  });
});

describe('the monthly cost estimate', () => {
  const cost = (o: Partial<ActionCost> = {}): ActionCost => ({ readUnits: 1, writeUnits: 0, cpuMs: 2, dynamoRequests: 2, ...o });
  const names: ActionName[] = ['progressWrite', 'courseProgressRead', 'quizAttempt', 'me', 'dashboard', 'foundersPage', 'founderRecord', 'caseload', 'regionView'];
  const base = Object.fromEntries(names.map((n) => [n, cost()])) as Record<ActionName, ActionCost>;

  it('prices the write units the progress writes consume at the Osaka on-demand price', () => {
    const withWrites = monthlyCost({ ...base, progressWrite: cost({ writeUnits: 5 }) });
    const without = monthlyCost(base);
    const writes = withWrites.lines.find((l) => l.service === 'DynamoDB writes')!;
    const writesPerMonth = USAGE.founders * USAGE.activeShare * USAGE.perActiveFounder.progressWrite * 5;
    expect(writes.usd).toBeCloseTo((writesPerMonth / 1e6) * OSAKA_PRICES.dynamoWritePerMillion, 6);
    expect(withWrites.totalUsd - without.totalUsd).toBeCloseTo(writes.usd, 6);
  });

  it('counts every API request once for Lambda and API Gateway, and sums its lines', () => {
    const est = monthlyCost(base);
    const active = USAGE.founders * USAGE.activeShare;
    const perFounder = Object.values(USAGE.perActiveFounder).reduce((a, b) => a + b, 0) - USAGE.perActiveFounder.pageViews;
    const staff = USAGE.municipalities * USAGE.staffPerMunicipality;
    const advisors = USAGE.municipalities * USAGE.advisorsPerMunicipality;
    const staffActions = Object.values(USAGE.perStaff).reduce((a, b) => a + b, 0);
    const advisorActions = Object.values(USAGE.perAdvisor).reduce((a, b) => a + b, 0);
    expect(est.requests).toBe(active * perFounder + staff * staffActions + advisors * advisorActions + USAGE.regionViews);
    expect(est.lines.find((l) => l.service === 'API Gateway (HTTP API)')!.usd).toBeCloseTo((est.requests / 1e6) * OSAKA_PRICES.httpApiPerMillion, 6);
    expect(est.totalUsd).toBeCloseTo(est.lines.reduce((s, l) => s + l.usd, 0), 9);
    expect(est.totalUsd).toBeGreaterThan(0);
  });
});
