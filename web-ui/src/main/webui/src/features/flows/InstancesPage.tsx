import { useState } from 'react';
import { Button, Card, Empty, Flex, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Forbidden, QueryError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { tid } from '../../components/testid';
import { formatDateTime } from '../../lib/time';
import { can, canOpen } from '../workspaces/permissions';
import { useWorkspace } from '../workspaces/WorkspaceGate';
import { ConversionCard } from './ConversionCard';
import { InstanceStateTag, OutcomeTags } from './InstanceStateTag';
import { flowsPath, instancePath } from './paths';
import type { FlowInstance, InstanceState } from './runtimeTypes';
import { StartFlowModal } from './StartFlowModal';
import type { FlowGraph } from './types';
import { useFlow, useFlowVersion } from './useFlows';
import { useInstances } from './useRuntime';

const STATES: InstanceState[] = ['running', 'completed', 'rejected', 'cancelled', 'failed'];

/** How a published version starts: by hand (and about a record of which form), or by itself. */
export function manualStart(graph: FlowGraph | undefined): { manual: boolean; formKey: string | null } {
  const trigger = graph?.nodes.find((n) => n.type === 'trigger');
  const on = trigger?.config.on;
  const form = typeof trigger?.config.form === 'string' && trigger.config.form.trim() ? trigger.config.form.trim() : null;
  return { manual: on === 'manual', formKey: form };
}

/** A flow's instances, newest first, with their state; published manual flows start here. */
export default function InstancesPage() {
  const workspace = useWorkspace();
  const { appId = '', flowId = '' } = useParams();
  if (!canOpen(workspace, 'apps')) return <Forbidden />;
  return <Instances workspaceId={workspace.id} appId={appId} flowId={flowId} manage={can(workspace, 'app.manage')} />;
}

/**
 * Every run names the record it ran on and what its steps did with it, so the list is for app managers
 * (as the server decides); everyone else may still start a manual flow here and follows their own runs
 * in the inbox.
 */
function Instances({ workspaceId, appId, flowId, manage }: { workspaceId: string; appId: string; flowId: string; manage: boolean }) {
  const { t } = useTranslation();
  const [state, setState] = useState<string | undefined>();
  const [starting, setStarting] = useState(false);
  const flow = useFlow(workspaceId, appId, flowId);
  const published = flow.data?.flow.publishedVersion ?? null;
  const version = useFlowVersion(workspaceId, appId, flowId, published);
  const instances = useInstances(workspaceId, appId, flowId, state, manage);
  const nodeName = (id: string | null | undefined) => version.data?.nodes.find((n) => n.id === id)?.name ?? id ?? '';
  const start = manualStart(version.data);

  const columns: TableColumnsType<FlowInstance> = [
    {
      title: t('flows.run.instance'),
      render: (_, i) => <Link to={instancePath(workspaceId, i.id)} data-testid="instance-link">{i.id.slice(0, 8)}</Link>,
    },
    { title: t('flows.run.state'), render: (_, i) => <><InstanceStateTag state={i.state} /><OutcomeTags instance={i} /></> },
    { title: t('flows.run.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
    { title: t('flows.run.customer'), render: (_, i) => i.customerKey ?? '—' },
    { title: t('flows.run.startedBy'), render: (_, i) => i.startedByName ?? t('flows.run.automatic') },
    { title: t('flows.run.startedAt'), render: (_, i) => formatDateTime(i.startedAt) },
    {
      title: t('flows.run.ended'),
      render: (_, i) => (i.endedAt ? `${formatDateTime(i.endedAt)} · ${nodeName(i.endNode)}` : '—'),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('flows.run.title', { name: flow.data?.flow.name ?? '' })}
        subtitle={<Link to={flowsPath(workspaceId, appId)}><ArrowLeftOutlined /> {t('flows.designer.back')}</Link>}
        extra={
          <Space>
            {manage && (
              <Select allowClear placeholder={t('flows.run.allStates')} style={{ width: 140 }} value={state} onChange={setState}
                options={STATES.map((s) => ({ value: s, label: t(`flows.run.states.${s}`) }))} {...tid('instances-state')} />
            )}
            {start.manual && (
              <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => setStarting(true)} {...tid('start-flow')}>
                {t('flows.run.start.button')}
              </Button>
            )}
          </Space>
        }
      />
      {flow.data?.flow.kind === 'journey' && published !== null && <ConversionCard workspaceId={workspaceId} appId={appId} flowId={flowId} />}
      <Card>
        {!manage ? (
          <Empty description={t('flows.run.managersOnly')} {...tid('instances-managers-only')}>
            <Link to={`/w/${encodeURIComponent(workspaceId)}/inbox`}>{t('nav.inbox')}</Link>
          </Empty>
        ) : instances.error ? (
          <QueryError error={instances.error} onRetry={() => void instances.refetch()} />
        ) : (
          <Table rowKey="id" loading={instances.isLoading} dataSource={instances.data ?? []} columns={columns} pagination={{ pageSize: 20 }}
            locale={{
              emptyText: (
                <Empty description={published === null ? t('flows.run.notPublished') : t('flows.run.empty')}>
                  <Flex justify="center"><Typography.Text type="secondary">{start.manual ? t('flows.run.emptyManual') : t('flows.run.emptyAuto')}</Typography.Text></Flex>
                </Empty>
              ),
            }}
            {...tid('instances-table')} />
        )}
      </Card>
      {starting && flow.data && (
        <StartFlowModal workspaceId={workspaceId} appId={appId} flowId={flowId} flowName={flow.data.flow.name} formKey={start.formKey}
          onClose={() => setStarting(false)} />
      )}
    </>
  );
}
