import { useEffect, useState } from 'react';
import { Badge, Card, Col, Drawer, Empty, Row, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { QueryError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { tid } from '../../components/testid';
import { formatDateTime } from '../../lib/time';
import { InstanceStateTag, TaskStateTag } from '../flows/InstanceStateTag';
import { instancePath } from '../flows/paths';
import type { InboxBox, InboxItem } from '../flows/runtimeTypes';
import { useInbox, useInstance } from '../flows/useRuntime';
import { RecordSummary } from '../records';
import { useWorkspace } from '../workspaces/WorkspaceGate';
import { DecisionPanel } from './DecisionPanel';

const BOXES: InboxBox[] = ['todo', 'done', 'started', 'cc'];

/** The current user's approvals in this workspace: to do, done, started by them, copied to them. */
export default function InboxPage() {
  const workspace = useWorkspace();
  const { t } = useTranslation();
  const [box, setBox] = useState<InboxBox>('todo');
  const [opened, setOpened] = useState<InboxItem | null>(null);
  const todo = useInbox(workspace.id, 'todo');
  const list = useInbox(workspace.id, box);
  // a notice leads here with ?task=: that request opens by itself once the to-do list has it
  const [params, setParams] = useSearchParams();
  const linked = params.get('task');
  useEffect(() => {
    const item = linked ? todo.data?.find((i) => i.taskId === linked) : undefined;
    if (!item) return;
    setOpened(item);
    setParams((p) => {
      p.delete('task');
      return p;
    }, { replace: true });
  }, [linked, todo.data, setParams]);

  const columns: TableColumnsType<InboxItem> = [
    {
      title: t('approvals.request'),
      render: (_, i) => (
        <div>
          <Typography.Link onClick={() => setOpened(i)} data-testid="inbox-open">{i.flowName}</Typography.Link>
          {i.nodeName && <Typography.Text type="secondary"> · {i.nodeName}</Typography.Text>}
          {box === 'todo' && i.remindedAt && (
            <Tag color="orange" style={{ marginInlineStart: 8 }} data-testid="inbox-reminded">{t('approvals.reminded')}</Tag>
          )}
        </div>
      ),
    },
    { title: t('approvals.startedBy'), render: (_, i) => i.startedByName ?? t('flows.run.automatic') },
    { title: t('approvals.startedAt'), render: (_, i) => formatDateTime(i.startedAt) },
    {
      title: t('approvals.state'),
      render: (_, i) => (i.taskState && box !== 'todo' ? <TaskStateTag state={i.taskState} /> : <InstanceStateTag state={i.instanceState} />),
    },
    { title: box === 'done' ? t('approvals.decidedAt') : t('approvals.at'), render: (_, i) => (i.at ? formatDateTime(i.at) : '—') },
  ];

  return (
    <>
      <PageHeader title={t('approvals.title')} subtitle={t('approvals.subtitle')} />
      <Card>
        <Tabs activeKey={box} onChange={(k) => setBox(k as InboxBox)} items={BOXES.map((b) => ({
          key: b,
          label: (
            <Space size={4} data-testid={`inbox-tab-${b}`}>
              {t(`approvals.boxes.${b}`)}
              {b === 'todo' && <Badge count={todo.data?.length ?? 0} size="small" />}
            </Space>
          ),
        }))} />
        {list.error ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table rowKey={(i) => `${i.taskId ?? ''}${i.instanceId}${i.nodeId ?? ''}`} loading={list.isLoading} dataSource={list.data ?? []}
            columns={columns} pagination={{ pageSize: 20 }} onRow={(i) => ({ 'data-testid': 'inbox-row', 'data-flow': i.flowName } as object)}
            locale={{ emptyText: <Empty description={t(`approvals.empty.${box}`)} /> }} {...tid('inbox-table')} />
        )}
      </Card>
      {opened && <RequestDrawer workspaceId={workspace.id} item={opened} decide={box === 'todo'} onClose={() => setOpened(null)} />}
    </>
  );
}

/** One request: the record beside it, where the flow is, and (for a task to do) the decision. */
function RequestDrawer({ workspaceId, item, decide, onClose }: { workspaceId: string; item: InboxItem; decide: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useInstance(workspaceId, item.instanceId);
  return (
    <Drawer open size="large" title={`${item.flowName}${item.nodeName ? ` · ${item.nodeName}` : ''}`} onClose={onClose} destroyOnHidden
      extra={<Link to={instancePath(workspaceId, item.instanceId)} data-testid="inbox-monitor">{t('approvals.openMonitor')}</Link>}
      data-testid="inbox-drawer">
      <Row gutter={16}>
        <Col span={decide && item.taskId ? 14 : 24}>
          <Typography.Title level={5}>{t('approvals.record')}</Typography.Title>
          {item.subjectForm && item.subjectRecord ? (
            <RecordSummary workspaceId={workspaceId} appId={item.appId} formKey={item.subjectForm} recordId={item.subjectRecord} />
          ) : (
            <Typography.Text type="secondary">{t('approvals.noRecord')}</Typography.Text>
          )}
          {detail.data && detail.data.tasks.some((x) => x.comment) && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>{t('approvals.comments')}</Typography.Title>
              {detail.data.tasks.filter((x) => x.comment).map((x) => (
                <div key={x.id} data-testid="inbox-comment">
                  <Typography.Text strong>{x.assigneeName}</Typography.Text>: {x.comment}
                </div>
              ))}
            </>
          )}
        </Col>
        {decide && item.taskId && item.nodeId && (
          <Col span={10}>
            <Typography.Title level={5}>{t('approvals.decision')}</Typography.Title>
            <DecisionPanel workspaceId={workspaceId} taskId={item.taskId} nodeId={item.nodeId} detail={detail.data} onDecided={onClose} />
          </Col>
        )}
      </Row>
    </Drawer>
  );
}
