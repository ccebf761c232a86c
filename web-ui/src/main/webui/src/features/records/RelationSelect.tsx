import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { recordKeys, recordsApi } from './api';
import { shortId } from './format';
import { idsFilter, recordLabel, searchFilter } from './relations';
import { useRecordsScope } from './scope';
import { useRelationTarget } from './useRecords';
import type { FieldDefinition } from './types';

interface RelationSelectProps {
  field: FieldDefinition;
  id?: string;
  value?: string | string[] | null;
  onChange?: (v: string | string[] | undefined) => void;
  multiple?: boolean;
  status?: 'error';
}

/** Picks records of the related form, searched on the server by the name field as the user types. */
export function RelationSelect({ field, id, value, onChange, multiple = false, status }: RelationSelectProps) {
  const { t } = useTranslation();
  const { workspaceId, appId } = useRecordsScope();
  const target = useRelationTarget(workspaceId, appId, field);
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    // a request per pause in typing, not per key
    const timer = setTimeout(() => setSearch(typed), 300);
    return () => clearTimeout(timer);
  }, [typed]);

  const formId = target.formId ?? '';
  const filter = searchFilter(target.labelField, search);
  const found = useQuery({
    queryKey: [...recordKeys.lists(workspaceId, appId, formId), 'search', filter] as const,
    queryFn: () => recordsApi.list(workspaceId, appId, formId, { filter, limit: 20 }),
    enabled: target.ready,
    placeholderData: keepPreviousData,
  });
  const selected = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
  const named = useQuery({
    queryKey: [...recordKeys.lists(workspaceId, appId, formId), 'labels', idsFilter(selected)] as const,
    queryFn: () => recordsApi.list(workspaceId, appId, formId, { filter: idsFilter(selected), limit: 500 }),
    enabled: target.ready && selected.length > 0,
  });

  const options = new Map<string, string>();
  for (const r of named.data?.items ?? []) options.set(r.id, recordLabel(r, target.labelField));
  for (const r of found.data?.items ?? []) options.set(r.id, recordLabel(r, target.labelField));
  for (const v of selected) if (!options.has(v)) options.set(v, shortId(v));

  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v)}
      options={[...options].map(([v, label]) => ({ value: v, label }))}
      loading={found.isFetching}
      disabled={target.missing}
      placeholder={target.missing ? t('records.form.relationMissing', { form: field.options?.form ?? '' }) : t('records.form.search')}
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
      onOpenChange={(open) => !open && setTyped('')}
      style={{ width: '100%', minWidth: 160 }}
      status={status}
    />
  );
}
