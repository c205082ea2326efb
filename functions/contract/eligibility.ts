import * as z from 'zod';

import { Area, AREAS } from './catalog.ts';

/**
 * How e-learning module completions count toward the 特定創業支援 rule. Each municipality's certified plan decides:
 * `counts_alone` lets e-learning satisfy everything, `with_sessions` counts it but also needs in-person sessions,
 * `sessions_only` shows it without counting it.
 */
export const ElearningPolicy = z.enum(['counts_alone', 'with_sessions', 'sessions_only']);
export type ElearningPolicy = z.infer<typeof ElearningPolicy>;

/** "Attend `required` of the `total` scheduled sessions", e.g. 秩父市's 4 of 5. */
export const SessionsOfTotal = z
  .object({ required: z.number().int().min(1).max(50), total: z.number().int().min(1).max(50) })
  .strict()
  .refine((v) => v.required <= v.total, { message: 'required must not exceed total', path: ['required'] });
export type SessionsOfTotal = z.infer<typeof SessionsOfTotal>;

/**
 * A tenant's rule for when a founder's dated evidence supports a 特定創業支援 証明書. The municipality issues the
 * certificate; the platform only reports what is met and what is missing. Defaults are the typical rule: all four
 * areas, 4 or more days over at least one month, with at least one in-person session.
 */
export const EligibilityRule = z
  .object({
    requiredAreas: z
      .array(Area)
      .min(1)
      .refine((a) => new Set(a).size === a.length, { message: 'areas must be unique' })
      .default(() => [...AREAS]),
    minDistinctDays: z.number().int().min(1).max(20).default(4),
    /** Calendar months from the first to the last counted date (神戸市: one month). */
    minSpanMonths: z.number().int().min(0).max(12).default(1),
    elearning: ElearningPolicy.default('with_sessions'),
    /** In-person sessions needed under `with_sessions` and `sessions_only`; ignored under `counts_alone`. */
    minSessions: z.number().int().min(0).max(20).default(1),
    /** Whether a make-up (補講, or a consultation replacing a missed session) counts as the session it replaces. */
    allowMakeUp: z.boolean().default(true),
    /** Whether attending a session online (its meeting link, not the venue) counts as attending it. */
    allowOnline: z.boolean().default(true),
    sessionsOfTotal: SessionsOfTotal.optional(),
  })
  .strict();
export type EligibilityRule = z.infer<typeof EligibilityRule>;
export type EligibilityRuleInput = z.input<typeof EligibilityRule>;

/** Fills the defaults of a partial rule; throws a ZodError when the rule is invalid. */
export function ruleFromPartial(partial: EligibilityRuleInput = {}): EligibilityRule {
  return EligibilityRule.parse(partial);
}

const defaults = ruleFromPartial({});
Object.freeze(defaults.requiredAreas);
/** The typical rule; frozen, so callers derive variants with ruleFromPartial({ ...DEFAULT_ELIGIBILITY_RULE, ... }). */
export const DEFAULT_ELIGIBILITY_RULE: Readonly<EligibilityRule> = Object.freeze(defaults);

/** GET /api/tenants/:tenantId/eligibility-rule/explanation — the municipality's rule in words, sentence by sentence. */
export const RuleExplanation = z.object({ ja: z.array(z.string()), en: z.array(z.string()) }).strict();
export type RuleExplanation = z.infer<typeof RuleExplanation>;
