import type { Context, MiddlewareHandler } from 'hono';
import * as z from 'zod';
import { LIMITS } from '../contract/api.ts';
import { DomainError } from '../domain/errors.ts';

/** zod issues → `{ field: message }`, the `fields` of an error body. */
export function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) fields[[...issue.path, k].join('.')] = 'unknown field';
      continue;
    }
    const path = issue.path.join('.') || '_';
    fields[path] ??= issue.message;
  }
  return fields;
}

const invalid = (where: string, e: z.ZodError) =>
  new DomainError('invalid_request', `The ${where} is not valid: ${Object.entries(fieldsOf(e)).map(([k, v]) => `${k}: ${v}`).join('; ')}`, fieldsOf(e));

type Target = 'json' | 'param' | 'query';
type Validated<T extends Target, S extends z.ZodType> = { in: Record<never, never>; out: { [K in T]: z.output<S> } };

/** What a validator middleware checks: read back from the app's own route list by tools (the fuzzer, drill/fuzz.ts). */
export interface ValidatorInfo { target: Target; schema: z.ZodType; maxBytes?: number }
const validators = new WeakMap<object, ValidatorInfo>();
/** The contract schema behind a route's handler, when that handler is one of the validators below. */
export const validatorOf = (handler: unknown): ValidatorInfo | undefined => (typeof handler === 'function' ? validators.get(handler) : undefined);
function registered<H extends object>(h: H, info: ValidatorInfo): H {
  validators.set(h, info);
  return h;
}

/**
 * Parses the JSON body with a contract schema. Malformed JSON, a wrong content type and a body over the limit are
 * answered before the schema runs; nothing downstream sees unparsed input.
 */
export function json<S extends z.ZodType>(schema: S, maxBytes: number = LIMITS.bodyBytes): MiddlewareHandler<any, string, Validated<'json', S>> {
  return registered<MiddlewareHandler<any, string, Validated<'json', S>>>(async (c, next) => {
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > maxBytes) throw tooLarge(maxBytes);
    const type = c.req.header('content-type') ?? '';
    // application/json, with parameters (charset) or none; not a type that merely starts so (json-patch+json, json-seq).
    if (!/^application\/json\s*(?:;|$)/i.test(type)) {
      throw new DomainError('unsupported_media_type', 'Send the body as application/json');
    }
    const text = await readBounded(c.req.raw, maxBytes);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new DomainError('invalid_json', 'The request body is not valid JSON');
    }
    const r = schema.safeParse(body);
    if (!r.success) throw invalid('request body', r.error);
    setValid(c, 'json', r.data);
    await next();
  }, { target: 'json', schema, maxBytes });
}

export function param<S extends z.ZodType>(schema: S): MiddlewareHandler<any, string, Validated<'param', S>> {
  return registered<MiddlewareHandler<any, string, Validated<'param', S>>>(async (c, next) => {
    const r = schema.safeParse(c.req.param());
    if (!r.success) throw new DomainError('not_found', `Nothing is at this address (${Object.keys(fieldsOf(r.error)).join(', ')})`, fieldsOf(r.error));
    setValid(c, 'param', r.data);
    await next();
  }, { target: 'param', schema });
}

export function query<S extends z.ZodType>(schema: S): MiddlewareHandler<any, string, Validated<'query', S>> {
  return registered<MiddlewareHandler<any, string, Validated<'query', S>>>(async (c, next) => {
    const r = schema.safeParse(c.req.query());
    if (!r.success) throw invalid('query', r.error);
    setValid(c, 'query', r.data);
    await next();
  }, { target: 'query', schema });
}

/**
 * The body as text, read chunk by chunk and refused as soon as it passes `maxBytes`: a body sent without a
 * Content-Length (chunked) or with a false one is never buffered whole.
 */
async function readBounded(req: Request, maxBytes: number): Promise<string> {
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

const tooLarge = (max: number) => new DomainError('payload_too_large', `The request body is larger than ${max} bytes`);

function setValid(c: Context, target: Target, data: unknown) {
  (c.req as unknown as { addValidatedData(t: string, d: unknown): void }).addValidatedData(target, data as object);
}

/** Routes without query parameters refuse unknown ones too. */
export const noQuery = query(z.object({}).strict());
