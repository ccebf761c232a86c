import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { shortId } from './format';
import { useRecordsScope } from './scope';
import { useWorkspaceMembers } from './useRecords';

export const ME = '$me';

interface MemberSelectProps {
  id?: string;
  value?: string | string[] | null;
  onChange?: (v: string | string[] | undefined) => void;
  multiple?: boolean;
  /** filters: offer "current user" ($me) */
  allowMe?: boolean;
  status?: 'error';
}

export function MemberSelect({ id, value, onChange, multiple = false, allowMe = false, status }: MemberSelectProps) {
  const { t } = useTranslation();
  const { workspaceId } = useRecordsScope();
  const members = useWorkspaceMembers(workspaceId);
  const options = (members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName || m.username }));
  if (allowMe) options.unshift({ value: ME, label: t('records.filter.me') });
  // ids the list does not know (no member.view, or someone who left) still show, shortened
  const selected = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
  for (const v of selected) if (!options.some((o) => o.value === v)) options.push({ value: v, label: shortId(v) });
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v)}
      options={options}
      loading={members.isPending}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent={members.isError ? t('records.form.membersUnavailable') : undefined}
      style={{ width: '100%', minWidth: 160 }}
      status={status}
    />
  );
}
