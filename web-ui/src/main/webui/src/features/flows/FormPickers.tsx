import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useFormDefinition, useFormList } from '../records/useRecords';
import { useWorkspace } from '../workspaces/WorkspaceGate';

/** The app's forms, and the fields of one of them (by key); no fields while there is no such form. */
export function useFormFields(formKey: string | null | undefined) {
  const workspace = useWorkspace();
  const { appId = '' } = useParams();
  const forms = useFormList(workspace.id, appId);
  const summary = forms.data?.find((f) => f.key === formKey);
  const form = useFormDefinition(workspace.id, appId, summary?.id ?? '', !!summary);
  return { forms: forms.data ?? [], fields: summary ? form.data?.fields ?? [] : [] };
}

/** A form of the app, by key; shown by name. A key no form has (any more) stays as typed. */
export function FormKeySelect({ value, onChange, placeholder, disabled, testId }: {
  value: string | null | undefined;
  onChange: (formKey: string | undefined) => void;
  placeholder?: string;
  disabled?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const { forms } = useFormFields(null);
  return (
    <Select allowClear showSearch optionFilterProp="label" value={value || undefined} onChange={onChange} disabled={disabled}
      placeholder={placeholder ?? t('flows.pickers.form')} options={forms.map((f) => ({ value: f.key, label: f.name }))}
      data-testid={testId} />
  );
}

/** A field of a form (by key), shown by label; disabled until the form is chosen. */
export function FieldKeySelect({ formKey, value, onChange, placeholder, disabled, types, testId }: {
  formKey: string | null | undefined;
  value: string | null | undefined;
  onChange: (fieldKey: string | undefined) => void;
  placeholder?: string;
  disabled?: boolean;
  /** only fields of these types (e.g. dates to wait until) */
  types?: readonly string[];
  testId: string;
}) {
  const { t } = useTranslation();
  const { fields } = useFormFields(formKey);
  return (
    <Select allowClear showSearch optionFilterProp="label" value={value || undefined} onChange={onChange} disabled={disabled || !formKey}
      placeholder={placeholder ?? t('flows.pickers.field')}
      options={fields.filter((f) => !types || types.includes(f.type)).map((f) => ({ value: f.key, label: f.label }))}
      data-testid={testId} />
  );
}
