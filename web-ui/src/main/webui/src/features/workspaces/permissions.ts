/** The permission catalogue (the server's `GET /permissions` is the source of truth for groups). */
export const PERMISSIONS = [
  'workspace.manage',
  'app.view',
  'app.manage',
  'message.read',
  'record.create',
  'record.edit',
  'record.delete',
  'member.view',
  'member.manage',
  'role.manage',
  'audit.read',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

interface HasPermissions {
  permissions?: readonly string[] | null;
}

/** Whether the caller holds `permission` in the workspace. No workspace, no permission. */
export function can(workspace: HasPermissions | null | undefined, permission: Permission): boolean {
  return !!workspace?.permissions?.includes(permission);
}

export function canAny(workspace: HasPermissions | null | undefined, ...permissions: Permission[]): boolean {
  return permissions.some((p) => can(workspace, p));
}

export type Section = 'apps' | 'members' | 'departments' | 'roles' | 'audit';

export const SECTIONS: readonly Section[] = ['apps', 'members', 'departments', 'roles', 'audit'];

/**
 * Which permissions open each workspace page. Roles are readable by whoever may see members
 * (the member form needs the role list) and by role managers. Departments are shown with their
 * members, so they open as the members page does (member.manage changes them).
 */
export const SECTION_PERMISSIONS: Record<Section, Permission[]> = {
  apps: ['app.view', 'app.manage'],
  members: ['member.view', 'member.manage'],
  departments: ['member.view', 'member.manage'],
  roles: ['role.manage', 'member.view', 'member.manage'],
  audit: ['audit.read'],
};

export function canOpen(workspace: HasPermissions | null | undefined, section: Section): boolean {
  return canAny(workspace, ...SECTION_PERMISSIONS[section]);
}

/** The first page of a workspace the caller may open; apps when none (the page then explains). */
export function firstSection(workspace: HasPermissions | null | undefined): Section {
  return SECTIONS.find((s) => canOpen(workspace, s)) ?? 'apps';
}

/** i18n key of a permission's label: `workspace.manage` -> `perm.workspace.manage`. */
export function permissionLabelKey(permission: string): string {
  return `perm.${permission}`;
}
