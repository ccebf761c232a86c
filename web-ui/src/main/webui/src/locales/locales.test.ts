import { describe, expect, it } from 'vitest';
import { translations } from '../i18n/resources';
import { AUDIT_TYPES } from '../features/admin/audit/auditTypes';
import { PERMISSIONS } from '../features/workspaces/permissions';

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

// the shared files and every feature's own, as the app mounts them
const zh = flatten(translations['zh-CN'] as unknown as Tree);
const en = flatten(translations.en as unknown as Tree);

function placeholders(s: string): string[] {
  return [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
}

describe('locale files', () => {
  it('zh-CN and en-US have exactly the same keys', () => {
    const zhKeys = Object.keys(zh).sort();
    const enKeys = Object.keys(en).sort();
    expect(zhKeys.filter((k) => !(k in en))).toEqual([]);
    expect(enKeys.filter((k) => !(k in zh))).toEqual([]);
    expect(zhKeys).toEqual(enKeys);
  });

  it('has no empty texts', () => {
    expect(Object.entries(zh).filter(([, v]) => !v.trim())).toEqual([]);
    expect(Object.entries(en).filter(([, v]) => !v.trim())).toEqual([]);
  });

  it('uses the same interpolation placeholders in both languages', () => {
    const mismatched = Object.keys(zh).filter((k) => placeholders(zh[k]).join() !== placeholders(en[k]).join());
    expect(mismatched).toEqual([]);
  });

  it('labels every permission and every audit event type in both languages', () => {
    for (const p of PERMISSIONS) {
      expect(zh[`perm.${p}`], p).toBeTruthy();
      expect(en[`perm.${p}`], p).toBeTruthy();
    }
    for (const type of AUDIT_TYPES) {
      expect(zh[`auditType.${type}`], type).toBeTruthy();
      expect(en[`auditType.${type}`], type).toBeTruthy();
    }
  });
});
