import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Form, Input, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { App } from '../../api';
import { applyFormError } from '../../components/errors';
import { tid } from '../../components/testid';
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
    <Modal
      open={open}
      title={app ? t('apps.editTitle') : t('apps.createTitle')}
      okText={app ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={tid<ButtonProps>('app-submit')}
      forceRender
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="app-error" />}
      <Form<AppForm> form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="name" label={t('apps.name')} rules={[{ required: true, whitespace: true, message: t('apps.nameRequired') }]}>
          <Input data-testid="app-name" placeholder={t('apps.namePlaceholder')} maxLength={100} onPressEnter={() => void submit().catch(() => undefined)} />
        </Form.Item>
        <Form.Item name="description" label={t('apps.description')}>
          <Input.TextArea data-testid="app-description" placeholder={t('apps.descriptionPlaceholder')} maxLength={500} autoSize={{ minRows: 3, maxRows: 6 }} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
