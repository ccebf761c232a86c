/**
 * Pure helpers of the formula editor: where the identifier under the cursor is, what to suggest for
 * it, how a completion is inserted, and how an error position is pointed at with a caret.
 */
import type { ExpressionFunctionInfo } from '../api/types';

const IDENT_CHAR = /[\p{L}\p{N}_$]/u;
const IDENT_START = /[\p{L}_$]/u;

/** Words of the language that are never completed. */
const KEYWORDS = new Set(['true', 'false', 'null']);

export interface IdentifierAt {
  /** Offset of the identifier's first character. */
  start: number;
  /** Offset after its last character (the identifier may continue after the cursor). */
  end: number;
  /** The part before the cursor: what the user has typed so far. */
  prefix: string;
  /** Preceded by a dot: a property of something (`event.type`), not a name of its own. */
  afterDot: boolean;
}

/** Whether `cursor` sits inside a '…' or "…" literal (backslash escapes honoured). */
export function inStringLiteral(text: string, cursor: number): boolean {
  let quote: string | null = null;
  for (let i = 0; i < cursor && i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
    }
  }
  return quote !== null;
}

/** The identifier the cursor is in or right after; null inside a string, a number, or between tokens. */
export function identifierAt(text: string, cursor: number): IdentifierAt | null {
  const at = Math.max(0, Math.min(cursor, text.length));
  if (inStringLiteral(text, at)) return null;
  let start = at;
  while (start > 0 && IDENT_CHAR.test(text[start - 1])) start--;
  if (start === at) return null;
  if (!IDENT_START.test(text[start])) return null; // 12 or 3abc: a number
  let end = at;
  while (end < text.length && IDENT_CHAR.test(text[end])) end++;
  return { start, end, prefix: text.slice(start, at), afterDot: start > 0 && text[start - 1] === '.' };
}

export interface Suggestion {
  kind: 'function' | 'field';
  /** What gets inserted (a function also gets an opening parenthesis). */
  label: string;
  /** Secondary text: the other name of a function, or its signature. */
  detail?: string;
  fn?: ExpressionFunctionInfo;
}

/**
 * What to offer for a typed `prefix`: field names and functions (by English name and by Chinese
 * alias) that start with it, then those that merely contain it; fields before functions.
 */
export function suggest(
  prefix: string,
  fields: readonly string[],
  functions: readonly ExpressionFunctionInfo[],
  limit = 12,
): Suggestion[] {
  const p = prefix.toLowerCase();
  if (!p || KEYWORDS.has(p)) return [];
  const ranked: { s: Suggestion; rank: number; order: number }[] = [];
  const seen = new Set<string>();
  const add = (s: Suggestion, candidate: string, bias: number) => {
    const c = candidate.toLowerCase();
    let rank: number;
    if (c.startsWith(p)) rank = 0;
    else if (c.includes(p)) rank = 2;
    else return;
    const key = `${s.kind}:${s.label}`;
    if (seen.has(key)) return;
    seen.add(key);
    ranked.push({ s, rank: rank + bias, order: ranked.length });
  };
  for (const f of fields) {
    if (f === prefix) continue; // fully typed: nothing to complete
    add({ kind: 'field', label: f }, f, 0);
  }
  for (const fn of functions) {
    add({ kind: 'function', label: fn.name, detail: fn.alias, fn }, fn.name, 1);
    if (fn.alias) add({ kind: 'function', label: fn.alias, detail: fn.name, fn }, fn.alias, 1);
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, limit)
    .map((r) => r.s);
}

export interface Edit {
  text: string;
  /** Where the cursor goes afterwards. */
  cursor: number;
}

/** Replaces the identifier with the suggestion; a function gets `(` unless one follows already. */
export function applyCompletion(text: string, ident: Pick<IdentifierAt, 'start' | 'end'>, s: Suggestion): Edit {
  const before = text.slice(0, ident.start);
  const after = text.slice(ident.end);
  if (s.kind === 'function') {
    if (after.startsWith('(')) return { text: `${before}${s.label}${after}`, cursor: before.length + s.label.length + 1 };
    return { text: `${before}${s.label}(${after}`, cursor: before.length + s.label.length + 1 };
  }
  return { text: `${before}${s.label}${after}`, cursor: before.length + s.label.length };
}

/** Inserts `snippet` in place of the selection [from, to). */
export function insertAt(text: string, from: number, to: number, snippet: string): Edit {
  const a = Math.max(0, Math.min(from, text.length));
  const b = Math.max(a, Math.min(to, text.length));
  return { text: text.slice(0, a) + snippet + text.slice(b), cursor: a + snippet.length };
}

/** East Asian wide characters take two columns in a monospace font. */
export function isWide(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    cp >= 0x1f300
  );
}

export interface CaretLine {
  /** The line of the expression that holds the position (without its newline). */
  line: string;
  /** 1-based line number. */
  lineNumber: number;
  /** 0-based offset of the position inside `line`. */
  column: number;
  /** Text before the position, the character at it (a space at the end of the line), and the rest. */
  before: string;
  at: string;
  after: string;
  /** Blanks that line the caret up under `at`: a full-width space for each wide character. */
  pad: string;
}

/** Points at `position` (0-based offset in `expression`): the line it is on and a caret under it. */
export function caretLine(expression: string, position: number): CaretLine {
  const pos = Math.max(0, Math.min(Math.trunc(position), expression.length));
  const lineStart = expression.lastIndexOf('\n', pos - 1) + 1;
  const nl = expression.indexOf('\n', pos);
  const lineEnd = nl === -1 ? expression.length : nl;
  const line = expression.slice(lineStart, lineEnd);
  const column = pos - lineStart;
  const lineNumber = expression.slice(0, lineStart).split('\n').length;
  const before = line.slice(0, column);
  const atCp = line.codePointAt(column);
  const at = atCp === undefined ? ' ' : String.fromCodePoint(atCp);
  const after = atCp === undefined ? '' : line.slice(column + at.length);
  let pad = '';
  for (const ch of before) pad += ch === '\t' ? '\t' : isWide(ch) ? '\u3000' : ' ';
  return { line, lineNumber, column, before, at, after, pad };
}

/** The result of an evaluation as the editor shows it after `=`. */
export function formatValue(value: unknown, type?: string, max = 120): string {
  let s: string;
  if (value === null || value === undefined) s = 'null';
  else if (typeof value === 'string') s = type === 'date' || type === 'datetime' ? value : JSON.stringify(value);
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') s = String(value);
  else s = JSON.stringify(value);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Functions grouped by category, in a stable order (known categories first). */
export function groupFunctions(functions: readonly ExpressionFunctionInfo[]): [string, ExpressionFunctionInfo[]][] {
  const order = ['date', 'list', 'number', 'text', 'null'];
  const groups = new Map<string, ExpressionFunctionInfo[]>();
  for (const f of functions) {
    const list = groups.get(f.category) ?? [];
    list.push(f);
    groups.set(f.category, list);
  }
  return [...groups.entries()].sort(
    ([a], [b]) => (order.indexOf(a) === -1 ? 99 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 99 : order.indexOf(b)) || a.localeCompare(b),
  );
}

/**
 * Top-level names of a sample context, for autocomplete: the keys of each object, in first-seen
 * order, without duplicates.
 */
export function fieldNames(...samples: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const s of samples) {
    if (!s || typeof s !== 'object' || Array.isArray(s)) continue;
    for (const k of Object.keys(s)) if (!out.includes(k)) out.push(k);
  }
  return out;
}
