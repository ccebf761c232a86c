import { useState } from 'react';
import { App, Button, Divider, Form, Input, Popconfirm, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Workspace } from '../../api';
import { applyFormError, errorMessage } from '../../components/errors';
import { FormModal } from '../../components/FormModal';
import { useDeleteWorkspace, useRenameWorkspace } from './useWorkspaces';

/** Rename or delete a workspace (permission workspace.manage). */
export function WorkspaceSettingsModal({ workspace, open, onClose }: { workspace: Workspace; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const rename = useRenameWorkspace();
  const remove = useDeleteWorkspace();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const { name } = await form.validateFields();
    setError(null);
    try {
      await rename.mutateAsync({ id: workspace.id, name: name.trim() });
      message.success(t('workspace.renamed'));
      onClose();
    } catch (e) {
      setError(applyFormError(form, e, ['name'], t));
    }
  };

  const doDelete = async () => {
    setError(null);
    try {
      await remove.mutateAsync(workspace.id);
      message.success(t('workspace.deleted'));
      onClose();
      navigate('/', { replace: true });
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };

  return (
    <FormModal
      open={open}
      title={t('workspace.settings')}
      okText={t('common.save')}
      submitting={rename.isPending}
      submitTestId="workspace-settings-submit"
      error={error}
      form={form}
      initialValues={{ name: workspace.name }}
      onSubmit={submit}
      onClose={onClose}
      afterClose={() => setError(null)}
      submitOnEnter
      extra={
        <>
          <Divider titlePlacement="start" plain>
            <Typography.Text type="danger">{t('workspace.deleteTitle')}</Typography.Text>
          </Divider>
          <Typography.Paragraph type="secondary">{t('workspace.deleteWarning')}</Typography.Paragraph>
          <Popconfirm
            title={t('workspace.deleteConfirm', { name: workspace.name })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, loading: remove.isPending }}
            onConfirm={doDelete}
          >
            <Button danger icon={<DeleteOutlined />} data-testid="workspace-delete">
              {t('workspace.deleteTitle')}
            </Button>
          </Popconfirm>
        </>
      }
    >
      <Form.Item name="name" label={t('workspace.name')} rules={[{ required: true, whitespace: true, message: t('workspace.nameRequired') }]}>
        <Input data-testid="workspace-rename" maxLength={100} />
      </Form.Item>
    </FormModal>
  );
}
