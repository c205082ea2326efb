import { type Area, AREAS } from '../contract/catalog.ts';
import type { EligibilityRule } from '../contract/eligibility.ts';

/** One dated piece of evidence: an e-learning module completion or attendance at an in-person seminar session. */
export interface EvidenceItem {
  kind: 'module' | 'session';
  /** Module id or session id. */
  ref: string;
  /** YYYY-MM-DD in Japan time (the caller converts). */
  date: string;
  areas: Area[];
  /** A session attended as a make-up, or replaced by an individual consultation. */
  makeUp?: boolean;
  /** A session attended online (through its meeting link), not at the venue. */
  online?: boolean;
}

/** One unmet condition of the rule. */
export type Missing =
  | { kind: 'area'; area: Area }
  | { kind: 'days'; have: number; need: number }
  | { kind: 'span'; first: string; last: string; earliestLast: string }
  | { kind: 'sessions'; have: number; need: number }
  | { kind: 'sessionsOfTotal'; have: number; need: number; total: number };

export interface Eligibility {
  eligible: boolean;
  /** Every unmet condition: areas in the rule's order, then days, span, sessions, sessionsOfTotal. */
  missing: Missing[];
  /** The evidence the rule counts, by date (ties keep input order). */
  countedItems: EvidenceItem[];
  firstDate: string | null;
  lastDate: string | null;
  distinctDays: number;
  /** Areas the counted evidence covers, in the canonical order. */
  coveredAreas: Area[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(date: string): { y: number; m: number; d: number } {
  const match = DATE.exec(date);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  if (!match || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return { y, m, d };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Adds calendar months, clamping to the month's last day: 2026-01-31 + 1 month = 2026-02-28. */
export function addMonths(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer: ${months}`);
  const { y, m, d } = parseDate(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return `${pad(ny, 4)}-${pad(nm, 2)}-${pad(Math.min(d, daysInMonth(ny, nm)), 2)}`;
}

function monthsBetween(from: string, to: string): number {
  const a = parseDate(from);
  const b = parseDate(to);
  return (b.y - a.y) * 12 + (b.m - a.m);
}

/**
 * Whether a founder's dated evidence meets a tenant's 特定創業支援 rule, and every condition still unmet.
 * A repeat of the same module or session (same kind and ref) counts once, at its earliest date, so studying one
 * module on two days does not make two days. Throws a RangeError on a malformed date.
 */
export function evaluateEligibility(rule: EligibilityRule, items: readonly EvidenceItem[]): Eligibility {
  for (const item of items) parseDate(item.date);

  const counts = (item: EvidenceItem) =>
    item.kind === 'session' ? (!item.makeUp || rule.allowMakeUp) && (!item.online || rule.allowOnline !== false) : rule.elearning !== 'sessions_only';

  const byDate = items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => counts(item))
    .sort((a, b) => (a.item.date < b.item.date ? -1 : a.item.date > b.item.date ? 1 : a.index - b.index));
  const seen = new Set<string>();
  const countedItems: EvidenceItem[] = [];
  for (const { item } of byDate) {
    const key = `${item.kind}\u0000${item.ref}`;
    if (seen.has(key)) continue;
    seen.add(key);
    countedItems.push({ ...item, areas: [...item.areas] });
  }

  const dates = [...new Set(countedItems.map((i) => i.date))];
  const firstDate = dates[0] ?? null;
  const lastDate = dates[dates.length - 1] ?? null;
  const covered = new Set(countedItems.flatMap((i) => i.areas));
  const coveredAreas = AREAS.filter((a) => covered.has(a));
  const sessions = countedItems.filter((i) => i.kind === 'session').length;

  const missing: Missing[] = [];
  for (const area of rule.requiredAreas) if (!covered.has(area)) missing.push({ kind: 'area', area });
  if (dates.length < rule.minDistinctDays) missing.push({ kind: 'days', have: dates.length, need: rule.minDistinctDays });
  if (firstDate !== null && lastDate !== null && rule.minSpanMonths > 0) {
    const earliestLast = addMonths(firstDate, rule.minSpanMonths);
    if (lastDate < earliestLast) missing.push({ kind: 'span', first: firstDate, last: lastDate, earliestLast });
  }
  if (rule.elearning !== 'counts_alone' && sessions < rule.minSessions) {
    missing.push({ kind: 'sessions', have: sessions, need: rule.minSessions });
  }
  const ofTotal = rule.sessionsOfTotal;
  if (ofTotal && sessions < ofTotal.required) {
    missing.push({ kind: 'sessionsOfTotal', have: sessions, need: ofTotal.required, total: ofTotal.total });
  }

  return { eligible: missing.length === 0, missing, countedItems, firstDate, lastDate, distinctDays: dates.length, coveredAreas };
}

export const AREA_LABELS: Record<'ja' | 'en', Record<Area, string>> = {
  ja: { management: '経営', finance: '財務', hr: '人材育成', sales: '販路開拓' },
  en: { management: 'management', finance: 'finance', hr: 'human resources', sales: 'sales channels' },
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** A YYYY-MM-DD day as the web app writes dates: 2026年5月10日, or 10 May 2026 (never ISO in a sentence a person reads). */
export function dayText(day: string, locale: 'ja' | 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return locale === 'ja' ? `${y}年${mo}月${d}日` : `${d} ${MONTHS_EN[mo - 1]} ${y}`;
}

/** One sentence a founder or staff member can act on. */
export function describeMissing(m: Missing, locale: 'ja' | 'en'): string {
  const area = (a: Area) => AREA_LABELS[locale][a];
  if (locale === 'ja') {
    switch (m.kind) {
      case 'area':
        return `${area(m.area)}の学習がまだありません`;
      case 'days':
        return `受講日があと${m.need - m.have}日必要です（現在${m.have}日・必要${m.need}日）`;
      case 'span':
        return `最初の受講日（${dayText(m.first, 'ja')}）から${monthsBetween(m.first, m.earliestLast)}か月以上あけて、${dayText(m.earliestLast, 'ja')}以降に受講する必要があります`;
      case 'sessions':
        return `対面講座への出席があと${m.need - m.have}回必要です（現在${m.have}回・必要${m.need}回）`;
      case 'sessionsOfTotal':
        return `全${m.total}回の講座のうち${m.need}回以上の出席が必要です（現在${m.have}回・あと${m.need - m.have}回）`;
    }
  }
  switch (m.kind) {
    case 'area':
      return `No study of ${area(m.area)} yet.`;
    case 'days':
      return `${plural(m.need - m.have, 'more day', 'more days')} of study needed (${m.have} so far, ${m.need} required).`;
    case 'span':
      return `Study again on or after ${dayText(m.earliestLast, 'en')}: the last day must be at least ${plural(monthsBetween(m.first, m.earliestLast), 'month', 'months')} after the first (${dayText(m.first, 'en')}).`;
    case 'sessions':
      return `${plural(m.need - m.have, 'more in-person session', 'more in-person sessions')} needed (${m.have} attended, ${m.need} required).`;
    case 'sessionsOfTotal':
      return `Attend at least ${m.need} of the ${m.total} sessions (${m.have} so far, ${m.need - m.have} to go).`;
  }
}

/**
 * The rule in words, sentence by sentence, for the staff settings page and the founder's record: what counts and how
 * much of it is needed.
 */
export function describeRule(rule: EligibilityRule, locale: 'ja' | 'en'): string[] {
  const areas = rule.requiredAreas.map((a) => AREA_LABELS[locale][a]);
  const out: string[] = [];
  if (locale === 'ja') {
    out.push(`${areas.join('・')}の${areas.length}分野すべてを学ぶ必要があります。`);
    out.push(`受講日は${rule.minDistinctDays}日以上${rule.minSpanMonths > 0 ? `、最初の受講日から最後の受講日まで${rule.minSpanMonths}か月以上` : ''}必要です。`);
    if (rule.elearning === 'counts_alone') out.push('eラーニングのモジュール修了だけで、分野と受講日を満たせます。対面講座への出席は必須ではありません。');
    else if (rule.elearning === 'with_sessions') out.push(`eラーニングのモジュール修了も分野と受講日に数えますが、対面講座への出席が${rule.minSessions}回以上必要です。`);
    else out.push(`eラーニングは記録として表示しますが、数えるのは講座への出席だけです（${rule.minSessions}回以上）。`);
    if (rule.sessionsOfTotal) out.push(`全${rule.sessionsOfTotal.total}回の講座のうち${rule.sessionsOfTotal.required}回以上の出席が必要です。`);
    out.push(rule.allowOnline !== false ? 'オンラインでの参加も出席として数えます。' : 'オンラインでの参加は出席として数えません（会場での出席のみ）。');
    out.push(rule.allowMakeUp ? '欠席した回は、補講（その回の内容のモジュールの修了）で出席に代えられます。日付は補講を終えた日です。' : '欠席した回を補講で代えることはできません。');
    return out;
  }
  out.push(`All ${areas.length} areas must be studied: ${areas.join(', ')}.`);
  out.push(`Study on at least ${plural(rule.minDistinctDays, 'day', 'days')}${rule.minSpanMonths > 0 ? `, with at least ${plural(rule.minSpanMonths, 'month', 'months')} from the first day to the last` : ''}.`);
  if (rule.elearning === 'counts_alone') out.push('Completed e-learning modules alone can meet the areas and days; attending a seminar session is not required.');
  else if (rule.elearning === 'with_sessions') out.push(`Completed e-learning modules count toward the areas and days, and at least ${plural(rule.minSessions, 'seminar session', 'seminar sessions')} must be attended.`);
  else out.push(`E-learning is shown in the record but does not count; only seminar sessions do (at least ${rule.minSessions}).`);
  if (rule.sessionsOfTotal) out.push(`At least ${rule.sessionsOfTotal.required} of the ${rule.sessionsOfTotal.total} sessions must be attended.`);
  out.push(rule.allowOnline !== false ? 'Taking part online counts as attending.' : 'Taking part online does not count as attending (only at the venue).');
  out.push(rule.allowMakeUp ? 'A missed session can be made up by completing its modules; it counts on the day the make-up is completed.' : 'A missed session cannot be replaced by a make-up.');
  return out;
}
