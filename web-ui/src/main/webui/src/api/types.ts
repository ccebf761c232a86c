export interface Me {
  id: string;
  username: string;
  displayName: string;
  platformAdmin: boolean;
  mustChangePassword: boolean;
}

export interface Workspace {
  id: string;
  name: string;
  createdAt: string;
  roleId: string;
  roleName: string;
  permissions: string[];
}

export interface App {
  id: string;
  name: string;
  description?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Role {
  id: string;
  name: string;
  description?: string | null;
  builtIn: boolean;
  permissions: string[];
  memberCount: number;
}

export interface PermissionInfo {
  key: string;
  group: string;
}

export interface Member {
  userId: string;
  username: string;
  displayName: string;
  roleId: string;
  roleName: string;
  mustChangePassword: boolean;
  joinedAt: string;
}

export interface AuditEntry {
  id: number | string;
  at: string;
  actorId?: string | null;
  actorName?: string | null;
  type: string;
  workspaceId?: string | null;
  detail?: Record<string, unknown> | null;
  ip?: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  size: number;
}

export type JobState = 'READY' | 'RUNNING' | 'DEAD';

export interface Job {
  id: number | string;
  type: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError?: string | null;
  createdAt: string;
  updatedAt: string;
  workspaceId?: string | null;
}

export interface JobStats {
  ready: number;
  running: number;
  dead: number;
}
