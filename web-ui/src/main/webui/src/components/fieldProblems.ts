/**
 * Puts the server's per-field problems (`actions[0].config.payload.level`, `trigger.cron`, …) next
 * to the fields of a page that renders nested, generated fields: each problem goes to the deepest
 * rendered field ("slot") whose path is a prefix of the problem's path; the rest is shown on top.
 */
import { fieldPath, type FieldProblem } from '../api/problem';

/** `['actions', 0, 'config', 'level']` -> `actions[0].config.level` */
export function pathKey(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${p}` : p;
  }
  return out;
}

/** A path in its canonical spelling (`actions.0.config` and `actions[0].config` are the same). */
export function normalizePath(field: string): string {
  return pathKey(fieldPath(field).map((p) => (typeof p === 'string' && /^\d+$/.test(p) ? Number(p) : p)));
}

export function childPath(parent: string, key: string | number): string {
  return typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;
}

export interface PlacedProblems {
  bySlot: Record<string, FieldProblem[]>;
  /** Problems no rendered field claims. */
  unplaced: FieldProblem[];
}

function isPrefix(prefix: readonly (string | number)[], path: readonly (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => String(p) === String(path[i]));
}

export function placeProblems(problems: readonly FieldProblem[], slots: Iterable<string>): PlacedProblems {
  const slotPaths = [...new Set(slots)].filter(Boolean).map((s) => ({ key: normalizePath(s), path: fieldPath(normalizePath(s)) }));
  const out: PlacedProblems = { bySlot: {}, unplaced: [] };
  for (const p of problems) {
    const path = fieldPath(normalizePath(p.field));
    let best: { key: string; path: (string | number)[] } | null = null;
    for (const s of slotPaths) {
      if (isPrefix(s.path, path) && (!best || s.path.length > best.path.length)) best = s;
    }
    if (best) (out.bySlot[best.key] ??= []).push(p);
    else out.unplaced.push(p);
  }
  return out;
}
