import { describe, expect, it } from 'vitest';
import type { Department } from '../../../api';
import { buildDepartmentTree, departmentPath, departmentsById, dropPlaceOf, dropTarget, planMove, siblingsOf, subtreeIds, type DepartmentNode } from './tree';

const d = (id: string, parentId: string | null, position: number, name = id): Department => ({ id, parentId, name, position, memberCount: 0 });

/** The tree as text: `a(b,c(d))`. */
function shape(nodes: DepartmentNode[]): string {
  return nodes.map((n) => (n.children.length ? `${n.department.id}(${shape(n.children)})` : n.department.id)).join(',');
}

// as the server sends it: by position, then name
const LIST: Department[] = [
  d('hq', null, 0, '总部'),
  d('sales', 'hq', 0, '销售部'),
  d('east', 'sales', 0, '华东区'),
  d('rd', 'hq', 1, '研发部'),
  d('branch', null, 1, '分公司'),
  d('west', 'sales', 1, '华西区'),
];

describe('buildDepartmentTree', () => {
  it('nests the flat list by parentId, keeping the order of positions', () => {
    const tree = buildDepartmentTree(LIST);
    expect(shape(tree)).toBe('hq(sales(east,west),rd),branch');
    expect(tree[0].depth).toBe(0);
    expect(tree[0].children[0].children[1].depth).toBe(2);
    expect(tree[0].children[0].children[1].department.name).toBe('华西区');
  });

  it('orders siblings by position whatever the list order, equal positions as listed (by name)', () => {
    const tree = buildDepartmentTree([d('c', null, 2), d('b', null, 0, '乙'), d('a', null, 0, '甲'), d('x', 'c', 5), d('y', 'c', 1)]);
    expect(shape(tree)).toBe('b,a,c(y,x)');
  });

  it('shows a department whose parent is unknown, or that sits in a loop, on top rather than losing it', () => {
    expect(shape(buildDepartmentTree([d('a', null, 0), d('orphan', 'gone', 0)]))).toBe('a,orphan');
    expect(shape(buildDepartmentTree([d('p', 'q', 0), d('q', 'p', 0), d('self', 'self', 0)]))).toBe('self,p(q)');
    expect(buildDepartmentTree([])).toEqual([]);
  });
});

describe('paths and subtrees', () => {
  it('writes the path from the top as the audit log does', () => {
    const byId = departmentsById(LIST);
    expect(departmentPath(byId, 'east')).toBe('总部 / 销售部 / 华东区');
    expect(departmentPath(byId, 'branch')).toBe('分公司');
    expect(departmentPath(byId, 'nope')).toBeUndefined();
  });

  it('finds a department and everything below it', () => {
    expect([...subtreeIds(LIST, 'sales')].sort()).toEqual(['east', 'sales', 'west']);
    expect([...subtreeIds(LIST, 'rd')]).toEqual(['rd']);
    expect(siblingsOf(LIST, 'sales').map((x) => x.id)).toEqual(['east', 'west']);
    expect(siblingsOf(LIST, null, 'hq').map((x) => x.id)).toEqual(['branch']);
  });
});

describe('drag and drop', () => {
  it('reads antd’s drop info: into a node, before or after it, first child of an open one', () => {
    expect(dropPlaceOf({ dropToGap: false, dropPosition: 2, node: { pos: '0-2' } })).toBe('inside');
    expect(dropPlaceOf({ dropToGap: true, dropPosition: 1, node: { pos: '0-2' } })).toBe('before');
    expect(dropPlaceOf({ dropToGap: true, dropPosition: 3, node: { pos: '0-2' } })).toBe('after');
    expect(dropPlaceOf({ dropToGap: true, dropPosition: 3, node: { pos: '0-2', expanded: true, children: [{}] } })).toBe('inside');
  });

  it('turns a drop into a parent and a place among the new siblings', () => {
    expect(dropTarget(LIST, 'rd', 'sales', 'inside')).toEqual({ parentId: 'sales', index: 0 });
    expect(dropTarget(LIST, 'rd', 'west', 'after')).toEqual({ parentId: 'sales', index: 2 });
    expect(dropTarget(LIST, 'branch', 'hq', 'before')).toEqual({ parentId: null, index: 0 });
    expect(dropTarget(LIST, 'sales', 'sales', 'inside')).toBeNull();
  });

  it('moves with one PATCH where the positions leave room', () => {
    // to the end of another parent: after the last position
    expect(planMove(LIST, 'rd', { parentId: 'sales', index: 2 })).toEqual([{ id: 'rd', change: { parentId: 'sales', position: 2 } }]);
    // to the top level, first: before position 0 there is no room, so the others move on
    expect(planMove(LIST, 'east', { parentId: null, index: 0 })).toEqual([
      { id: 'east', change: { parentId: null, position: 0 } },
      { id: 'hq', change: { position: 1 } },
      { id: 'branch', change: { position: 2 } },
    ]);
    // into an empty department
    expect(planMove(LIST, 'branch', { parentId: 'rd', index: 0 })).toEqual([{ id: 'branch', change: { parentId: 'rd', position: 0 } }]);
    // between positions 0 and 5
    const gap = [d('a', null, 0), d('b', null, 5), d('c', null, 6)];
    expect(planMove(gap, 'c', { parentId: null, index: 1 })).toEqual([{ id: 'c', change: { position: 1 } }]);
  });

  it('reorders within the parent without sending the parent, numbering again when needed', () => {
    expect(planMove(LIST, 'west', { parentId: 'sales', index: 0 })).toEqual([
      { id: 'west', change: { position: 0 } },
      { id: 'east', change: { position: 1 } },
    ]);
    expect(planMove(LIST, 'east', { parentId: 'sales', index: 1 })).toEqual([{ id: 'east', change: { position: 2 } }]);
  });

  it('sends nothing when the department stays where it is', () => {
    expect(planMove(LIST, 'east', { parentId: 'sales', index: 0 })).toEqual([]);
    expect(planMove(LIST, 'nope', { parentId: null, index: 0 })).toEqual([]);
  });
});
