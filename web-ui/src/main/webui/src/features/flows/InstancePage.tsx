import { useMemo } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Empty, Popconfirm, Row, Space, Table, Tabs, Tag, Timeline, Typography, type ButtonProps } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../components/errors';
import { QueryError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { tid } from '../../components/testid';
import { formatDateTime } from '../../lib/time';
import { useMe } from '../auth/session';
import { RecordSummary } from '../records';
import { can } from '../workspaces/permissions';
import { useWorkspace } from '../workspaces/WorkspaceGate';
import { FlowViewer } from './FlowCanvas';
import { graphToFlow } from './graph';
import { InstanceStateTag, OutcomeTags, TaskStateTag } from './InstanceStateTag';
import { runStateOf, stepNote } from './monitor';
import { instancesPath } from './paths';
import type { FlowMessage, InstanceDetail, InstanceStep, InstanceTask } from './runtimeTypes';
import { useCancelInstance, useInstance } from './useRuntime';

const STEP_COLORS: Record<string, string> = { done: 'green', active: 'blue', waiting: 'blue', arrived: 'blue', failed: 'red', cancelled: 'gray' };

/** The instance monitor: the instance drawn on its graph (where it is now highlighted), its history, approvals and messages. */
export default function InstancePage() {
  const workspace = useWorkspace();
  const { instanceId = '' } = useParams();
  const detail = useInstance(workspace.id, instanceId);
  if (detail.error) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Card loading />;
  return <Monitor workspaceId={workspace.id} detail={detail.data} manage={can(workspace, 'app.manage')} />;
}

function Monitor({ workspaceId, detail, manage }: { workspaceId: string; detail: InstanceDetail; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const me = useMe().data;
  const cancel = useCancelInstance(workspaceId);
  const { instance } = detail;
  const drawn = useMemo(() => graphToFlow(detail.graph), [detail.graph]);
  const runState = useMemo(() => runStateOf(detail), [detail]);
  const nodeName = (id: string) => detail.graph.nodes.find((n) => n.id === id)?.name ?? id;
  const mayCancel = instance.state === 'running' && (manage || (me && me.id === instance.startedBy));

  return (
    <>
      <PageHeader
        title={<Space>{detail.flowName}<InstanceStateTag state={instance.state} /><OutcomeTags instance={instance} /></Space>}
        subtitle={
          <Link to={instancesPath(workspaceId, instance.appId, instance.flowId)} data-testid="monitor-instances">
            {t('flows.run.allInstances')}
          </Link>
        }
        extra={mayCancel && (
          <Popconfirm title={t('flows.run.cancelConfirm')} okButtonProps={tid<ButtonProps>('cancel-instance-ok')}
            onConfirm={async () => {
              try {
                await cancel.mutateAsync(instance.id);
                message.success(t('flows.run.cancelled'));
              } catch (e) {
                message.error(errorMessage(e, t));
              }
            }}>
            <Button danger icon={<StopOutlined />} {...tid('cancel-instance')}>{t('flows.run.cancel')}</Button>
          </Popconfirm>
        )}
      />
      {instance.state === 'failed' && instance.error && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('flows.run.failedTitle')}
          description={detail.steps.find((s) => s.state === 'failed')?.error ?? instance.error} data-testid="instance-error" />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card size="small" title={t('flows.run.graph')} extra={<Legend />} styles={{ body: { height: 460, padding: 0 } }}>
            <div style={{ height: '100%' }} data-testid="instance-graph" data-current={detail.currentNodes.join(',')}>
              <FlowViewer nodes={drawn.nodes} edges={drawn.edges} runState={runState} />
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('flows.run.facts')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1} items={[
              { key: 'v', label: t('flows.run.version'), children: `v${instance.version}` },
              { key: 'by', label: t('flows.run.startedBy'), children: instance.startedByName ?? t('flows.run.automatic') },
              { key: 'at', label: t('flows.run.startedAt'), children: formatDateTime(instance.startedAt) },
              { key: 'end', label: t('flows.run.ended'), children: instance.endedAt ? `${formatDateTime(instance.endedAt)} · ${nodeName(instance.endNode ?? '')}` : '—' },
              ...(instance.customerKey ? [{ key: 'who', label: t('flows.run.customer'), children: instance.customerKey }] : []),
              ...Object.entries(detail.variants).map(([node, variant]) => ({
                key: `ab-${node}`, label: t('flows.run.variant', { node: nodeName(node) }), children: <Tag>{variant}</Tag>,
              })),
            ]} />
          </Card>
          {instance.subjectForm && instance.subjectRecord && (
            <Card size="small" title={t('flows.run.record')}>
              <RecordSummary workspaceId={workspaceId} appId={instance.appId} formKey={instance.subjectForm} recordId={instance.subjectRecord} />
            </Card>
          )}
        </Col>
      </Row>
      <Card style={{ marginTop: 16 }}>
        <Tabs items={[
          { key: 'history', label: t('flows.run.history'), children: <History steps={detail.steps} nodeName={nodeName} /> },
          { key: 'tasks', label: t('flows.run.tasks', { count: detail.tasks.length }), children: <Tasks tasks={detail.tasks} nodeName={nodeName} /> },
          { key: 'messages', label: t('flows.run.messages', { count: detail.messages.length }), children: <Messages messages={detail.messages} /> },
        ]} />
      </Card>
    </>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Space size={12} style={{ fontSize: 12 }}>
      <span><Tag color="blue">{t('flows.run.legend.current')}</Tag></span>
      <span><Tag color="green">{t('flows.run.legend.passed')}</Tag></span>
      <span><Tag color="red">{t('flows.run.legend.failed')}</Tag></span>
    </Space>
  );
}

function History({ steps, nodeName }: { steps: InstanceStep[]; nodeName: (id: string) => string }) {
  const { t } = useTranslation();
  return (
    <Timeline data-testid="instance-history" items={steps.map((s) => ({
      key: s.id,
      color: STEP_COLORS[s.state] ?? 'gray',
      content: (
        <div data-testid="instance-step" data-node={s.nodeId} data-state={s.state}>
          <Typography.Text strong>{s.nodeName || nodeName(s.nodeId)}</Typography.Text>{' '}
          <Tag>{t(`flows.run.stepStates.${s.state}`)}</Tag>
          {s.outcome && <Tag color="geekblue">{t(`flows.run.outcomes.${s.outcome}`, { defaultValue: nodeName(s.outcome) })}</Tag>}
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(s.enteredAt)}{s.leftAt ? ` → ${formatDateTime(s.leftAt)}` : ''}
            {s.dueAt && s.state === 'waiting' ? ` · ${t('flows.run.dueAt', { at: formatDateTime(s.dueAt) })}` : ''}
          </Typography.Text></div>
          {stepNote(s) && <div><Typography.Text type="secondary">{stepNote(s)}</Typography.Text></div>}
          {s.error && <Typography.Text type="danger" data-testid="instance-step-error">{s.error}</Typography.Text>}
        </div>
      ),
    }))} />
  );
}

function Tasks({ tasks, nodeName }: { tasks: InstanceTask[]; nodeName: (id: string) => string }) {
  const { t } = useTranslation();
  if (!tasks.length) return <Empty description={t('flows.run.noTasks')} />;
  return (
    <Table<InstanceTask> rowKey="id" size="small" pagination={false} dataSource={tasks} {...tid('instance-tasks')} columns={[
      { title: t('flows.run.step'), render: (_, x) => nodeName(x.nodeId) },
      { title: t('flows.run.assignee'), render: (_, x) => x.assigneeName ?? x.assignee.slice(0, 8) },
      { title: t('flows.run.state'), render: (_, x) => <TaskStateTag state={x.state} /> },
      { title: t('flows.run.comment'), render: (_, x) => x.comment ?? (x.transferredToName ? `→ ${x.transferredToName}` : '') },
      { title: t('flows.run.decidedAt'), render: (_, x) => (x.decidedAt ? formatDateTime(x.decidedAt) : '—') },
    ]} />
  );
}

function Messages({ messages }: { messages: FlowMessage[] }) {
  const { t } = useTranslation();
  if (!messages.length) return <Empty description={t('flows.run.noMessages')} />;
  return (
    <Table<FlowMessage> rowKey="id" size="small" pagination={false} dataSource={messages} {...tid('instance-messages')} columns={[
      { title: t('flows.run.template'), dataIndex: 'template' },
      { title: t('flows.run.recipient'), dataIndex: 'recipient' },
      { title: t('flows.run.body'), render: (_, m) => m.body ?? '' },
      { title: t('flows.run.state'), render: (_, m) => <Tag color={m.state === 'queued' ? 'green' : 'orange'}>{t(`flows.run.messageStates.${m.state}`)}</Tag> },
      { title: t('flows.run.at'), render: (_, m) => formatDateTime(m.createdAt) },
    ]} />
  );
}
