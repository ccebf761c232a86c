import { describe, expect, it } from 'vitest';
import { recordsEn, recordsZh } from './index';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else Object.assign(out, flatten(v, key));
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort().join();

describe('records locale files', () => {
  const zh = flatten(recordsZh as Tree);
  const en = flatten(recordsEn as Tree);

  it('have the same keys, no empty text and the same placeholders', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    expect(Object.entries({ ...zh, ...en }).filter(([, v]) => !v.trim())).toEqual([]);
    expect(Object.keys(zh).filter((k) => placeholders(zh[k]) !== placeholders(en[k]))).toEqual([]);
  });

  it('label every filter operator and history kind', () => {
    for (const op of ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'contains', 'starts_with', 'is_empty', 'not_empty', 'between', 'within_days', 'before', 'after']) {
      expect(zh[`op.${op}`], op).toBeTruthy();
    }
    for (const kind of ['created', 'updated', 'computed', 'deleted', 'restored']) expect(zh[`history.kinds.${kind}`], kind).toBeTruthy();
  });
});
