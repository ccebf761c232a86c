import { useState } from 'react';
import { App as AntApp, Button, type ButtonProps, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Radio, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { AuditOutlined, DeleteOutlined, EyeOutlined, FormOutlined, HistoryOutlined, PlusOutlined, RocketOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { applyFormError, errorMessage } from '../../components/errors';
import { Forbidden, QueryError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { tid } from '../../components/testid';
import { formatDateTime } from '../../lib/time';
import { can, canOpen } from '../workspaces/permissions';
import { useWorkspace } from '../workspaces/WorkspaceGate';
import { FlowKindTag, FlowStatusTag } from './FlowStatusTag';
import { flowDesignPath, instancesPath } from './paths';
import type { FlowKind, FlowSummary } from './types';
import { useCreateFlow, useDeleteFlow, useFlowList } from './useFlows';

export default function FlowsPage() {
  const workspace = useWorkspace();
  const { appId = '' } = useParams();
  if (!canOpen(workspace, 'apps')) return <Forbidden />;
  return <FlowsList workspaceId={workspace.id} appId={appId} manage={can(workspace, 'app.manage')} />;
}

function FlowsList({ workspaceId, appId, manage }: { workspaceId: string; appId: string; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const flows = useFlowList(workspaceId, appId);
  const remove = useDeleteFlow(workspaceId, appId);
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<FlowSummary> = [
    {
      title: t('flows.name'),
      dataIndex: 'name',
      render: (_, f) => (
        <div>
          <Link to={flowDesignPath(workspaceId, appId, f.id)} data-testid="flow-name">{f.name}</Link>
          {f.description && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.description}</Typography.Text></div>}
        </div>
      ),
    },
    { title: t('flows.kind'), dataIndex: 'kind', width: 90, render: (k: string) => <FlowKindTag kind={k} /> },
    { title: t('flows.nodes'), dataIndex: 'nodeCount', width: 80 },
    { title: t('flows.status'), render: (_, f) => <FlowStatusTag {...f} /> },
    {
      title: t('flows.problems'),
      dataIndex: 'problemCount',
      width: 120,
      render: (n: number) => (n > 0
        ? <Tag color="red" data-testid="flow-problem-count">{t('flows.problemCount', { count: n })}</Tag>
        : <Typography.Text type="secondary" data-testid="flow-problem-count">{t('flows.noProblems')}</Typography.Text>),
    },
    { title: t('flows.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('flows.actions'),
      render: (_, f) => (
        <Space>
          <Link to={flowDesignPath(workspaceId, appId, f.id)} data-testid="flow-design">
            {manage ? <><FormOutlined /> {t('flows.design')}</> : <><EyeOutlined /> {t('flows.view')}</>}
          </Link>
          {f.publishedVersion != null && (
            <Link to={instancesPath(workspaceId, appId, f.id)} data-testid="flow-runs">
              <HistoryOutlined /> {t('flows.runs')}
            </Link>
          )}
          {manage && (
            <Popconfirm
              title={t('flows.deleteConfirm', { name: f.name })}
              okButtonProps={tid<ButtonProps>('flow-delete-ok')}
              onConfirm={async () => {
                try {
                  await remove.mutateAsync(f.id);
                  message.success(t('flows.deleted'));
                } catch (e) {
                  message.error(errorMessage(e, t));
                }
              }}
            >
              <Button type="link" danger size="small" icon={<DeleteOutlined />} aria-label={t('common.delete')} {...tid('flow-delete')} />
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const empty = (
    <Empty description={<Typography.Text strong>{t('flows.empty.title')}</Typography.Text>} data-testid="flows-empty">
      <Flex vertical gap={8} style={{ maxWidth: 560, margin: '0 auto', textAlign: 'left' }}>
        <Typography.Text><AuditOutlined style={{ color: '#fa8c16' }} /> {t('flows.empty.approval')}</Typography.Text>
        <Typography.Text><RocketOutlined style={{ color: '#722ed1' }} /> {t('flows.empty.journey')}</Typography.Text>
      </Flex>
      {manage && (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginTop: 16 }} onClick={() => setCreating(true)}>
          {t('flows.new')}
        </Button>
      )}
    </Empty>
  );

  return (
    <>
      <PageHeader
        title={t('flows.title')}
        subtitle={t('flows.subtitle')}
        extra={manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} {...tid('flows-new')}>
            {t('flows.new')}
          </Button>
        )}
      />
      <Card>
        {flows.error ? (
          <QueryError error={flows.error} onRetry={() => void flows.refetch()} />
        ) : (
          <Table
            rowKey="id"
            loading={flows.isLoading}
            dataSource={flows.data ?? []}
            columns={columns}
            pagination={false}
            locale={{ emptyText: empty }}
            {...tid('flows-table')}
          />
        )}
      </Card>
      {creating && <NewFlowModal workspaceId={workspaceId} appId={appId} onClose={() => setCreating(false)} />}
    </>
  );
}

interface NewFlowValues {
  name: string;
  kind: FlowKind;
  description?: string;
}

function NewFlowModal({ workspaceId, appId, onClose }: { workspaceId: string; appId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const create = useCreateFlow(workspaceId, appId);
  const [form] = Form.useForm<NewFlowValues>();

  const submit = async (values: NewFlowValues) => {
    const description = values.description?.trim();
    try {
      const res = await create.mutateAsync({ kind: values.kind, name: values.name.trim(), ...(description ? { description } : {}) });
      onClose();
      navigate(flowDesignPath(workspaceId, appId, res.flow.id));
    } catch (e) {
      const rest = applyFormError(form, e, ['name', 'kind', 'description'], t);
      if (rest) message.error(rest);
    }
  };

  return (
    <Modal open title={t('flows.newTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending}
      okButtonProps={tid<ButtonProps>('flows-new-ok')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'approval' }} onFinish={submit}>
        <Form.Item name="name" label={t('flows.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input autoFocus maxLength={100} {...tid('flows-new-name')} />
        </Form.Item>
        <Form.Item name="kind" label={t('flows.kind')} rules={[{ required: true }]}>
          <Radio.Group style={{ width: '100%' }} {...tid('flows-new-kind')}>
            <Flex vertical gap={8}>
              {(['approval', 'journey'] as const).map((k) => (
                <Radio key={k} value={k} data-testid={`flows-new-kind-${k}`}>
                  <Typography.Text strong>{t(`flows.kinds.${k}`)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>{t(`flows.kindHelp.${k}`)}</Typography.Text>
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="description" label={t('flows.description')} rules={[{ max: 500 }]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('flows.descriptionPlaceholder')} {...tid('flows-new-description')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
