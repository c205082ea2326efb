// The bench's figures: each measured value with its unit and, where DESIGN.md sets one, its budget. `npm run bench`
// prints them as it goes, then as one table, and writes them to bench/results.json so that a later run can be compared
// with the last one (the previous file's values appear beside the new ones).
//
// bench/results.json:
//   { "at": ISO time, "node": "v20…", "machine": "2 cores, …",
//     "figures": [ { "key": "web.initialJs", "group": "Web app", "label": "…", "value": 27.1, "unit": "KB",
//                    "budget": { "max": 50 } | { "min": 0.95 } | undefined, "ok": true | false | undefined,
//                    "note": "…" | undefined } ] }
// `key` is stable across runs (the comparison matches on it); `value` is a number in `unit`; `ok` is present only when
// there is a budget.

export interface Budget { max?: number; min?: number }
export interface Figure { key: string; group: string; label: string; value: number; unit: string; budget?: Budget; ok?: boolean; note?: string }
export interface Results { at: string; node: string; machine: string; figures: Figure[] }

export function withinBudget(value: number, budget: Budget): boolean {
  return (budget.max === undefined || value <= budget.max) && (budget.min === undefined || value >= budget.min);
}

const digits = (unit: string, v: number) => (unit === 'score' ? v.toFixed(2) : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));
export const show = (f: Pick<Figure, 'unit' | 'value'>) => `${digits(f.unit, f.value)}${f.unit === 'score' || f.unit === '' ? '' : ` ${f.unit}`}`;
export const showBudget = (f: Figure) => (!f.budget ? '' : [f.budget.max !== undefined ? `≤ ${show({ unit: f.unit, value: f.budget.max })}` : '', f.budget.min !== undefined ? `≥ ${show({ unit: f.unit, value: f.budget.min })}` : ''].filter(Boolean).join(', '));

export class Figures {
  readonly all: Figure[] = [];
  constructor(private print: (label: string, value: string) => void = () => {}) {}

  /** Records a figure and prints its line: the value, and beside it the budget and whether it is met. */
  add(f: Omit<Figure, 'ok'>): Figure {
    const fig: Figure = { ...f, ...(f.budget ? { ok: withinBudget(f.value, f.budget) } : {}) };
    const i = this.all.findIndex((x) => x.key === fig.key);
    if (i >= 0) this.all[i] = fig; else this.all.push(fig);
    this.print(fig.label, `${show(fig)}${fig.budget ? `  (budget ${showBudget(fig)}: ${fig.ok ? 'ok' : 'OVER BUDGET'})` : ''}${fig.note ? `  ${fig.note}` : ''}`);
    return fig;
  }

  results(machine: string, at = new Date()): Results {
    return { at: at.toISOString(), node: process.version, machine, figures: this.all };
  }

  /** The one table: group, figure, value, budget, verdict, and the last run's value when one is known. */
  table(previous?: Results): string {
    const before = new Map((previous?.figures ?? []).map((f) => [f.key, f]));
    const rows = this.all.map((f) => {
      const p = before.get(f.key);
      const change = p && p.unit === f.unit ? show(p) : '';
      return [f.group, f.label, show(f), f.budget ? showBudget(f) : '—', f.budget ? (f.ok ? 'ok' : 'OVER') : '', change];
    });
    const head = ['Group', 'Figure', 'Value', 'Budget', '', previous ? `Last run (${previous.at.slice(0, 10)})` : 'Last run'];
    const width = (k: number) => Math.max(...[head, ...rows].map((r) => [...r[k]!].length));
    const fmt = (r: string[]) => `| ${r.map((c, k) => c + ' '.repeat(width(k) - [...c].length)).join(' | ')} |`;
    return [fmt(head), fmt(head.map((_, k) => '-'.repeat(width(k)))), ...rows.map(fmt)].join('\n');
  }
}
