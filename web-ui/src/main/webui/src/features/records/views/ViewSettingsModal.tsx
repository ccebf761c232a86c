import { useState } from 'react';
import { App as AntApp, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/FormModal';
import type { FieldDefinition } from '../types';
import { KindFields } from './SaveViewModal';
import type { SavedView } from './types';
import { useUpdateView } from './useViews';
import { buildViewChanges, fieldChoices, settingsFieldsOf, settingsValuesOf, viewFormProblems, type ViewFormValues } from './viewForm';

interface ViewSettingsModalProps {
  workspaceId: string;
  appId: string;
  formId: string;
  open: boolean;
  /** the view as it was when its settings were opened (its version for If-Match); kept while the modal closes */
  view: SavedView | null;
  fields: readonly FieldDefinition[];
  onClose: () => void;
}

/**
 * A view's name and what its kind needs (a board's group-by and card fields, a calendar's date and
 * title fields), saved with the version it was read at; the rest of its config stays as it is. A grid's
 * columns, filter and sort are saved from the grid (保存), so a grid has its name here only.
 */
export function ViewSettingsModal({ workspaceId, appId, formId, open, view, fields, onClose }: ViewSettingsModalProps) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ViewFormValues>();
  const [error, setError] = useState<string | null>(null);
  const update = useUpdateView(workspaceId, appId, formId);
  const kind = view?.kind ?? 'grid';

  const submit = async () => {
    const values = await form.validateFields();
    if (!view) return;
    setError(null);
    try {
      const saved = await update.mutateAsync({ id: view.id, changes: buildViewChanges(view, values), version: view.version });
      message.success(t('records.views.saved', { name: saved.name }));
      onClose();
    } catch (e) {
      const problems = viewFormProblems(e, t, settingsFieldsOf(kind));
      form.setFields(Object.entries(problems.fields).map(([name, errors]) => ({ name: name as keyof ViewFormValues, errors })));
      setError(problems.message);
    }
  };

  return (
    <FormModal<ViewFormValues>
      open={open && !!view}
      title={t('records.views.settingsTitle')}
      okText={t('common.save')}
      submitting={update.isPending}
      submitTestId="view-settings-ok"
      error={error}
      errorTestId="view-settings-error"
      form={form}
      initialValues={view ? settingsValuesOf(view, fields) : undefined}
      onSubmit={submit}
      onClose={onClose}
      afterClose={() => setError(null)}
      submitOnEnter
    >
      <Form.Item name="name" label={t('records.views.form.name')} rules={[{ required: true, whitespace: true, message: t('records.views.form.nameRequired') }, { max: 100 }]}>
        <Input maxLength={100} data-testid="view-settings-name" autoFocus />
      </Form.Item>
      <KindFields kind={kind} choices={fieldChoices(fields)} />
      {kind === 'grid' && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="view-settings-grid-hint">
          {t('records.views.settingsGridHint')}
        </Typography.Paragraph>
      )}
    </FormModal>
  );
}
