import { http } from './client';
import type { App, AuditEntry, Job, JobState, JobStats, Me, Member, Page, PermissionInfo, Role, Workspace } from './types';

import { ApiError } from './problem';

export * from './types';
export { ApiError } from './problem';

const ws = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;

export const authApi = {
  login: (username: string, password: string) =>
    http.post<Me>('/auth/login', { username, password }, { allowUnauthorized: true }),
  logout: () => http.post<void>('/auth/logout', undefined, { allowUnauthorized: true }),
  /** Resolves to null when nobody is logged in. */
  me: async (): Promise<Me | null> => {
    try {
      return await http.get<Me>('/auth/me', { allowUnauthorized: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  changePassword: (currentPassword: string, newPassword: string) =>
    http.post<void>('/auth/password', { currentPassword, newPassword }),
};

export const workspacesApi = {
  list: () => http.get<Workspace[]>('/workspaces'),
  create: (name: string) => http.post<Workspace>('/workspaces', { name }),
  rename: (workspaceId: string, name: string) => http.patch<Workspace>(ws(workspaceId), { name }),
  remove: (workspaceId: string) => http.del(ws(workspaceId)),
};

export interface AppInput {
  name: string;
  description?: string;
}

export const appsApi = {
  list: (workspaceId: string) => http.get<App[]>(`${ws(workspaceId)}/apps`),
  create: (workspaceId: string, input: AppInput) => http.post<App>(`${ws(workspaceId)}/apps`, input),
  update: (workspaceId: string, appId: string, input: Partial<AppInput>) =>
    http.patch<App>(`${ws(workspaceId)}/apps/${encodeURIComponent(appId)}`, input),
  remove: (workspaceId: string, appId: string) => http.del(`${ws(workspaceId)}/apps/${encodeURIComponent(appId)}`),
};

export interface RoleInput {
  name: string;
  description?: string;
  permissions: string[];
}

export const rolesApi = {
  list: (workspaceId: string) => http.get<Role[]>(`${ws(workspaceId)}/roles`),
  create: (workspaceId: string, input: RoleInput) => http.post<Role>(`${ws(workspaceId)}/roles`, input),
  update: (workspaceId: string, roleId: string, input: Partial<RoleInput>) =>
    http.patch<Role>(`${ws(workspaceId)}/roles/${encodeURIComponent(roleId)}`, input),
  remove: (workspaceId: string, roleId: string) => http.del(`${ws(workspaceId)}/roles/${encodeURIComponent(roleId)}`),
  permissions: () => http.get<PermissionInfo[]>('/permissions'),
};

export interface MemberInput {
  username: string;
  displayName: string;
  initialPassword: string;
  roleId: string;
}

export const membersApi = {
  list: (workspaceId: string) => http.get<Member[]>(`${ws(workspaceId)}/members`),
  add: (workspaceId: string, input: MemberInput) => http.post<Member>(`${ws(workspaceId)}/members`, input),
  changeRole: (workspaceId: string, userId: string, roleId: string) =>
    http.patch<Member>(`${ws(workspaceId)}/members/${encodeURIComponent(userId)}`, { roleId }),
  remove: (workspaceId: string, userId: string) => http.del(`${ws(workspaceId)}/members/${encodeURIComponent(userId)}`),
};

export interface AuditQuery {
  type?: string;
  page: number;
  size: number;
}

export const auditApi = {
  workspace: (workspaceId: string, q: AuditQuery) =>
    http.get<Page<AuditEntry>>(`${ws(workspaceId)}/audit`, { query: { ...q } }),
  platform: (q: AuditQuery) => http.get<Page<AuditEntry>>('/admin/audit', { query: { ...q } }),
};

export const jobsApi = {
  stats: () => http.get<JobStats>('/admin/jobs/stats'),
  list: (q: { state?: JobState; page: number; size: number }) => http.get<Page<Job>>('/admin/jobs', { query: { ...q } }),
  retry: (id: Job['id']) => http.post<void>(`/admin/jobs/${encodeURIComponent(String(id))}/retry`),
  discard: (id: Job['id']) => http.del(`/admin/jobs/${encodeURIComponent(String(id))}`),
};

export const queryKeys = {
  me: ['me'] as const,
  workspaces: ['workspaces'] as const,
  apps: (workspaceId: string) => ['apps', workspaceId] as const,
  roles: (workspaceId: string) => ['roles', workspaceId] as const,
  members: (workspaceId: string) => ['members', workspaceId] as const,
  permissions: ['permissions'] as const,
  audit: (scope: string, q: AuditQuery) => ['audit', scope, q] as const,
  jobStats: ['jobs', 'stats'] as const,
  jobs: (q: { state?: string; page: number; size: number }) => ['jobs', 'list', q] as const,
};
