// Arbitraries of drill/fuzz.ts: values derived from a route's contract schemas (through z.toJSONSchema, the input side
// of each schema), then made hostile — wrong types, missing and extra keys, prototype keys, huge and malformed text —
// and sent with wrong content types, duplicated query parameters and fuzzed path parameters.
import fc from 'fast-check';
import * as z from 'zod';

/** The subset of JSON Schema that z.toJSONSchema writes for the contract's request schemas. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number; maxItems?: number;
  minLength?: number; maxLength?: number; pattern?: string; format?: string;
  enum?: unknown[]; const?: unknown;
  minimum?: number; maximum?: number;
  anyOf?: JsonSchema[]; oneOf?: JsonSchema[];
  default?: unknown;
}

export const toJsonSchema = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** Known-good values by field name (ids of the fixture accounts, tenants, sessions…), so valid requests reach handlers. */
export type Pool = Record<string, string[]>;

const BASE_DAY = Date.parse('2026-11-28T01:00:00.000Z');
/** ISO date-times in Japan time near the fixture clock, on the quarter hour, so start/end pairs are often in order. */
const dateTime = fc.tuple(fc.integer({ min: -40, max: 90 }), fc.integer({ min: 0, max: 47 })).map(([d, q]) => {
  const t = new Date(BASE_DAY + d * 86_400_000 + q * 15 * 60_000 + 9 * 3_600_000);
  return `${t.toISOString().slice(0, 19)}+09:00`;
});
const TEXTS = ['山田 太郎', '創業の動機', '資金計画について相談したい', 'Café Ōsaka', '大阪市北区', 'テスト', 'x'];

function stringArb(js: JsonSchema, name: string, pool: Pool): fc.Arbitrary<string> {
  const min = js.minLength ?? 0;
  const max = js.maxLength ?? 200;
  const re = js.pattern ? new RegExp(js.pattern) : null;
  const fits = (s: string) => s.length >= min && s.length <= max && (!re || re.test(s));
  let own: fc.Arbitrary<string>;
  if (js.format === 'date-time') own = dateTime;
  else if (js.format === 'uri') own = fc.constantFrom('https://meet.example.jp/room/1', 'https://example.jp/a?b=c#d');
  else if (re) own = fc.stringMatching(re, { size: 'small' }).filter(fits);
  else own = fc.oneof(fc.constantFrom(...TEXTS.filter(fits)), fc.string({ minLength: min, maxLength: Math.min(max, 40), unit: 'grapheme' })).filter(fits);
  const known = (pool[name] ?? []).filter(fits);
  return known.length ? fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 4 }, { arbitrary: own, weight: 1 }) : own;
}

/** A value the schema most likely accepts (refinements across fields — end after start — hold only sometimes). */
export function validArb(js: JsonSchema, pool: Pool, name = ''): fc.Arbitrary<unknown> {
  if ('const' in js) return fc.constant(js.const);
  if (js.enum) return fc.constantFrom(...js.enum);
  const alts = js.anyOf ?? js.oneOf;
  if (alts) return fc.oneof(...alts.map((a) => validArb(a, pool, name)));
  const type = Array.isArray(js.type) ? js.type[0] : js.type;
  switch (type) {
    case 'object': {
      if (js.properties) {
        const model = Object.fromEntries(Object.entries(js.properties).map(([k, v]) => [k, validArb(v, pool, k)]));
        return fc.record(model, { requiredKeys: (js.required ?? []).filter((k) => k in model) });
      }
      const value = typeof js.additionalProperties === 'object' ? validArb(js.additionalProperties, pool) : fc.jsonValue({ maxDepth: 1 });
      const keyArb = js.propertyNames ? (validArb(js.propertyNames, pool) as fc.Arbitrary<string>) : fc.string({ maxLength: 12 });
      return fc.dictionary(keyArb, value, { maxKeys: 5 });
    }
    case 'array': {
      const min = js.minItems ?? 0;
      return fc.array(js.items ? validArb(js.items, pool, name.replace(/s$/, '')) : fc.jsonValue({ maxDepth: 1 }), { minLength: min, maxLength: Math.max(min, Math.min(js.maxItems ?? 4, 4)) });
    }
    case 'string': return stringArb(js, name, pool);
    case 'integer': {
      // Mostly the low end of the range (versions, counts, days): a plan's base version 0–3 is one that can match.
      const min = Math.max(js.minimum ?? -1e6, -1e9);
      const max = Math.min(js.maximum ?? 1e6, 1e9);
      return fc.oneof({ arbitrary: fc.integer({ min, max: Math.min(max, min + 3) }), weight: 3 }, { arbitrary: fc.integer({ min, max }), weight: 1 });
    }
    case 'number': return fc.double({ min: js.minimum ?? -1e6, max: js.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    default: return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Text that has broken parsers, databases and renderers before: encodings, bidi, surrogates, markup, injections. */
export const HOSTILE_TEXT = [
  '', ' ', '\u0000', 'a\u0000b', '\uD800', '\uDFFF', 'x\uD83D', '\uDC00\uD800', '\u202Eevil\u202C', '\u200F\u200E', '\u2066x\u2069',
  '👨‍👩‍👧‍👦', '🏳️‍🌈', '👩🏽‍💻', 'e\u0301\u0301\u0301', 'Ｆｕｌｌｗｉｄｔｈ', '\uFEFFbom', '\u2028\u2029', '𠮷野家', '\r\n\r\n', '\t\v\f',
  '\\', '"', "'", '`', '${7*7}', '{{7*7}}', '%s%n%x', '../../../etc/passwd', '..\\..\\win.ini', '%00', '%2e%2e%2f',
  '<script>window.__xss=1</script>', '"><svg onload=window.__xss=1>', '<img src=x onerror="window.__xss=1">', 'javascript:window.__xss=1',
  'null', 'undefined', 'NaN', 'Infinity', '-0', '1e999', '0x1f', 'true', '[]', '{}', '__proto__', 'constructor', 'prototype', 'hasOwnProperty',
  'USER#x', 'TENANT#271004', 'PLAN#x', ' OR 1=1 --', '=HYPERLINK("http://evil.example")', '@SUM(1+1)', '+1-1', 'a'.repeat(257),
  'name,email\n"山田,"x@example.jp\n', '\u0085\u00A0\u1680\u3000', 'İıſK', 'ß'.repeat(65),
];
/** Over every body limit but the imports' (512 KB), and over every field limit: 100 KB and more. */
export const HUGE_TEXT = ['a'.repeat(100_001), '漢'.repeat(40_000), '\uD800'.repeat(20_000), '😀'.repeat(30_000), `${'x,'.repeat(60_000)}\n`];

const hostileText = fc.oneof({ arbitrary: fc.constantFrom(...HOSTILE_TEXT), weight: 6 }, { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.constantFrom(...HUGE_TEXT), weight: 1 });
/** Any JSON value of a wrong kind: numbers at their edges, deep nesting, objects with prototype keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileText, weight: 5 },
  { arbitrary: fc.constantFrom(0, -1, 1.5, -0, 2 ** 53 + 2, -(2 ** 63), 1e308, Number.MIN_VALUE, 99_999_999_999), weight: 2 },
  { arbitrary: fc.constantFrom(true, false, null), weight: 1 },
  { arbitrary: fc.constantFrom([], {}, [[[]]], [null], ['a', 1, true]), weight: 1 },
  { arbitrary: fc.constant('deep').map(() => nest(2000)), weight: 1 },
  { arbitrary: fc.constant('proto').map(() => withKey({}, '__proto__', { polluted: 'yes', isAdmin: true })), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
);

function nest(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Sets an own key even when it is `__proto__`, so JSON.stringify writes it as the attacker would. */
export function withKey<T extends object>(o: T, k: string, v: unknown): T {
  Object.defineProperty(o, k, { value: v, enumerable: true, configurable: true, writable: true });
  return o;
}

const MUTATIONS = ['valid', 'valid', 'valid', 'leaf', 'leaf', 'drop', 'extra', 'proto', 'root', 'huge', 'text', 'text'] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** Paths to every node of a JSON value (objects and arrays included), the root first. */
function nodes(v: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  const out = [path];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...nodes(x, [...path, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...nodes(x, [...path, k]));
  return out;
}
const getAt = (v: unknown, p: Array<string | number>) => p.reduce<any>((o, k) => o?.[k], v);
function setAt(v: unknown, p: Array<string | number>, x: unknown): unknown {
  if (p.length === 0) return x;
  const parent = getAt(v, p.slice(0, -1));
  withKey(parent, String(p[p.length - 1]), x);
  return v;
}
const clone = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/** Applies one mutation to a valid value; `pick` chooses the node, `bad` is the hostile value put there. */
export function mutate(valid: unknown, kind: Mutation, pick: number, bad: unknown, text: string): unknown {
  const v = clone(valid);
  const all = nodes(v);
  const containers = all.filter((p) => { const x = getAt(v, p); return x && typeof x === 'object' && !Array.isArray(x); });
  const leaves = all.filter((p) => p.length > 0);
  const strings = all.filter((p) => typeof getAt(v, p) === 'string');
  const at = <T>(xs: T[]) => xs[pick % Math.max(1, xs.length)];
  switch (kind) {
    case 'valid': return v;
    case 'leaf': { const p = at(leaves); return p ? setAt(v, p, bad) : bad; }
    case 'drop': {
      const p = at(leaves.filter((q) => typeof q[q.length - 1] === 'string'));
      if (p) delete getAt(v, p.slice(0, -1))[p[p.length - 1]!];
      return v;
    }
    case 'extra': { const p = at(containers); if (p) withKey(getAt(v, p), ['isAdmin', 'role', 'tenantId', 'userId', 'pk', 'sk', 'ttl', 'x'][pick % 8]!, bad); return v; }
    case 'proto': {
      const p = at(containers) ?? [];
      const target = p.length || (v && typeof v === 'object') ? getAt(v, p) : undefined;
      const key = ['__proto__', 'constructor', 'prototype'][pick % 3]!;
      const payload = key === 'constructor' ? { prototype: { polluted: 'yes' } } : { polluted: 'yes', isAdmin: true };
      if (target && typeof target === 'object') { withKey(target, key, payload); return v; }
      return withKey({}, key, payload);
    }
    case 'root': return bad;
    case 'huge': {
      const p = at(strings);
      return p ? setAt(v, p, HUGE_TEXT[pick % HUGE_TEXT.length]) : withKey((v && typeof v === 'object' ? v : {}) as object, 'x', HUGE_TEXT[0]);
    }
    case 'text': {
      // Every string of a valid value becomes the same hostile text: types stay right, so it gets far into the handler.
      for (const p of strings) setAt(v, p, text);
      return v;
    }
  }
}

export const mutationArb = fc.constantFrom(...MUTATIONS);
export const textArb = fc.constantFrom(...HOSTILE_TEXT.filter((t) => t.length > 0));
export { hostileText };

/** How the body goes on the wire; `json` mostly, else a wrong type, no type, or broken JSON. */
export const ENCODINGS = ['json', 'json', 'json', 'json', 'json', 'json', 'json-charset', 'text-plain', 'multipart', 'form', 'no-type', 'broken-json', 'empty', 'bad-utf8', 'bom', 'bogus-length'] as const;
export type Encoding = (typeof ENCODINGS)[number];
export const BROKEN_JSON = ['{', '{"a":', "{'a':1}", 'NaN', '\u0000', '[1,]', '{"a":1}{"b":2}', '"unterminated', `${'['.repeat(50_000)}`, '{"__proto__":{"polluted":"yes"},"__proto__":1}', 'undefined', '{"a":1e99999}'];

export interface WireBody { headers: Record<string, string>; body?: string | Uint8Array }
export function encodeBody(value: unknown, enc: Encoding, pick: number): WireBody {
  const text = value === undefined ? '' : JSON.stringify(value);
  switch (enc) {
    case 'json': return { headers: { 'content-type': 'application/json' }, body: text };
    case 'json-charset': return { headers: { 'content-type': ['application/json; charset=utf-8', 'Application/JSON', 'application/json; charset=utf-16', 'application/json-patch+json'][pick % 4]! }, body: text };
    case 'text-plain': return { headers: { 'content-type': 'text/plain' }, body: text };
    case 'multipart': return { headers: { 'content-type': 'multipart/form-data; boundary=----fuzz' }, body: `------fuzz\r\nContent-Disposition: form-data; name="body"\r\n\r\n${text}\r\n------fuzz--\r\n` };
    case 'form': return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&__proto__[polluted]=yes&a=2' };
    case 'no-type': return { headers: {}, body: text };
    case 'broken-json': return { headers: { 'content-type': 'application/json' }, body: BROKEN_JSON[pick % BROKEN_JSON.length]! };
    case 'empty': return { headers: { 'content-type': 'application/json' } };
    case 'bad-utf8': return { headers: { 'content-type': 'application/json' }, body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x22, 0x7d]) };
    case 'bom': return { headers: { 'content-type': 'application/json' }, body: `\uFEFF${text}` };
    case 'bogus-length': return { headers: { 'content-type': 'application/json', 'content-length': ['-1', 'abc', '1e9', '0', '99999999999999999999'][pick % 5]! }, body: text };
  }
}

/** A path segment: valid (from the schema or the pool) or hostile — traversal, NUL, bad percent-encoding, very long. */
export const HOSTILE_SEGMENTS = [
  '..', '%2e%2e', '..%2f..%2f', '%2e%2e%2f%2e%2e%2fadmin', '%00', 'a%00b', '%E0%A4%A', '%', '%ZZ', '%F0%9F%98%80', '%ED%A0%80', 'a'.repeat(5000),
  'USER%23x', '%23', '%3F', '%252e%252e', '%5C', ';', 'null', 'undefined', '__proto__', 'constructor', '-1', '0', '1e9', '9'.repeat(30),
  '%3Cscript%3E', '%E2%80%AE', encodeURIComponent('京都'), 'AAAAAAAAAAAAAAAA', '271004%0A', ' ', '%20',
];

/**
 * encodeURIComponent, but a lone surrogate (which it refuses) is written as the bytes of its WTF-8 form (%ED%A0%80):
 * what a hostile client can put on the wire.
 */
export function encodeLoose(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) out += `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(ch);
  }
  return out;
}

/** Query strings: the schema's own parameters (some duplicated), unknown ones, prototype keys, broken encoding. */
export function encodeQuery(valid: Record<string, unknown> | undefined, kind: number, pick: number, bad: string): string {
  const pairs: Array<[string, string]> = Object.entries(valid ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]);
  const enc = (p: Array<[string, string]>) => p.map(([k, v]) => `${encodeLoose(k)}=${encodeLoose(v)}`).join('&');
  switch (kind % 8) {
    case 0: case 1: case 2: return enc(pairs);
    case 3: { // duplicated: the first known parameter twice (or an unknown one)
      const [k, v] = pairs[pick % Math.max(1, pairs.length)] ?? ['limit', '1'];
      return enc([...pairs, [k, v], [k, bad.slice(0, 200)]]);
    }
    case 4: return enc([...pairs, [['__proto__[polluted]', 'constructor[prototype][polluted]', 'x', 'cursor'][pick % 4]!, 'yes']]);
    case 5: { // a known parameter with a hostile value
      const [k] = pairs[pick % Math.max(1, pairs.length)] ?? ['q'];
      return enc([...pairs.filter(([x]) => x !== k), [k, bad]]);
    }
    case 6: return `${enc(pairs)}&${['%E0%A4%A', '%', 'a=%ZZ', '=1', '&&&', 'a[]=1&a[]=2', 'limit=%00', 'a=1;b=2'][pick % 8]}`;
    default: return enc([...pairs, ['q'.repeat(1 + (pick % 3)), bad.slice(0, 2000)]]);
  }
}
