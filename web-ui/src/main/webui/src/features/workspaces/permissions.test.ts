import { describe, expect, it } from 'vitest';
import { can, canAny, canOpen, firstSection, PERMISSIONS, permissionLabelKey } from './permissions';

const owner = { permissions: [...PERMISSIONS] };
const viewer = { permissions: ['app.view'] };
const auditor = { permissions: ['audit.read'] };

describe('permission checks', () => {
  it('grants exactly what the workspace lists', () => {
    expect(can(owner, 'member.manage')).toBe(true);
    expect(can(viewer, 'app.view')).toBe(true);
    expect(can(viewer, 'app.manage')).toBe(false);
  });

  it('grants nothing without a workspace or permission list', () => {
    expect(can(undefined, 'app.view')).toBe(false);
    expect(can(null, 'app.view')).toBe(false);
    expect(can({ permissions: null }, 'app.view')).toBe(false);
    expect(can({}, 'app.view')).toBe(false);
  });

  it('canAny needs one of them', () => {
    expect(canAny(viewer, 'member.view', 'app.view')).toBe(true);
    expect(canAny(viewer, 'member.view', 'role.manage')).toBe(false);
  });

  it('decides which pages open', () => {
    expect(canOpen(viewer, 'apps')).toBe(true);
    expect(canOpen(viewer, 'members')).toBe(false);
    expect(canOpen({ permissions: ['member.view'] }, 'roles')).toBe(true);
    expect(canOpen(auditor, 'audit')).toBe(true);
    // departments open as members do
    expect(canOpen({ permissions: ['member.view'] }, 'departments')).toBe(true);
    expect(canOpen({ permissions: ['member.manage'] }, 'departments')).toBe(true);
    expect(canOpen(viewer, 'departments')).toBe(false);
  });

  it('lands on the first page the caller may open', () => {
    expect(firstSection(owner)).toBe('apps');
    expect(firstSection(auditor)).toBe('audit');
    expect(firstSection({ permissions: [] })).toBe('apps');
  });

  it('builds the i18n key of a permission label', () => {
    expect(permissionLabelKey('app.manage')).toBe('perm.app.manage');
  });
});
