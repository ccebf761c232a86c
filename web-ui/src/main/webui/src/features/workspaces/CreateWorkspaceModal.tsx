import { useState } from 'react';
import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { applyFormError } from '../../components/errors';
import { FormModal } from '../../components/FormModal';
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
    <FormModal
      open={open}
      title={t('workspace.createTitle')}
      okText={t('common.create')}
      submitting={create.isPending}
      submitTestId="workspace-submit"
      error={error}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      afterClose={() => setError(null)}
      submitOnEnter
    >
      <Form.Item name="name" label={t('workspace.name')} rules={[{ required: true, whitespace: true, message: t('workspace.nameRequired') }]}>
        <Input data-testid="workspace-name" placeholder={t('workspace.namePlaceholder')} maxLength={100} autoFocus />
      </Form.Item>
    </FormModal>
  );
}
