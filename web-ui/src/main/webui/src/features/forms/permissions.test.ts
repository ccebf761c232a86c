import { describe, expect, it } from 'vitest';
import { ownerFieldOf, rowScopeChoices, rowScopeOf } from './FormPermissionsDrawer';

describe('ownerFieldOf', () => {
  it('reads the member field of an "owner is me" row filter', () => {
    expect(ownerFieldOf({ field: '负责人', op: 'eq', value: '$me' })).toBe('负责人');
  });
  it('is empty for no filter or any other filter (the drawer builds only this kind)', () => {
    expect(ownerFieldOf(null)).toBeUndefined();
    expect(ownerFieldOf({ field: 'city', op: 'eq', value: '杭州' })).toBeUndefined();
    expect(ownerFieldOf({ and: [] })).toBeUndefined();
  });
});

describe('row scopes', () => {
  it('read "is me" on member fields and "is my department (or below)" on department fields', () => {
    expect(rowScopeOf({ field: '负责人', op: 'eq', value: '$me' })).toEqual({ field: '负责人', value: '$me' });
    expect(rowScopeOf({ field: '部门', op: 'eq', value: '$myDepartments' })).toEqual({ field: '部门', value: '$myDepartments' });
    expect(rowScopeOf({ field: '部门', op: 'eq', value: '$myDepartmentsAndBelow' })).toEqual({ field: '部门', value: '$myDepartmentsAndBelow' });
    expect(ownerFieldOf({ field: '部门', op: 'eq', value: '$myDepartments' })).toBeUndefined();
    expect(rowScopeOf({ field: '部门', op: 'ne', value: '$myDepartments' })).toBeUndefined();
    expect(rowScopeOf({ field: '部门', op: 'eq', value: 'd-sales' })).toBeUndefined();
    expect(rowScopeOf(null)).toBeUndefined();
  });

  it('offers one choice per member field and two per department field', () => {
    expect(rowScopeChoices([
      { key: 'name', label: '姓名', type: 'text' },
      { key: 'owner', label: '负责人', type: 'member' },
      { key: 'dept', label: '部门', type: 'department', options: { multiple: true } },
    ])).toEqual([
      { field: 'owner', value: '$me' },
      { field: 'dept', value: '$myDepartments' },
      { field: 'dept', value: '$myDepartmentsAndBelow' },
    ]);
  });
});
