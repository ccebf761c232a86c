import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { membersApi, queryKeys } from '../../api';
import { recordKeys, recordsApi, type RecordListQuery } from './api';
import { collectIds, idsFilter, labelFieldOf, recordLabel } from './relations';
import { relatedFields } from './filter';
import type { FieldDefinition, FormRecord, RecordData } from './types';

export function useFormDefinition(ws: string, app: string, formId: string, enabled = true) {
  return useQuery({ queryKey: recordKeys.form(ws, app, formId), queryFn: () => recordsApi.form(ws, app, formId), enabled });
}

export function useRecordList(ws: string, app: string, formId: string, q: RecordListQuery) {
  return useQuery({
    queryKey: recordKeys.list(ws, app, formId, q),
    queryFn: ({ signal }) => recordsApi.list(ws, app, formId, q, signal),
    // the old page stays on screen while the next one loads: no flashing empty grid
    placeholderData: keepPreviousData,
  });
}

/** A cached first page, without fetching it: its total is the total of the later pages too. */
export function useCachedFirstPage(ws: string, app: string, formId: string, q: RecordListQuery) {
  return useQuery({
    queryKey: recordKeys.list(ws, app, formId, { ...q, cursor: null }),
    queryFn: () => recordsApi.list(ws, app, formId, { ...q, cursor: null }),
    enabled: false,
  });
}

/**
 * The total of a list longer than a page (exact up to a million), asked for once the first page
 * shows; under the lists' key prefix so that writes refresh it too.
 */
export function useExactTotal(ws: string, app: string, formId: string, q: RecordListQuery, wanted: boolean) {
  const key = { filter: q.filter ?? null, deleted: !!q.deleted };
  return useQuery({
    queryKey: recordKeys.count(ws, app, formId, key),
    queryFn: ({ signal }) => recordsApi.count(ws, app, formId, key, signal),
    enabled: wanted,
  });
}

export function useRecord(ws: string, app: string, formId: string, id: string, initial?: FormRecord, enabled = true) {
  return useQuery({
    queryKey: recordKeys.record(ws, app, formId, id),
    queryFn: () => recordsApi.get(ws, app, formId, id),
    enabled,
    initialData: initial,
    // the row may be older than the record: read it fresh, but show the row meanwhile
    initialDataUpdatedAt: 0,
  });
}

export function useRecordHistory(ws: string, app: string, formId: string, id: string, enabled: boolean) {
  return useQuery({ queryKey: recordKeys.history(ws, app, formId, id), queryFn: () => recordsApi.history(ws, app, formId, id), enabled, staleTime: 0 });
}

export function useDivisions(enabled = true) {
  return useQuery({ queryKey: recordKeys.divisions, queryFn: recordsApi.divisions, staleTime: Infinity, enabled });
}

/** The workspace's members, to pick and to name; a caller without member.view gets none (ids are shown). */
export function useWorkspaceMembers(ws: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.members(ws), queryFn: () => membersApi.list(ws), enabled, staleTime: 60_000 });
}

export function useFormList(ws: string, app: string, enabled = true) {
  return useQuery({ queryKey: recordKeys.forms(ws, app), queryFn: () => recordsApi.forms(ws, app), enabled, staleTime: 60_000 });
}

/** The form a relation field points to (by key), and the field that names its records. */
export function useRelationTarget(ws: string, app: string, field: FieldDefinition | undefined) {
  const formKey = field?.options?.form;
  const forms = useFormList(ws, app, !!formKey);
  const summary = forms.data?.find((f) => f.key === formKey);
  const target = useQuery({
    queryKey: recordKeys.form(ws, app, summary?.id ?? ''),
    queryFn: () => recordsApi.form(ws, app, summary!.id),
    enabled: !!summary,
    staleTime: 60_000,
  });
  return {
    formId: summary?.id,
    labelField: target.data ? labelFieldOf(target.data.fields, target.data.settings?.titleField) : undefined,
    ready: !!summary && target.isSuccess,
    missing: forms.isSuccess && !summary,
    error: forms.error ?? target.error,
  };
}

/**
 * The fields of the forms the relations point to, as the filter builder offers them: "客户 · 等级" is
 * the field `customer.level` of the filter language. Only what the caller sees of those forms (their
 * published form as served to them); none of a form they may not view.
 */
export function useRelatedFilterFields(ws: string, app: string, fields: readonly FieldDefinition[]): FieldDefinition[] {
  const { targets, targetForms } = useRelationTargets(ws, app, fields);
  return targets.flatMap((x, i) => relatedFields(x.field, targetForms[i]?.data?.fields ?? []));
}

/** The relation fields among `fields`, each with the form it points to (its summary, and as the caller sees it). */
function useRelationTargets(ws: string, app: string, fields: readonly FieldDefinition[]) {
  const relations = fields.filter((f) => f.type === 'relation' && f.options?.form);
  const forms = useFormList(ws, app, relations.length > 0);
  const targets = relations.map((f) => ({ field: f, summary: forms.data?.find((s) => s.key === f.options?.form) }));
  const targetForms = useQueries({
    queries: targets.map((x) => ({
      queryKey: recordKeys.form(ws, app, x.summary?.id ?? ''),
      queryFn: () => recordsApi.form(ws, app, x.summary!.id),
      enabled: !!x.summary,
      staleTime: 60_000,
    })),
  });
  return { targets, targetForms };
}

/**
 * Names of the related records on a page, per relation field: one query per field for the ids
 * the page shows, so a grid of 20 rows costs a request per relation column, not per cell.
 */
export function useRelationLabels(ws: string, app: string, fields: readonly FieldDefinition[], records: readonly FormRecord[]) {
  const { targets, targetForms } = useRelationTargets(ws, app, fields);
  const lookups = useQueries({
    queries: targets.map((x) => {
      const ids = collectIds(records, x.field.key);
      const filter = idsFilter(ids);
      return {
        queryKey: [...recordKeys.lists(ws, app, x.summary?.id ?? ''), 'labels', filter] as const,
        queryFn: () => recordsApi.list(ws, app, x.summary!.id, { filter, limit: 500 }),
        enabled: !!x.summary && ids.length > 0,
        staleTime: 30_000,
      };
    }),
  });
  const labels = new Map<string, Map<string, string>>();
  targets.forEach((x, i) => {
    const form = targetForms[i]?.data;
    const page = lookups[i]?.data;
    if (!form || !page) return;
    const labelField = labelFieldOf(form.fields, form.settings?.titleField);
    labels.set(x.field.key, new Map(page.items.map((r) => [r.id, recordLabel(r, labelField)])));
  });
  return labels;
}

/** Everything that shows a record of the form is stale after a write. */
function useInvalidateRecords(ws: string, app: string, formId: string) {
  const queryClient = useQueryClient();
  return (record?: FormRecord) => {
    if (record) queryClient.setQueryData(recordKeys.record(ws, app, formId, record.id), record);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: recordKeys.lists(ws, app, formId) }),
      record ? queryClient.invalidateQueries({ queryKey: recordKeys.history(ws, app, formId, record.id) }) : undefined,
    ]);
  };
}

export function useCreateRecord(ws: string, app: string, formId: string) {
  const invalidate = useInvalidateRecords(ws, app, formId);
  return useMutation({
    mutationFn: ({ data, idempotencyKey }: { data: RecordData; idempotencyKey?: string }) => recordsApi.create(ws, app, formId, data, idempotencyKey),
    onSuccess: (record) => invalidate(record),
  });
}

export function useUpdateRecord(ws: string, app: string, formId: string) {
  const invalidate = useInvalidateRecords(ws, app, formId);
  return useMutation({
    mutationFn: ({ id, changes, version }: { id: string; changes: RecordData; version: number }) => recordsApi.update(ws, app, formId, id, changes, version),
    onSuccess: (record) => invalidate(record),
  });
}

export function useDeleteRecord(ws: string, app: string, formId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateRecords(ws, app, formId);
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version?: number }) => recordsApi.remove(ws, app, formId, id, version),
    onSuccess: (_, { id }) => {
      queryClient.removeQueries({ queryKey: recordKeys.record(ws, app, formId, id) });
      return invalidate();
    },
  });
}

export function useRestoreRecord(ws: string, app: string, formId: string) {
  const invalidate = useInvalidateRecords(ws, app, formId);
  return useMutation({
    mutationFn: (id: string) => recordsApi.restore(ws, app, formId, id),
    onSuccess: (record) => invalidate(record),
  });
}
