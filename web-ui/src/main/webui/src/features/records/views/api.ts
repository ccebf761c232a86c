import { http } from '../../../api/client';
import type { NewView, SavedView, ViewChanges } from './types';

const enc = encodeURIComponent;
const viewsPath = (ws: string, app: string, formId: string) => `/workspaces/${enc(ws)}/apps/${enc(app)}/forms/${enc(formId)}/views`;
const viewPath = (ws: string, app: string, formId: string, id: string) => `${viewsPath(ws, app, formId)}/${enc(id)}`;

export const viewsApi = {
  /** the form's shared views, then the caller's own, each in their order */
  list: (ws: string, app: string, formId: string) => http.get<SavedView[]>(viewsPath(ws, app, formId)),
  /** 201; a shared view needs app.manage (403), a config that cannot work is a 400 per bad part */
  create: (ws: string, app: string, formId: string, view: NewView) => http.post<SavedView>(viewsPath(ws, app, formId), view),
  /** With the version read: a view changed by someone else since is a 412, not silently overwritten. */
  update: (ws: string, app: string, formId: string, id: string, changes: ViewChanges, version?: number) =>
    http.put<SavedView>(viewPath(ws, app, formId, id), changes, version === undefined ? undefined : { headers: { 'If-Match': `"${version}"` } }),
  remove: (ws: string, app: string, formId: string, id: string) => http.del(viewPath(ws, app, formId, id)),
};

export const viewKeys = {
  // beside the form's record lists, not under them: a record write does not refetch the views
  list: (ws: string, app: string, formId: string) => ['records', ws, app, formId, 'views'] as const,
};
