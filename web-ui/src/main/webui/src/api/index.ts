import { http, requestFull } from './client';
import type {
  ActionInfo,
  App,
  AuditEntry,
  CursorPage,
  Department,
  DepartmentMember,
  DryRun,
  EvaluateRequest,
  EvaluateResult,
  ExpressionFunctionInfo,
  Job,
  JobState,
  JobStats,
  Me,
  Member,
  Page,
  PermissionInfo,
  Role,
  Rule,
  RuleDraft,
  RuleRun,
  RuleSummary,
  RuleVersion,
  VersionedRule,
  Workspace,
} from './types';

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

export interface DepartmentInput {
  name: string;
  /** absent or null: a top-level department */
  parentId?: string | null;
  position?: number;
}

/** A change of a department: `parentId: null` moves it to the top level, an absent one leaves it where it is. */
export type DepartmentChange = Partial<Pick<Department, 'name' | 'parentId' | 'position'>>;

const department = (workspaceId: string, departmentId: string) => `${ws(workspaceId)}/departments/${encodeURIComponent(departmentId)}`;

export const departmentsApi = {
  list: (workspaceId: string) => http.get<Department[]>(`${ws(workspaceId)}/departments`),
  create: (workspaceId: string, input: DepartmentInput) => http.post<Department>(`${ws(workspaceId)}/departments`, input),
  update: (workspaceId: string, departmentId: string, change: DepartmentChange) =>
    http.patch<Department>(department(workspaceId, departmentId), change),
  remove: (workspaceId: string, departmentId: string) => http.del(department(workspaceId, departmentId)),
  members: (workspaceId: string, departmentId: string) => http.get<DepartmentMember[]>(`${department(workspaceId, departmentId)}/members`),
  addMembers: (workspaceId: string, departmentId: string, userIds: string[]) =>
    http.post<void>(`${department(workspaceId, departmentId)}/members`, { userIds }),
  removeMember: (workspaceId: string, departmentId: string, userId: string) =>
    http.del(`${department(workspaceId, departmentId)}/members/${encodeURIComponent(userId)}`),
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

export const expressionsApi = {
  functions: () => http.get<ExpressionFunctionInfo[]>('/expressions/functions'),
  evaluate: (input: EvaluateRequest, signal?: AbortSignal) => http.post<EvaluateResult>('/expressions/evaluate', input, { signal }),
};

export const actionsApi = {
  list: () => http.get<ActionInfo[]>('/actions'),
};

export interface RuleRunsQuery {
  ruleId?: string;
  outcome?: string;
  limit?: number;
  before?: string;
}

const rulesPath = (workspaceId: string, appId: string) => `${ws(workspaceId)}/apps/${encodeURIComponent(appId)}/rules`;
const rulePath = (workspaceId: string, appId: string, ruleId: string) => `${rulesPath(workspaceId, appId)}/${encodeURIComponent(ruleId)}`;

async function versioned(promise: Promise<{ data: Rule; headers: Headers }>): Promise<VersionedRule> {
  const res = await promise;
  return { rule: res.data, etag: res.headers.get('ETag') };
}

export const rulesApi = {
  list: (workspaceId: string, appId: string) => http.get<RuleSummary[]>(rulesPath(workspaceId, appId)),
  get: (workspaceId: string, appId: string, ruleId: string) =>
    versioned(requestFull<Rule>('GET', rulePath(workspaceId, appId, ruleId))),
  create: (workspaceId: string, appId: string, draft: RuleDraft) =>
    versioned(requestFull<Rule>('POST', rulesPath(workspaceId, appId), draft)),
  /** A stale `etag` gets a 412. */
  update: (workspaceId: string, appId: string, ruleId: string, draft: RuleDraft, etag: string | null) =>
    versioned(requestFull<Rule>('PUT', rulePath(workspaceId, appId, ruleId), draft, { headers: etag ? { 'If-Match': etag } : {} })),
  publish: (workspaceId: string, appId: string, ruleId: string) =>
    versioned(requestFull<Rule>('POST', `${rulePath(workspaceId, appId, ruleId)}/publish`)),
  setEnabled: (workspaceId: string, appId: string, ruleId: string, enabled: boolean) =>
    versioned(requestFull<Rule>('POST', `${rulePath(workspaceId, appId, ruleId)}/enabled`, { enabled })),
  remove: (workspaceId: string, appId: string, ruleId: string) => http.del(rulePath(workspaceId, appId, ruleId)),
  dryRun: (workspaceId: string, appId: string, ruleId: string, payload: Record<string, unknown>, eventType?: string) =>
    http.post<DryRun>(`${rulePath(workspaceId, appId, ruleId)}/dry-run`, eventType ? { payload, eventType } : { payload }),
  run: (workspaceId: string, appId: string, ruleId: string, payload: Record<string, unknown>) =>
    http.post<RuleRun>(`${rulePath(workspaceId, appId, ruleId)}/run`, { payload }),
  versions: (workspaceId: string, appId: string, ruleId: string) => http.get<RuleVersion[]>(`${rulePath(workspaceId, appId, ruleId)}/versions`),
  runs: (workspaceId: string, appId: string, q: RuleRunsQuery) =>
    http.get<CursorPage<RuleRun>>(`${ws(workspaceId)}/apps/${encodeURIComponent(appId)}/rule-runs`, { query: { ...q } }),
};

export const queryKeys = {
  me: ['me'] as const,
  workspaces: ['workspaces'] as const,
  apps: (workspaceId: string) => ['apps', workspaceId] as const,
  roles: (workspaceId: string) => ['roles', workspaceId] as const,
  members: (workspaceId: string) => ['members', workspaceId] as const,
  departments: (workspaceId: string) => ['departments', workspaceId] as const,
  departmentMembers: (workspaceId: string, departmentId: string) => ['departments', workspaceId, 'members', departmentId] as const,
  permissions: ['permissions'] as const,
  audit: (scope: string, q: AuditQuery) => ['audit', scope, q] as const,
  jobStats: ['jobs', 'stats'] as const,
  jobs: (q: { state?: string; page: number; size: number }) => ['jobs', 'list', q] as const,
  expressionFunctions: ['expressions', 'functions'] as const,
  actions: ['actions'] as const,
  rules: (workspaceId: string, appId: string) => ['rules', workspaceId, appId] as const,
  rule: (workspaceId: string, appId: string, ruleId: string) => ['rules', workspaceId, appId, 'rule', ruleId] as const,
  ruleVersions: (workspaceId: string, appId: string, ruleId: string) => ['rules', workspaceId, appId, 'versions', ruleId] as const,
  ruleRuns: (workspaceId: string, appId: string, q: { ruleId?: string; outcome?: string }) => ['ruleRuns', workspaceId, appId, q] as const,
};
