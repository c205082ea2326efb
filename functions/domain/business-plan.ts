import type {
  BusinessPlan, CommentView, FundingFigures, OutlookColumnFigures, OutlookFigures, PlanCheck, PlanFigures, PlanFinding, PlanSection, PlanStatus,
} from '../contract/business-plan.ts';
import {
  type AttachmentType, OUTLOOK_COLUMN_LABELS, OUTLOOK_COLUMNS, type OutlookColumn, OWN_FUNDS_HINT_SHARE, PLAN_FIELD_LABELS,
  PLAN_SECTION_LABELS, PLAN_SECTIONS,
} from '../contract/plan-constants.ts';

/**
 * The rules of the business plan (創業計画書): the arithmetic a founder gets wrong (uses against sources, the monthly
 * outlook's profit, repayment against profit plus depreciation), the fields a started section still lacks, what a
 * finding says to the founder, and which sections changed between two versions. Pure: no clock, no I/O.
 *
 * Findings are advice shown beside the field, never a rejection: checkPlan takes any saved draft, however incomplete
 * (or, from an old item, malformed), and never throws. Numbers that are missing count as 0 in sums.
 */
export type Locale = 'ja' | 'en';
type Figures = NonNullable<OutlookFigures['start']>;

// Reading a stored draft defensively: the store may hold a plan saved under an older schema.
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const yen = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : undefined);
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isObj) : []);
const filled = (v: unknown): boolean => (typeof v === 'string' ? v.trim() !== '' : v !== undefined && v !== null);
const sum = (xs: (number | undefined)[]) => xs.reduce<number>((a, x) => a + (x ?? 0), 0);

/** A section or value the founder has typed something into (a 0 counts; an empty string or list does not). */
export function hasContent(v: unknown): boolean {
  if (typeof v === 'string') return v.trim() !== '';
  if (typeof v === 'number' || typeof v === 'boolean') return true;
  if (Array.isArray(v)) return v.some(hasContent);
  if (isObj(v)) return Object.values(v).some(hasContent);
  return false;
}

/** The totals of 必要な資金と調達方法. */
export function computeFunding(plan: BusinessPlan): FundingFigures {
  const f: Record<string, unknown> = isObj(plan?.funding) ? plan.funding : {};
  const equipment = sum(list(f.equipment).map((i) => yen(i.amount)));
  const operating = sum(list(f.operating).map((i) => yen(i.amount)));
  const uses = equipment + operating;
  const sources = sum([yen(f.ownFunds), yen(f.relatives), yen(f.jfc), yen(f.otherInstitutions), yen(f.other)]);
  return { equipment, operating, uses, sources, difference: uses - sources, ownFundsShare: uses > 0 ? (yen(f.ownFunds) ?? 0) / uses : null };
}

function columnFigures(c: unknown): Figures | null {
  if (!isObj(c) || !hasContent(c)) return null;
  const v = c as Record<keyof OutlookColumnFigures, unknown>;
  const sales = yen(v.sales) ?? 0;
  const costOfSales = yen(v.costOfSales) ?? 0;
  const labour = yen(v.labour) ?? 0;
  const rent = yen(v.rent) ?? 0;
  const interest = yen(v.interest) ?? 0;
  const otherExpenses = yen(v.otherExpenses) ?? 0;
  const depreciation = yen(v.depreciation) ?? 0;
  const grossProfit = sales - costOfSales;
  const expenses = labour + rent + interest + otherExpenses;
  const profit = grossProfit - expenses;
  return {
    sales, costOfSales, grossProfit, labour, rent, interest, otherExpenses, expenses, profit, depreciation,
    // Depreciation is inside the other expenses but spends no cash this month: profit plus depreciation is what the
    // business earns in cash, the money principal repayments come out of (the usual 簡易キャッシュフロー). Only as much
    // as the other expenses hold is added back: more was never subtracted (checkPlan flags it).
    repaymentCapacity: profit + Math.min(depreciation, otherExpenses),
    loanRepayment: yen(v.loanRepayment) ?? 0,
  };
}

/**
 * The monthly outlook (事業の見通し) worked out: 売上高 − 売上原価 = 売上総利益; minus 経費 (人件費 + 家賃 + 支払利息
 * + その他) = 利益; 利益 + 減価償却費 = what can repay principal. A column the founder has not started is null.
 */
export function computeOutlook(plan: BusinessPlan): OutlookFigures {
  const o: Record<string, unknown> = isObj(plan?.outlook) ? plan.outlook : {};
  return { start: columnFigures(o.start), stable: columnFigures(o.stable) };
}

export const computeFigures = (plan: BusinessPlan): PlanFigures => ({ funding: computeFunding(plan), outlook: computeOutlook(plan) });

/** Required fields per section; `*` stands for every row of a list, a list name alone for "at least one row". */
const REQUIRED: Record<PlanSection, string[]> = {
  motive: ['text'],
  career: ['entries', 'entries.*.period', 'entries.*.description', 'pastBusiness'],
  products: ['items', 'items.*.name', 'sellingPoints', 'targetAndStrategy'],
  partners: ['customers', 'customers.*.name', 'suppliers.*.name', 'subcontractors.*.name'],
  staff: ['employees'],
  borrowings: ['loans.*.lender', 'loans.*.purpose', 'loans.*.balance', 'loans.*.annualRepayment'],
  funding: ['equipment.*.name', 'equipment.*.amount', 'operating.*.name', 'operating.*.amount', 'ownFunds'],
  outlook: ['start.sales', 'stable.sales', 'stableFrom', 'basis'],
};

function missingFields(section: Record<string, unknown>, path: string): string[] {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return [];
  const value = section[head];
  if (rest.length === 0) return (Array.isArray(value) ? value.some(hasContent) : filled(value)) ? [] : [head];
  if (rest[0] === '*') {
    const tail = rest.slice(1).join('.');
    // A row counts once the founder typed anything in it; a blank row is a row still being added, not a gap.
    return (Array.isArray(value) ? value : []).flatMap((row, i) => (isObj(row) && hasContent(row) ? missingFields(row, tail).map((f) => `${head}.${i}.${f}`) : []));
  }
  return missingFields(isObj(value) ? value : {}, rest.join('.')).map((f) => `${head}.${f}`);
}

const percentOf = (share: number) => Math.round(share * 1000) / 10;

/**
 * What the domain finds in a plan, section by section in the form's order. Never throws: a finding is something to
 * show beside a field, not a reason to refuse a save.
 */
export function checkPlan(plan: BusinessPlan): PlanFinding[] {
  const out: PlanFinding[] = [];
  const p: Record<string, unknown> = isObj(plan) ? plan : {};
  const add = (section: PlanSection, field: string, kind: PlanFinding['kind'], severity: PlanFinding['severity'], params: PlanFinding['params'] = {}) =>
    out.push({ section, field, kind, severity, params });

  for (const section of PLAN_SECTIONS) {
    const s = p[section];
    if (!isObj(s) || !hasContent(s)) continue;
    for (const path of REQUIRED[section]) for (const field of missingFields(s, path)) add(section, field, 'required', 'error');

    if (section === 'products') {
      const total = sum(list(s.items).map((i) => yen(i.sharePercent)));
      if (total > 100) add(section, 'items', 'shares_over_100', 'error', { total });
    }
    if (section === 'partners') {
      for (const group of ['customers', 'suppliers', 'subcontractors'] as const) {
        const total = sum(list(s[group]).map((i) => yen(i.sharePercent)));
        if (total > 100) add(section, group, 'shares_over_100', 'error', { total });
      }
    }
    if (section === 'staff') {
      const employees = yen(s.employees) ?? 0;
      for (const part of ['family', 'partTime'] as const) {
        const count = yen(s[part]);
        if (count !== undefined && count > employees) add(section, part, 'staff_breakdown_exceeds', 'error', { count, employees });
      }
    }
    if (section === 'funding') {
      const f = computeFunding(plan);
      if ((f.uses > 0 || f.sources > 0) && f.difference !== 0) {
        add(section, 'total', 'funds_unbalanced', 'error', { uses: f.uses, sources: f.sources, difference: f.difference });
      }
      const own = yen(s.ownFunds);
      if (own !== undefined && f.ownFundsShare !== null && f.ownFundsShare < OWN_FUNDS_HINT_SHARE) {
        add(section, 'ownFunds', 'own_funds_low', 'warning', { ownFunds: own, uses: f.uses, percent: percentOf(f.ownFundsShare), hintPercent: percentOf(OWN_FUNDS_HINT_SHARE) });
      }
      list(s.equipment).forEach((item, i) => {
        if ((yen(item.amount) ?? 0) > 0 && !filled(item.supplier)) add(section, `equipment.${i}.supplier`, 'quote_missing', 'warning', { name: typeof item.name === 'string' ? item.name.trim() : '' });
      });
      for (const [amount, terms] of [['relatives', 'relativesTerms'], ['otherInstitutions', 'otherInstitutionsTerms']] as const) {
        if ((yen(s[amount]) ?? 0) > 0 && !filled(s[terms])) add(section, terms, 'loan_terms_missing', 'warning', { amount: yen(s[amount]) ?? 0 });
      }
    }
    if (section === 'outlook') {
      const figures = computeOutlook(plan);
      for (const column of OUTLOOK_COLUMNS) {
        const c = figures[column];
        if (!c) continue;
        if (c.depreciation > c.otherExpenses) add(section, `${column}.depreciation`, 'depreciation_exceeds_other', 'error', { column, depreciation: c.depreciation, otherExpenses: c.otherExpenses });
        if (c.sales > 0 && c.costOfSales > c.sales) add(section, `${column}.costOfSales`, 'cost_exceeds_sales', 'warning', { column, sales: c.sales, costOfSales: c.costOfSales });
        if (c.loanRepayment > 0 && c.loanRepayment > c.repaymentCapacity) {
          add(section, `${column}.loanRepayment`, 'repayment_exceeds_capacity', 'warning', { column, repayment: c.loanRepayment, capacity: c.repaymentCapacity, profit: c.profit, depreciation: c.depreciation });
        }
      }
      const stable = figures.stable;
      if (stable && stable.sales > 0 && stable.profit < 0) add(section, 'stable.sales', 'loss_when_stable', 'warning', { profit: stable.profit });
      const funding: Record<string, unknown> = isObj(p.funding) ? p.funding : {};
      const borrowed = (yen(funding.jfc) ?? 0) + (yen(funding.otherInstitutions) ?? 0);
      const stableColumn: Record<string, unknown> = isObj(s.stable) ? s.stable : {};
      if (borrowed > 0 && yen(stableColumn.loanRepayment) === undefined) add(section, 'stable.loanRepayment', 'repayment_missing', 'warning', { borrowed });
    }
  }
  return out;
}

/** A plan may be handed in for review once nothing is left at error severity. */
export const readyToSubmit = (findings: PlanFinding[]) => findings.every((f) => f.severity !== 'error');

/**
 * The plan's status after an action, or null when the action is not allowed from there. Saving always makes it a draft
 * again (the review stays with the version it was of); the founder submits a draft or a plan that needs work; the
 * advisor may mark any saved plan, also without a submission.
 */
export function statusAfter(current: PlanStatus, action: 'save' | 'submit' | 'reviewed' | 'needs_work'): PlanStatus | null {
  if (action === 'save') return 'draft';
  if (action === 'submit') return current === 'draft' || current === 'needs_work' ? 'submitted' : null;
  return action;
}

const digits = (n: number) => Math.abs(Math.round(n)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
/** 1,200,000円 / ¥1,200,000; a loss gets a minus sign (−300,000円 / −¥300,000). */
export function formatYen(n: number, locale: Locale): string {
  const sign = n < 0 ? '−' : '';
  return locale === 'ja' ? `${sign}${digits(n)}円` : `${sign}¥${digits(n)}`;
}

/** The label of a finding's field and, for a list row, its 1-based row number; for the outlook, its column. */
export function fieldLabel(section: PlanSection, field: string, locale: Locale): { label: string; row: number | null; column: string | null } {
  const parts = field.split('.');
  const rowPart = parts.find((x) => /^\d+$/.test(x));
  const column = section === 'outlook' && (OUTLOOK_COLUMNS as readonly string[]).includes(parts[0] ?? '') ? parts[0] as OutlookColumn : null;
  const key = `${section}.${parts.filter((x) => !/^\d+$/.test(x) && x !== column).join('.')}`;
  return {
    label: PLAN_FIELD_LABELS[key]?.[locale] ?? PLAN_SECTION_LABELS[section][locale],
    row: rowPart === undefined ? null : Number(rowPart) + 1,
    column: column ? OUTLOOK_COLUMN_LABELS[column][locale] : null,
  };
}

/** One sentence, in the founder's language, saying what is wrong and what to do about it. */
export function describeFinding(f: PlanFinding, locale: Locale): string {
  const y = (k: string) => formatYen(Number(f.params[k] ?? 0), locale);
  const n = (k: string) => String(f.params[k] ?? '');
  const { label, row, column } = fieldLabel(f.section, f.field, locale);
  const col = typeof f.params.column === 'string' && (OUTLOOK_COLUMNS as readonly string[]).includes(f.params.column)
    ? OUTLOOK_COLUMN_LABELS[f.params.column as OutlookColumn][locale] : column ?? '';
  const ja = locale === 'ja';
  switch (f.kind) {
    case 'required':
      return ja
        ? `${col ? `${col}の` : ''}「${label}」${row ? `（${row}行目）` : ''}を記入してください。`
        : `Fill in “${label}”${row ? ` (row ${row})` : ''}${col ? ` ${col}` : ''}.`;
    case 'funds_unbalanced': {
      const diff = Number(f.params.difference ?? 0);
      const gap = formatYen(Math.abs(diff), locale);
      if (ja) {
        return diff > 0
          ? `必要な資金の合計${y('uses')}に対して調達の合計が${y('sources')}で${gap}足りないので、調達を増やすか必要な資金を見直して、両方の合計を一致させてください。`
          : `調達の合計${y('sources')}が必要な資金の合計${y('uses')}より${gap}多いので、借入を減らすか必要な資金に漏れがないか確かめて、両方の合計を一致させてください。`;
      }
      return diff > 0
        ? `The funds needed total ${y('uses')} but the sources total ${y('sources')}, ${gap} short: raise more or trim what you need until both totals match.`
        : `The sources total ${y('sources')}, ${gap} more than the ${y('uses')} you need: borrow less or add what is missing from the needs until both totals match.`;
    }
    case 'own_funds_low':
      return ja
        ? `自己資金${y('ownFunds')}は必要な資金の${n('percent')}%で、融資の審査では自己資金を計画的に準備してきたかがよく見られるため、積み増せないか検討し、貯めてきた経緯を説明できるようにしておきましょう。`
        : `Your own funds of ${y('ownFunds')} are ${n('percent')}% of what you need; lenders often look at how much you saved towards the plan, so see whether you can add more and be ready to show how you saved it.`;
    case 'quote_missing': {
      const name = n('name') || (ja ? `${row}行目` : `row ${row}`);
      return ja
        ? `設備資金「${name}」の見積先を記入し、見積書を用意してください。`
        : `Name the supplier who quoted the equipment item “${name}” and keep their quote ready.`;
    }
    case 'loan_terms_missing':
      return ja
        ? `借入${y('amount')}について、「${label}」（誰から、毎月いくら、いつまでに返すか）を記入してください。`
        : `For the ${y('amount')} you borrow, fill in “${label}” (from whom, how much a month, until when).`;
    case 'shares_over_100':
      return ja
        ? `「${label}」のシェアの合計が${n('total')}%で100%を超えているので、各行の割合を見直してください。`
        : `The shares in “${label}” add up to ${n('total')}%, more than 100%: correct the percentages of the rows.`;
    case 'staff_breakdown_exceeds':
      return ja
        ? `「${label}」の${n('count')}人が従業員数の${n('employees')}人を超えているので、人数を見直してください（家族やパートの方も従業員数に含めます）。`
        : `${label} (${n('count')}) are more than the employee count (${n('employees')}): family members and part-timers are counted among the employees, so correct the numbers.`;
    case 'depreciation_exceeds_other':
      return ja
        ? `${col}の減価償却費${y('depreciation')}がその他の経費${y('otherExpenses')}より大きいので、減価償却費をその他の経費に含めた金額で記入してください。`
        : `Depreciation ${col} (${y('depreciation')}) is more than the other expenses (${y('otherExpenses')}): include depreciation in the other expenses.`;
    case 'cost_exceeds_sales':
      return ja
        ? `${col}の売上原価${y('costOfSales')}が売上高${y('sales')}を上回り、売るほど赤字になるので、価格か仕入れの見込みを見直してください。`
        : `The cost of sales ${col} (${y('costOfSales')}) is more than the sales (${y('sales')}), so every sale loses money: check your prices or purchasing.`;
    case 'repayment_exceeds_capacity':
      return ja
        ? `${col}の借入金の月返済額${y('repayment')}が、返済に回せるお金（利益＋減価償却費）${y('capacity')}を上回るので、売上や経費の見込みを見直すか、返済期間や据置期間を相談してください。`
        : `The monthly loan repayment ${col} (${y('repayment')}) is more than what the business can repay from (profit plus depreciation, ${y('capacity')}): revisit sales and costs, or ask about a longer term or a grace period.`;
    case 'repayment_missing':
      return ja
        ? `借入${y('borrowed')}を予定しているので、軌道に乗った後の借入金の月返済額（元金）を記入して、利益から返せるか確かめてください。`
        : `You plan to borrow ${y('borrowed')}: enter the monthly repayment (principal) once established, to see that profit can cover it.`;
    case 'loss_when_stable':
      return ja
        ? `軌道に乗った後の利益が${y('profit')}とマイナスなので、売上の見込みや経費を見直してください。`
        : `Profit once established is ${y('profit')}, a loss: revisit the sales you expect and your costs.`;
  }
}

/** Findings as the API sends them: each with its sentence in Japanese and English. */
export const explainFindings = (findings: PlanFinding[]): PlanCheck[] =>
  findings.map((f) => ({ ...f, message: { ja: describeFinding(f, 'ja'), en: describeFinding(f, 'en') } }));

// A canonical form for comparing sections: a missing value, an empty string, an empty list and an empty object are all
// "nothing typed", so a blank row added and removed again, or a field cleared, is no change.
function canonical(v: unknown): unknown {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (Array.isArray(v)) {
    // A blank row prints nothing, wherever it sits.
    const rows = v.map(canonical).filter((x) => x !== undefined);
    return rows.length ? rows : undefined;
  }
  if (isObj(v)) {
    const entries = Object.keys(v).sort().map((k) => [k, canonical(v[k])] as const).filter(([, x]) => x !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return v === null ? undefined : v;
}

/** The sections that differ between two versions of a plan, in the form's order. */
export function diffPlans(a: BusinessPlan, b: BusinessPlan): PlanSection[] {
  const pa: Record<string, unknown> = isObj(a) ? a : {};
  const pb: Record<string, unknown> = isObj(b) ? b : {};
  return PLAN_SECTIONS.filter((s) => JSON.stringify(canonical(pa[s])) !== JSON.stringify(canonical(pb[s])));
}

/**
 * Whether a comment may answer `parent`: replies thread one level deep under a comment of the same section (a reply to
 * a reply would hide the thread's start), on a version no older than the one the parent refers to.
 */
export function replyAllowed(parent: Pick<CommentView, 'section' | 'replyTo' | 'version'> | null, reply: { section: PlanSection; version: number }): boolean {
  return parent !== null && parent.replyTo === null && parent.section === reply.section && reply.version >= parent.version;
}

export interface CommentThread { comment: CommentView; replies: CommentView[] }
/** Comments of a plan as the page shows them: per section, threads oldest first, each with its replies oldest first. */
export function threadComments(comments: CommentView[]): Partial<Record<PlanSection, CommentThread[]>> {
  const byTime = [...comments].sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id));
  const threads = new Map<string, CommentThread>();
  const out: Partial<Record<PlanSection, CommentThread[]>> = {};
  for (const c of byTime) {
    if (c.replyTo !== null) continue;
    const t = { comment: c, replies: [] };
    threads.set(c.id, t);
    (out[c.section] ??= []).push(t);
  }
  for (const c of byTime) if (c.replyTo !== null) threads.get(c.replyTo)?.replies.push(c);
  return out;
}

/**
 * Whether the first bytes of an uploaded object look like its declared type (checked before the attachment is
 * recorded): the presigned policy pins the Content-Type header, but not what the bytes are.
 */
export function matchesFileSignature(contentType: AttachmentType, head: Uint8Array): boolean {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  const ascii = (s: string, at = 0) => [...s].every((ch, i) => head[at + i] === ch.charCodeAt(0));
  switch (contentType) {
    case 'application/pdf': return ascii('%PDF-');
    case 'image/png': return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    case 'image/jpeg': return starts(0xff, 0xd8, 0xff);
    case 'image/webp': return ascii('RIFF') && ascii('WEBP', 8);
    // DOCX and XLSX are ZIP containers (Office Open XML).
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
    case 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
      return starts(0x50, 0x4b, 0x03, 0x04);
  }
}
