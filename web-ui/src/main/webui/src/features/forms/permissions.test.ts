import { describe, expect, it } from 'vitest';
import { ownerFieldOf } from './FormPermissionsDrawer';

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
