import { useState } from 'react';
import { Alert, App, Form, Input, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { applyFormError } from '../../components/errors';
import { tid } from '../../components/testid';
import { rememberWorkspace, useCreateWorkspace } from './useWorkspaces';

export function CreateWorkspaceModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const create = useCreateWorkspace();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const { name } = await form.validateFields();
    setError(null);
    try {
      const ws = await create.mutateAsync(name.trim());
      message.success(t('workspace.created', { name: ws.name }));
      rememberWorkspace(ws.id);
      onClose();
      navigate(`/w/${ws.id}/apps`);
    } catch (e) {
      setError(applyFormError(form, e, ['name'], t));
    }
  };

  return (
    <Modal
      open={open}
      title={t('workspace.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={tid<ButtonProps>('workspace-submit')}
      destroyOnHidden
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={() => void submit()}>
        <Form.Item name="name" label={t('workspace.name')} rules={[{ required: true, whitespace: true, message: t('workspace.nameRequired') }]}>
          <Input data-testid="workspace-name" placeholder={t('workspace.namePlaceholder')} maxLength={100} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
