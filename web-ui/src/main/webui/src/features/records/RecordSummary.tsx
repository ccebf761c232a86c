import { useMemo } from 'react';
import { Alert, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../admin/departments/useDepartments';
import type { ValueLabels } from './format';
import { RecordView } from './RecordDrawer';
import { FileScopeContext, RecordsScopeContext } from './scope';
import { useFormDefinition, useFormList, useRecord, useWorkspaceMembers } from './useRecords';

export interface RecordSummaryProps {
  workspaceId: string;
  appId: string;
  /** the form's key, as flows name it */
  formKey: string;
  recordId: string;
}

/**
 * A record read only, found by its form's key: what an approver reads beside the request. A record
 * the reader may not see, or one deleted since, says so instead of failing the page.
 */
export function RecordSummary({ workspaceId, appId, formKey, recordId }: RecordSummaryProps) {
  const { t } = useTranslation();
  const forms = useFormList(workspaceId, appId);
  const formId = forms.data?.find((f) => f.key === formKey)?.id ?? '';
  const form = useFormDefinition(workspaceId, appId, formId, !!formId);
  const record = useRecord(workspaceId, appId, formId, recordId, undefined, !!formId);
  const fields = form.data?.fields ?? [];
  const members = useWorkspaceMembers(workspaceId, fields.some((f) => f.type === 'member'));
  const departments = useDepartments(workspaceId, fields.some((f) => f.type === 'department'));
  const labels: ValueLabels = useMemo(() => {
    const names = new Map((members.data ?? []).map((m) => [m.userId, m.displayName || m.username]));
    const departmentNames = new Map((departments.data ?? []).map((d) => [d.id, d.name]));
    return { memberName: (id) => names.get(id), departmentName: (id) => departmentNames.get(id) };
  }, [members.data, departments.data]);

  if ((forms.isSuccess && !formId) || form.error || record.error) {
    return <Alert type="info" showIcon title={t('records.summary.unavailable')} data-testid="record-summary-unavailable" />;
  }
  if (!form.data || !record.data) return <Skeleton active />;
  return (
    <RecordsScopeContext.Provider value={{ workspaceId, appId, formId }}>
      <FileScopeContext.Provider value={{ formId }}>
        <div data-testid="record-summary">
          <RecordView record={record.data} fields={fields} labels={labels} />
        </div>
      </FileScopeContext.Provider>
    </RecordsScopeContext.Provider>
  );
}
