import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { CompileError } from './source-tree.ts';

/**
 * YAML sources validated with zod, and every problem reported at the line of the key it is about: syntax errors where
 * the parser stopped, schema issues at their key (or the nearest enclosing key that exists), unknown keys each at its
 * own line, with hints for the mistakes authors make (unquoted numbers as text, commas inside { … }).
 */

/** A data path into a parsed document, as zod reports it: keys and array indexes. */
export type Path = readonly PropertyKey[];

/** A parsed YAML source with a way back from a data path to the line of its key. */
export interface YamlSource<T> {
  file: string;
  /** The file's text (line endings normalized to \n). */
  text: string;
  data: T;
  /** 1-based line in `file` of the key at `path` (or of the nearest enclosing key that exists). */
  lineOf(path: Path): number;
}

function pathLabel(path: Path): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? String(seg) : `.${String(seg)}`;
  return out;
}

function valueAt(data: unknown, path: Path): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

/** Offset of the key at `path`, or of the deepest enclosing key that exists (0 for the document itself). */
function offsetOf(doc: Document, path: Path): number {
  let node: unknown = doc.contents;
  let offset = 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (!pair) return offset;
      offset = (isScalar(pair.key) && pair.key.range ? pair.key.range[0] : offset);
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as { range?: [number, number, number] } | undefined;
      if (!item) return offset;
      offset = item.range ? item.range[0] : offset;
      node = item;
    } else return offset;
  }
  return offset;
}

/** The YAML node at `path`, if every step exists. */
function nodeAt(doc: Document, path: Path): unknown {
  let node: unknown = doc.contents;
  for (const seg of path) {
    if (isMap(node)) node = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg))?.value;
    else if (isSeq(node) && typeof seg === 'number') node = node.items[seg];
    else return undefined;
  }
  return node;
}

const FLOW_COMMA_HINT = 'inside { … } a comma separates entries, so quote text that contains a comma, e.g. text: "3,000円"';

function issueMessage(issue: z.core.$ZodIssue, data: unknown): string {
  const label = pathLabel(issue.path);
  if (issue.code === 'invalid_type' && issue.path.length > 0) {
    const value = valueAt(data, issue.path);
    if (value === undefined) return `missing required key "${label}"`;
    if (issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean' || value === null)) {
      return `${label}: expected text but YAML read ${value === null ? 'an empty value' : `the ${typeof value} ${String(value)}`}; put the text in quotes`;
    }
  }
  return label ? `${label}: ${issue.message}` : issue.message;
}

/**
 * Parses YAML `text` and validates it with `schema`, adding every problem to `errors`. `lineOffset` shifts lines when
 * the YAML is embedded (front matter starts on line 2). Returns null when the file is not valid.
 */
export function parseYaml<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  errors: CompileError[],
  lineOffset = 0,
): { data: z.output<S>; lineOf(path: Path): number } | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + lineOffset;
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      errors.push({ file, line: lineAt(e.pos[0]), message: `YAML syntax: ${e.message.split('\n')[0]}` });
    }
    return null;
  }
  const raw: unknown = doc.toJS();
  const lineOf = (path: Path) => lineAt(offsetOf(doc, path));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        const parent = nodeAt(doc, issue.path);
        const hint = isMap(parent) && parent.flow ? ` (${FLOW_COMMA_HINT})` : '';
        for (const key of issue.keys) {
          const path = [...issue.path, key];
          errors.push({ file, line: lineOf(path), message: `unknown key "${pathLabel(path)}"${hint}` });
        }
      } else {
        errors.push({ file, line: lineOf(issue.path), message: issueMessage(issue, raw) });
      }
    }
    return null;
  }
  return { data: parsed.data, lineOf };
}

export function yamlSource<S extends z.ZodType>(file: string, text: string, schema: S, errors: CompileError[]): YamlSource<z.output<S>> | null {
  const parsed = parseYaml(file, text, schema, errors);
  return parsed ? { file, text, data: parsed.data, lineOf: parsed.lineOf } : null;
}
