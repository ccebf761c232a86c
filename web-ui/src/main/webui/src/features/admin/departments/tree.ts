/**
 * The department tree from the server's flat list (ordered by position, then name), and the
 * requests a drag and drop in it makes. Pure, so the tests can pin them down.
 */
import type { Department, DepartmentChange } from '../../../api';

export interface DepartmentNode {
  department: Department;
  children: DepartmentNode[];
  /** 0 for a top-level department */
  depth: number;
}

/** Siblings in the list's order by position; equal positions keep the server's order (by name). */
function byPosition(list: readonly Department[]): Department[] {
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.position - b.d.position || a.i - b.i)
    .map((x) => x.d);
}

/**
 * Nests the flat list by `parentId`. A department whose parent is not in the list (or that sits in
 * a loop a broken list could have) is shown at the top level rather than lost.
 */
export function buildDepartmentTree(list: readonly Department[]): DepartmentNode[] {
  const ids = new Set(list.map((d) => d.id));
  const children = new Map<string | null, Department[]>();
  for (const d of byPosition(list)) {
    const parent = d.parentId && ids.has(d.parentId) && d.parentId !== d.id ? d.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), d]);
  }
  const seen = new Set<string>();
  const grow = (d: Department, depth: number): DepartmentNode => {
    seen.add(d.id);
    const kids = (children.get(d.id) ?? []).filter((c) => !seen.has(c.id));
    kids.forEach((c) => seen.add(c.id));
    return { department: d, depth, children: kids.map((c) => grow(c, depth + 1)) };
  };
  const roots = (children.get(null) ?? []).map((d) => grow(d, 0));
  // what no root reaches is in a loop: shown on top
  for (const d of list) if (!seen.has(d.id)) roots.push(grow(d, 0));
  return roots;
}

/** The departments of the list by id. */
export function departmentsById(list: readonly Department[] | undefined): Map<string, Department> {
  return new Map((list ?? []).map((d) => [d.id, d]));
}

/** `总部 / 销售部 / 华东区`: the names from the top down to the department (as the audit log writes them). */
export function departmentPath(byId: ReadonlyMap<string, Department>, id: string): string | undefined {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let d = byId.get(id); d && !seen.has(d.id); d = d.parentId ? byId.get(d.parentId) : undefined) {
    seen.add(d.id);
    names.unshift(d.name);
  }
  return names.length ? names.join(' / ') : undefined;
}

/** The department and all below it. */
export function subtreeIds(list: readonly Department[], id: string): Set<string> {
  const out = new Set<string>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of list) {
      if (d.parentId && out.has(d.parentId) && !out.has(d.id)) {
        out.add(d.id);
        grew = true;
      }
    }
  }
  return out;
}

/** The children of a parent (null: the top level) in their order, without `except`. */
export function siblingsOf(list: readonly Department[], parentId: string | null, except?: string): Department[] {
  const ids = new Set(list.map((d) => d.id));
  const parentOf = (d: Department) => (d.parentId && ids.has(d.parentId) ? d.parentId : null);
  return byPosition(list.filter((d) => parentOf(d) === parentId && d.id !== except));
}

export type DropPlace = 'before' | 'after' | 'inside';

/** A drop as antd's Tree reports it (`onDrop`'s info). */
export interface TreeDrop {
  dropToGap: boolean;
  /** relative to the drop node's parent's children, shifted by the node's own index (see {@link dropPlaceOf}) */
  dropPosition: number;
  node: { pos: string; expanded?: boolean; children?: readonly unknown[] };
}

/** Where in the tree a drop landed: into a department, or in the gap before or after it. */
export function dropPlaceOf(info: TreeDrop): DropPlace {
  if (!info.dropToGap) return 'inside';
  const pos = info.node.pos.split('-');
  const relative = info.dropPosition - Number(pos[pos.length - 1]);
  // just below an open department with sub-departments: it becomes the first of them
  if (relative === 1 && info.node.expanded && (info.node.children?.length ?? 0) > 0) return 'inside';
  return relative < 0 ? 'before' : 'after';
}

export interface MoveTarget {
  parentId: string | null;
  /** the place among the new siblings (the dragged department not counted) */
  index: number;
}

/** Where a department dropped before, after or into another one ends up. */
export function dropTarget(list: readonly Department[], dragId: string, dropId: string, place: DropPlace): MoveTarget | null {
  const drop = list.find((d) => d.id === dropId);
  if (!drop || dragId === dropId) return null;
  if (place === 'inside') return { parentId: drop.id, index: 0 };
  const ids = new Set(list.map((d) => d.id));
  const parentId = drop.parentId && ids.has(drop.parentId) ? drop.parentId : null;
  const index = siblingsOf(list, parentId, dragId).findIndex((d) => d.id === dropId);
  return { parentId, index: place === 'before' ? index : index + 1 };
}

export interface DepartmentPatch {
  id: string;
  change: DepartmentChange;
}

/**
 * The PATCHes that move a department to `index` under `parentId`, the moved one first (the one
 * the server may refuse: a loop, too deep, a name taken there). Positions are sort keys: when the
 * neighbours leave room, only the moved department changes; else the siblings are numbered again
 * from 0 and those whose position changes are patched too. Empty when nothing moves.
 */
export function planMove(list: readonly Department[], dragId: string, target: MoveTarget): DepartmentPatch[] {
  const dragged = list.find((d) => d.id === dragId);
  if (!dragged) return [];
  const ids = new Set(list.map((d) => d.id));
  const currentParent = dragged.parentId && ids.has(dragged.parentId) ? dragged.parentId : null;
  const parentChanges = currentParent !== target.parentId;
  const siblings = siblingsOf(list, target.parentId, dragId);
  const index = Math.max(0, Math.min(target.index, siblings.length));
  const prev = siblings[index - 1];
  const next = siblings[index];
  if (!parentChanges) {
    const now = siblingsOf(list, currentParent).findIndex((d) => d.id === dragId);
    if (now === index) return [];
  }
  const withParent = (position: number): DepartmentChange => (parentChanges ? { parentId: target.parentId, position } : { position });

  // room between the neighbours: one request
  let position: number | null;
  if (!prev && !next) position = 0;
  else if (!prev) position = next.position >= 1 ? next.position - 1 : null;
  else if (!next) position = prev.position + 1;
  else position = next.position - prev.position >= 2 ? prev.position + 1 : null;
  if (position !== null) return [{ id: dragId, change: withParent(position) }];

  // no room: number them again, 0, 1, 2, ...
  const order = [...siblings.slice(0, index), dragged, ...siblings.slice(index)];
  const patches: DepartmentPatch[] = [{ id: dragId, change: withParent(index) }];
  order.forEach((d, i) => {
    if (d.id !== dragId && d.position !== i) patches.push({ id: d.id, change: { position: i } });
  });
  return patches;
}
