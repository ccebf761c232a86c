import type { PermissionInfo } from '../../../api';

export interface PermissionGroup {
  group: string;
  keys: string[];
}

/** Groups the catalogue in the order the server lists it (first appearance of each group). */
export function groupPermissions(catalogue: readonly PermissionInfo[]): PermissionGroup[] {
  const groups: PermissionGroup[] = [];
  const byName = new Map<string, PermissionGroup>();
  for (const p of catalogue) {
    let g = byName.get(p.group);
    if (!g) {
      g = { group: p.group, keys: [] };
      byName.set(p.group, g);
      groups.push(g);
    }
    if (!g.keys.includes(p.key)) g.keys.push(p.key);
  }
  return groups;
}
