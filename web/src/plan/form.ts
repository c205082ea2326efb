import type { BusinessPlan, PlanCheck } from '../../../functions/contract/business-plan.ts';
import { LOAN_PURPOSE_LABELS, LOAN_PURPOSES, PLAN_FIELD_LABELS, PLAN_LIMITS, type PlanSectionKey } from '../../../functions/contract/plan-constants.ts';
import { locale, pick } from '../i18n/index.ts';
import { pt } from './i18n.ts';

// The plan's form, described once: the editor and the read-only view (advisor, staff, print) walk the same list, in
// the order of the JFC form. Labels come from the contract's constants (PLAN_FIELD_LABELS).

export type Kind = 'text' | 'long' | 'yen' | 'count' | 'percent' | 'month' | 'choice';
export interface Field { key: string; kind: Kind; max?: number; options?: () => Array<{ value: string; label: string }> }
export interface Rows { key: string; rows: Field[]; max: number }
export interface Group { key: string; fields: Field[] }
export type Part = { field: Field } | { rows: Rows } | { group: Group } | { outlook: true };

const text = (key: string, max: number = PLAN_LIMITS.shortText): Field => ({ key, kind: 'text', max });
const long = (key: string, max: number = PLAN_LIMITS.longText): Field => ({ key, kind: 'long', max });
const yen = (key: string): Field => ({ key, kind: 'yen' });
const choice = (key: string, options: () => Array<{ value: string; label: string }>): Field => ({ key, kind: 'choice', options });
const partner = (group: 'customers' | 'suppliers' | 'subcontractors'): Part => ({ rows: { key: group, max: PLAN_LIMITS.partnersPerGroup, rows: [
  text('name'), text('location'), { key: 'sharePercent', kind: 'percent' }, { key: 'creditPercent', kind: 'percent' }, text('terms', 60),
] } });

export const OUTLOOK_FIELDS = ['sales', 'costOfSales', 'labour', 'rent', 'interest', 'otherExpenses', 'depreciation', 'loanRepayment'] as const;

export const FORM: Record<PlanSectionKey, Part[]> = {
  motive: [{ field: text('industry') }, { field: { key: 'plannedStart', kind: 'month' } }, { field: long('text') }],
  career: [
    { rows: { key: 'entries', max: PLAN_LIMITS.careerEntries, rows: [text('period', 40), long('description', PLAN_LIMITS.mediumText)] } },
    { field: choice('pastBusiness', () => (['none', 'running', 'closed'] as const).map((v) => ({ value: v, label: pt(`past.${v}`) }))) },
    { field: long('pastBusinessNote', PLAN_LIMITS.noteText) },
    { field: long('qualifications', PLAN_LIMITS.noteText) },
    { field: choice('intellectualProperty', () => (['none', 'pending', 'registered'] as const).map((v) => ({ value: v, label: pt(`ip.${v}`) }))) },
    { field: long('intellectualPropertyNote', PLAN_LIMITS.noteText) },
  ],
  products: [
    { rows: { key: 'items', max: PLAN_LIMITS.productItems, rows: [text('name'), text('price', 40), { key: 'sharePercent', kind: 'percent' }] } },
    { field: long('sellingPoints', PLAN_LIMITS.mediumText) }, { field: long('targetAndStrategy', PLAN_LIMITS.mediumText) }, { field: long('competition', PLAN_LIMITS.mediumText) },
  ],
  partners: [partner('customers'), partner('suppliers'), partner('subcontractors'), { group: { key: 'payroll', fields: [text('closingDay', 20), text('payDay', 20), text('bonusMonths', 40)] } }],
  staff: [{ field: { key: 'officers', kind: 'count' } }, { field: { key: 'employees', kind: 'count' } }, { field: { key: 'family', kind: 'count' } }, { field: { key: 'partTime', kind: 'count' } }],
  borrowings: [{ rows: { key: 'loans', max: PLAN_LIMITS.loans, rows: [
    text('lender'), choice('purpose', () => LOAN_PURPOSES.map((v) => ({ value: v, label: pick(LOAN_PURPOSE_LABELS[v]) }))), yen('balance'), yen('annualRepayment'),
  ] } }],
  funding: [
    { rows: { key: 'equipment', max: PLAN_LIMITS.equipmentItems, rows: [text('name'), text('supplier'), yen('amount')] } },
    { rows: { key: 'operating', max: PLAN_LIMITS.operatingItems, rows: [text('name'), yen('amount')] } },
    { field: yen('ownFunds') }, { field: yen('relatives') }, { field: long('relativesTerms', PLAN_LIMITS.noteText) }, { field: yen('jfc') },
    { field: yen('otherInstitutions') }, { field: long('otherInstitutionsTerms', PLAN_LIMITS.noteText) }, { field: yen('other') }, { field: long('otherNote', PLAN_LIMITS.noteText) },
  ],
  outlook: [{ outlook: true }, { field: { key: 'stableFrom', kind: 'month' } }, { field: long('basis') }],
};

/** A field's label: `section.path` without list indices (`funding.equipment.amount`); outlook figures by their name. */
export function labelOf(section: PlanSectionKey, path: string): string {
  const l = PLAN_FIELD_LABELS[`${section}.${path}`] ?? PLAN_FIELD_LABELS[`${section}.${path.split('.').pop()}`];
  return l ? pick(l) : path;
}

/** The id of an input: `plan-<section>-<path with dashes>`; checks name fields the same way (`equipment.1.amount`). */
export const inputId = (section: string, path: string) => `plan-${section}-${path.replace(/\./g, '-')}`;

/** The checks of one field (exact path), of a list as a whole (its key), or of the section's totals. */
export const checksAt = (checks: readonly PlanCheck[], section: string, path: string) => checks.filter((c) => c.section === section && c.field === path);

/** Reads a path of the plan (`funding.equipment.1.amount`). */
export function valueAt(plan: BusinessPlan, path: string[]): unknown {
  let v: unknown = plan;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** A copy of the plan with the path set; `undefined` removes the key (an emptied field is not typed any more). */
export function withValue(plan: BusinessPlan, path: string[], value: unknown): BusinessPlan {
  const set = (o: unknown, i: number): unknown => {
    const k = path[i]!;
    const isIndex = /^\d+$/.test(k);
    const base: Record<string, unknown> | unknown[] = isIndex ? [...((Array.isArray(o) ? o : []) as unknown[])] : { ...((o && typeof o === 'object' ? o : {}) as Record<string, unknown>) };
    const next = i === path.length - 1 ? value : set((base as Record<string, unknown>)[k], i + 1);
    if (next === undefined && !isIndex) delete (base as Record<string, unknown>)[k];
    else (base as Record<string, unknown>)[k] = next;
    return base;
  };
  return set(plan, 0) as BusinessPlan;
}

/** Whole yen as typed (digits, commas and full-width digits allowed), or undefined for an empty field; NaN when not a number. */
export function parseWhole(s: string): number | undefined {
  const ascii = s.normalize('NFKC').replace(/[,\s円¥]/g, '');
  if (ascii === '') return undefined;
  return /^\d{1,12}$/.test(ascii) ? Number(ascii) : Number.NaN;
}

export const formatYen = (n: number) => (locale() === 'ja' ? `${n.toLocaleString('ja-JP')}円` : `¥${n.toLocaleString('en-US')}`);
/** 万円 beside a yen field (Japanese), for copying into the form, which writes 万円. */
export const manYen = (n: number) => (locale() === 'ja' ? pt('yen.man', { value: (Math.round(n / 1000) / 10).toLocaleString('ja-JP') }) : '');
