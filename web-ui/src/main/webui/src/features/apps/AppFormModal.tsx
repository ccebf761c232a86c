import { useEffect, useState } from 'react';
import { App as AntApp, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { App } from '../../api';
import { applyFormError } from '../../components/errors';
import { FormModal } from '../../components/FormModal';
import { useSaveApp } from './useApps';

interface AppForm {
  name: string;
  description?: string;
}

/** Create (no `app`) or edit an app. */
export function AppFormModal({ workspaceId, open, app, onClose }: { workspaceId: string; open: boolean; app?: App; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<AppForm>();
  const save = useSaveApp(workspaceId);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) form.setFieldsValue({ name: app?.name ?? '', description: app?.description ?? '' });
  }, [open, app, form]);

  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    try {
      const saved = await save.mutateAsync({
        id: app?.id,
        input: { name: values.name.trim(), description: values.description?.trim() ?? '' },
      });
      message.success(app ? t('apps.updated') : t('apps.created', { name: saved.name }));
      onClose();
    } catch (e) {
      setError(applyFormError(form, e, ['name', 'description'], t));
    }
  };

  return (
    <FormModal
      open={open}
      title={app ? t('apps.editTitle') : t('apps.createTitle')}
      okText={app ? t('common.save') : t('common.create')}
      submitting={save.isPending}
      submitTestId="app-submit"
      error={error}
      errorTestId="app-error"
      form={form}
      onSubmit={submit}
      onClose={onClose}
      afterClose={() => setError(null)}
      keepMounted
    >
      <Form.Item name="name" label={t('apps.name')} rules={[{ required: true, whitespace: true, message: t('apps.nameRequired') }]}>
        <Input data-testid="app-name" placeholder={t('apps.namePlaceholder')} maxLength={100} onPressEnter={() => void submit().catch(() => undefined)} />
      </Form.Item>
      <Form.Item name="description" label={t('apps.description')}>
        <Input.TextArea data-testid="app-description" placeholder={t('apps.descriptionPlaceholder')} maxLength={500} autoSize={{ minRows: 3, maxRows: 6 }} showCount />
      </Form.Item>
    </FormModal>
  );
}
