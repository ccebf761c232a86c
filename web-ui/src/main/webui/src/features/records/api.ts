import { http, requestFull } from '../../api/client';
import type { FilterNode } from './filter';
import type { Division, FormDetail, FormRecord, FormSummary, HistoryEntry, RecordData, RecordPage, RecordTotal } from './types';

const enc = encodeURIComponent;
const formsPath = (ws: string, app: string) => `/workspaces/${enc(ws)}/apps/${enc(app)}/forms`;
const recordsPath = (ws: string, app: string, formId: string) => `${formsPath(ws, app)}/${enc(formId)}/records`;
const recordPath = (ws: string, app: string, formId: string, id: string) => `${recordsPath(ws, app, formId)}/${enc(id)}`;

export const PAGE_SIZE = 20;
export const DEFAULT_SORT = '-createdAt';

export interface RecordListQuery {
  filter?: FilterNode | null;
  sort?: string;
  cursor?: string | null;
  limit?: number;
  deleted?: boolean;
}

export const recordsApi = {
  forms: (ws: string, app: string) => http.get<FormSummary[]>(formsPath(ws, app)),
  /**
   * The form as operators use it: its published version's fields (the draft may hold fields a builder
   * has not published yet, which records cannot take), with the draft's bookkeeping.
   */
  form: async (ws: string, app: string, formId: string): Promise<FormDetail> => {
    const draft = await http.get<FormDetail>(`${formsPath(ws, app)}/${enc(formId)}`);
    if (draft.publishedVersion === null || draft.publishedVersion === undefined) return draft;
    const published = await http.get<Pick<FormDetail, 'name' | 'fields' | 'layout' | 'settings'>>(`${formsPath(ws, app)}/${enc(formId)}/published`);
    return { ...draft, name: published.name, fields: published.fields, layout: published.layout, settings: published.settings };
  },
  list: (ws: string, app: string, formId: string, q: RecordListQuery, signal?: AbortSignal) =>
    http.get<RecordPage>(recordsPath(ws, app, formId), {
      query: {
        filter: q.filter ? JSON.stringify(q.filter) : undefined,
        sort: q.sort && q.sort !== DEFAULT_SORT ? q.sort : undefined,
        cursor: q.cursor ?? undefined,
        limit: q.limit ?? PAGE_SIZE,
        deleted: q.deleted ? 'true' : undefined,
      },
      signal,
    }),
  /** The exact number of records of a view: the first page only estimates it (a count must not delay the page). */
  count: (ws: string, app: string, formId: string, q: Pick<RecordListQuery, 'filter' | 'deleted'>, signal?: AbortSignal) =>
    http.get<RecordTotal>(`${recordsPath(ws, app, formId)}/count`, {
      query: { filter: q.filter ? JSON.stringify(q.filter) : undefined, deleted: q.deleted ? 'true' : undefined },
      signal,
    }),
  get: (ws: string, app: string, formId: string, id: string) => http.get<FormRecord>(recordPath(ws, app, formId, id)),
  /** The key makes a repeated click (or a retry after a lost answer) create the record once. */
  create: async (ws: string, app: string, formId: string, data: RecordData, idempotencyKey?: string): Promise<FormRecord> => {
    const res = await requestFull<FormRecord>('POST', recordsPath(ws, app, formId), data, { headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {} });
    return res.headers.get('Qiaoban-Outside-Row-Filter') === 'true' ? { ...res.data, outsideView: true } : res.data;
  },
  /** Only the changed fields; a record changed by someone else since `version` gets a 412. */
  update: (ws: string, app: string, formId: string, id: string, changes: RecordData, version: number) =>
    http.patch<FormRecord>(recordPath(ws, app, formId, id), changes, { headers: { 'If-Match': `"${version}"` } }),
  /** With the version read: a record changed by someone else since gets a 412 rather than deleted unseen. */
  remove: (ws: string, app: string, formId: string, id: string, version?: number) =>
    http.del(recordPath(ws, app, formId, id), version === undefined ? {} : { headers: { 'If-Match': `"${version}"` } }),
  restore: (ws: string, app: string, formId: string, id: string) => http.post<FormRecord>(`${recordPath(ws, app, formId, id)}/restore`),
  history: (ws: string, app: string, formId: string, id: string) => http.get<HistoryEntry[]>(`${recordPath(ws, app, formId, id)}/history`),
  divisions: () => http.get<Division[]>('/forms/divisions'),
};

export const recordKeys = {
  // own prefix: the form designer caches forms in its own shapes
  forms: (ws: string, app: string) => ['records', ws, app, 'forms'] as const,
  form: (ws: string, app: string, formId: string) => ['records', ws, app, 'forms', formId] as const,
  /** Every list of a form (any filter, sort, page, trash): what a write invalidates. */
  lists: (ws: string, app: string, formId: string) => ['records', ws, app, formId, 'list'] as const,
  list: (ws: string, app: string, formId: string, q: RecordListQuery) => ['records', ws, app, formId, 'list', q] as const,
  count: (ws: string, app: string, formId: string, q: Pick<RecordListQuery, 'filter' | 'deleted'>) =>
    ['records', ws, app, formId, 'list', 'count', q] as const,
  record: (ws: string, app: string, formId: string, id: string) => ['records', ws, app, formId, 'record', id] as const,
  history: (ws: string, app: string, formId: string, id: string) => ['records', ws, app, formId, 'history', id] as const,
  divisions: ['records', 'divisions'] as const,
};
