import { http, requestFull } from '../../api/client';
import type { FormDiff, FormDraft, FormSummary, FormView } from './types';

const formsPath = (workspaceId: string, appId: string) =>
  `/workspaces/${encodeURIComponent(workspaceId)}/apps/${encodeURIComponent(appId)}/forms`;
const formPath = (workspaceId: string, appId: string, formId: string) => `${formsPath(workspaceId, appId)}/${encodeURIComponent(formId)}`;

/** A form with the ETag of its draft: the next save sends it as If-Match. */
export interface VersionedForm {
  form: FormView;
  etag: string | null;
}

async function versioned(promise: Promise<{ data: FormView; headers: Headers }>): Promise<VersionedForm> {
  const res = await promise;
  return { form: res.data, etag: res.headers.get('ETag') };
}

/** What one role may do with a form's records (see FormPermissionsDrawer). */
export interface PermissionSetting {
  roleId: string;
  view: boolean;
  create: boolean;
  edit: boolean;
  delete: boolean;
  rowFilter: unknown;
  hiddenFields: string[];
}

export interface RolePermission {
  roleId: string;
  roleName: string;
  /** false: no setting, the role's workspace permissions apply as they are */
  custom: boolean;
  setting: PermissionSetting;
}

export const formsApi = {
  list: (workspaceId: string, appId: string) => http.get<FormSummary[]>(formsPath(workspaceId, appId)),
  get: (workspaceId: string, appId: string, formId: string) => versioned(requestFull<FormView>('GET', formPath(workspaceId, appId, formId))),
  create: (workspaceId: string, appId: string, draft: FormDraft) =>
    versioned(requestFull<FormView>('POST', formsPath(workspaceId, appId), draft)),
  /** A stale `etag` gets a 412. */
  update: (workspaceId: string, appId: string, formId: string, draft: FormDraft, etag: string | null) =>
    versioned(requestFull<FormView>('PUT', formPath(workspaceId, appId, formId), draft, { headers: etag ? { 'If-Match': etag } : {} })),
  diff: (workspaceId: string, appId: string, formId: string) => http.get<FormDiff>(`${formPath(workspaceId, appId, formId)}/diff`),
  publish: (workspaceId: string, appId: string, formId: string) =>
    versioned(requestFull<FormView>('POST', `${formPath(workspaceId, appId, formId)}/publish`)),
  remove: (workspaceId: string, appId: string, formId: string) => http.del(formPath(workspaceId, appId, formId)),
  permissions: (workspaceId: string, appId: string, formId: string) =>
    http.get<RolePermission[]>(`${formPath(workspaceId, appId, formId)}/permissions`),
  savePermission: (workspaceId: string, appId: string, formId: string, s: PermissionSetting) =>
    http.put<PermissionSetting>(`${formPath(workspaceId, appId, formId)}/permissions/${encodeURIComponent(s.roleId)}`, {
      view: s.view, create: s.create, edit: s.edit, delete: s.delete, rowFilter: s.rowFilter, hiddenFields: s.hiddenFields,
    }),
  resetPermission: (workspaceId: string, appId: string, formId: string, roleId: string) =>
    http.del(`${formPath(workspaceId, appId, formId)}/permissions/${encodeURIComponent(roleId)}`),
};

export const formKeys = {
  list: (workspaceId: string, appId: string) => ['forms', workspaceId, appId] as const,
  form: (workspaceId: string, appId: string, formId: string) => ['forms', workspaceId, appId, 'form', formId] as const,
};
