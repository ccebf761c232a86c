/** Every audit event type the server writes (labels live under `auditType.*` in the locale files). */
export const AUDIT_TYPES = [
  'login.succeeded',
  'login.failed',
  'logout',
  'password.changed',
  'user.created',
  'member.added',
  'member.removed',
  'department.created',
  'department.updated',
  'department.deleted',
  'department.members-added',
  'department.member-removed',
  'role.changed',
  'role.created',
  'role.updated',
  'role.deleted',
  'workspace.created',
  'workspace.updated',
  'workspace.deleted',
  'app.created',
  'app.updated',
  'app.deleted',
  'job.retried',
  'job.discarded',
  'permission.changed',
  'flow.published',
  'flow.deleted',
  'message.opted-out',
  'message.opted-in',
  'export',
] as const;

/** The platform-level subset shown first in the platform audit filter. */
export const PLATFORM_AUDIT_TYPES = [
  'login.succeeded',
  'login.failed',
  'logout',
  'password.changed',
  'user.created',
  'job.retried',
  'job.discarded',
] as const;

export function auditTypeLabelKey(type: string): string {
  return `auditType.${type}`;
}

export function auditTypeColor(type: string): string {
  if (type.endsWith('.failed')) return 'red';
  // `department.member-removed`, `department.members-added`: the last word says it
  if (/[.-](deleted|removed)$/.test(type)) return 'volcano';
  if (/[.-](created|added)$/.test(type) || type === 'login.succeeded') return 'green';
  if (type === 'export') return 'purple';
  return 'blue';
}
