import { useState } from 'react';
import { App as AntApp, Button, type ButtonProps, Card, Empty, Form, Input, Modal, Popconfirm, Space, Table, Typography, type TableColumnsType } from 'antd';
import { DatabaseOutlined, DeleteOutlined, FormOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { applyFormError, errorMessage } from '../../components/errors';
import { Forbidden, QueryError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { tid } from '../../components/testid';
import { formatDateTime } from '../../lib/time';
import { can, canOpen } from '../workspaces/permissions';
import { useWorkspace } from '../workspaces/WorkspaceGate';
import { FormStatusTag } from './FormStatusTag';
import { designPath, recordsPath } from './paths';
import type { FormSummary } from './types';
import { useCreateForm, useDeleteForm, useFormList } from './useForms';

export default function FormsPage() {
  const workspace = useWorkspace();
  const { appId = '' } = useParams();
  if (!canOpen(workspace, 'apps')) return <Forbidden />;
  return <FormsList workspaceId={workspace.id} appId={appId} manage={can(workspace, 'app.manage')} />;
}

function FormsList({ workspaceId, appId, manage }: { workspaceId: string; appId: string; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const forms = useFormList(workspaceId, appId);
  const remove = useDeleteForm(workspaceId, appId);
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<FormSummary> = [
    {
      title: t('forms.name'),
      dataIndex: 'name',
      render: (_, f) => (
        <Link to={f.publishedVersion ? recordsPath(workspaceId, appId, f.id) : designPath(workspaceId, appId, f.id)} data-testid="form-name">
          {f.name}
        </Link>
      ),
    },
    { title: t('forms.key'), dataIndex: 'key', render: (k: string) => <Typography.Text code>{k}</Typography.Text> },
    { title: t('forms.fields'), dataIndex: 'fieldCount', width: 90 },
    { title: t('forms.status'), render: (_, f) => <FormStatusTag {...f} /> },
    { title: t('forms.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('forms.actions'),
      render: (_, f) => (
        <Space>
          {f.publishedVersion && (
            <Link to={recordsPath(workspaceId, appId, f.id)} data-testid="form-data">
              <DatabaseOutlined /> {t('forms.data')}
            </Link>
          )}
          {manage && (
            <Link to={designPath(workspaceId, appId, f.id)} data-testid="form-design">
              <FormOutlined /> {t('forms.design')}
            </Link>
          )}
          {manage && (
            <Popconfirm
              title={t('forms.deleteConfirm', { name: f.name })}
              onConfirm={async () => {
                try {
                  await remove.mutateAsync(f.id);
                  message.success(t('forms.deleted'));
                } catch (e) {
                  message.error(errorMessage(e, t));
                }
              }}
            >
              <Button type="link" danger size="small" icon={<DeleteOutlined />} {...tid('form-delete')} />
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('forms.title')}
        subtitle={t('forms.subtitle')}
        extra={manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} {...tid('forms-new')}>
            {t('forms.new')}
          </Button>
        )}
      />
      <Card>
        {forms.error ? (
          <QueryError error={forms.error} onRetry={() => void forms.refetch()} />
        ) : (
          <Table
            rowKey="id"
            loading={forms.isLoading}
            dataSource={forms.data ?? []}
            columns={columns}
            pagination={false}
            locale={{ emptyText: <Empty description={t('forms.empty')} /> }}
            {...tid('forms-table')}
          />
        )}
      </Card>
      {creating && <NewFormModal workspaceId={workspaceId} appId={appId} taken={(forms.data ?? []).map((f) => f.key)} onClose={() => setCreating(false)} />}
    </>
  );
}

function NewFormModal({ workspaceId, appId, taken, onClose }: { workspaceId: string; appId: string; taken: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const create = useCreateForm(workspaceId, appId);
  const [form] = Form.useForm<{ name: string; key: string }>();
  let n = taken.length + 1;
  while (taken.includes(`form${n}`)) n += 1;

  const submit = async (values: { name: string; key: string }) => {
    try {
      const res = await create.mutateAsync({ key: values.key.trim(), name: values.name.trim(), fields: [] });
      onClose();
      navigate(designPath(workspaceId, appId, res.form.id));
    } catch (e) {
      const rest = applyFormError(form, e, ['name', 'key'], t);
      if (rest) message.error(rest);
    }
  };

  return (
    <Modal open title={t('forms.newTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okButtonProps={tid<ButtonProps>('forms-new-ok')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ key: `form${n}` }} onFinish={submit}>
        <Form.Item name="name" label={t('forms.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input autoFocus maxLength={100} {...tid('forms-new-name')} />
        </Form.Item>
        <Form.Item name="key" label={t('forms.key')} extra={t('forms.keyHelp')}
          rules={[{ required: true, pattern: /^[A-Za-z][A-Za-z0-9_]{0,63}$/, message: t('forms.keyHelp') }]}>
          <Input maxLength={64} {...tid('forms-new-key')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
