import { useState } from 'react';
import { Alert, AutoComplete, Button, Card, Divider, Drawer, Empty, Flex, Form, InputNumber, Select, Space, Switch, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { DeleteOutlined, ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/errors';
import { tid } from '../../components/testid';
import { formatDateTime } from '../../lib/time';
import { RecordsScopeContext, RelationSelect } from '../records';
import { useFormList } from '../records/useRecords';
import { FlowViewer } from './FlowCanvas';
import type { DesignerEdge, DesignerNode } from './graph';
import type { ScenarioEvent, SimulatedMessage, SimulationEnd, SimulationPath } from './runtimeTypes';
import { dayOf, simulatedRunState } from './simulation';
import type { FlowKind } from './types';
import { useSimulateFlow } from './useRuntime';

const END_COLORS: Record<SimulationEnd, string> = {
  completed: 'success', rejected: 'error', goal: 'green', exit: 'orange', waiting: 'processing', failed: 'error', tooLong: 'warning',
};

interface EventRow {
  event: string;
  form?: string;
  days: number | null;
}

/**
 * Test mode: runs the saved draft for sample records on a simulated clock. The user picks samples of
 * the trigger's form and what the customer does after entering (orders again on day 3...), and sees
 * for each sample the path on the graph, day by day, the messages it would send and the changes it
 * would make. Nothing is sent or changed.
 */
export function SimulationDrawer({ workspaceId, appId, flowId, kind, formKey, nodes, edges, prepare, onClose }: {
  workspaceId: string;
  appId: string;
  flowId: string;
  kind: FlowKind;
  /** the trigger's form: samples are its records */
  formKey: string | null;
  nodes: DesignerNode[];
  edges: DesignerEdge[];
  /** saves unsaved changes first: the test runs the saved draft; false when the save was refused */
  prepare: () => Promise<boolean>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const simulate = useSimulateFlow(workspaceId, appId, flowId);
  const forms = useFormList(workspaceId, appId);
  const [recordIds, setRecordIds] = useState<string[]>([]);
  const [events, setEvents] = useState<EventRow[]>([]);
  const [approve, setApprove] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [paths, setPaths] = useState<SimulationPath[] | null>(null);
  const nodeName = (id: string | null | undefined) => nodes.find((n) => n.id === id)?.data.name ?? id ?? '';

  const run = async () => {
    setError(null);
    if (formKey && recordIds.length === 0) {
      setError(t('flows.test.pickSamples'));
      return;
    }
    if (!(await prepare())) return;
    const scenario: ScenarioEvent[] = events.filter((e) => e.event.trim() && e.days !== null)
      .map((e) => ({ event: e.event.trim(), form: e.form ?? null, after: `P${e.days}D` }));
    try {
      setPaths(await simulate.mutateAsync({ recordIds, events: scenario, approve }));
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };

  const setEvent = (i: number, patch: Partial<EventRow>) => setEvents((es) => es.map((e, j) => (j === i ? { ...e, ...patch } : e)));

  return (
    <Drawer open width={860} onClose={onClose} destroyOnHidden data-testid="flow-test-drawer"
      title={<Space><ExperimentOutlined />{t('flows.test.title')}</Space>}>
      <Alert type="info" showIcon title={t('flows.test.hint')} style={{ marginBottom: 16 }} />
      <Form layout="vertical">
        {formKey && (
          <Form.Item label={t('flows.test.samples')} required help={t('flows.test.samplesHelp')}>
            <RecordsScopeContext.Provider value={{ workspaceId, appId }}>
              <div data-testid="flow-test-samples">
                <RelationSelect multiple field={{ key: 'samples', label: '', type: 'relation', options: { form: formKey, multiple: true } }}
                  value={recordIds} onChange={(v) => setRecordIds(Array.isArray(v) ? v.map(String) : v ? [String(v)] : [])} />
              </div>
            </RecordsScopeContext.Provider>
          </Form.Item>
        )}
        <Form.Item label={t('flows.test.events')} extra={t('flows.test.eventsHelp')}>
          <Flex vertical gap={8}>
            {events.map((e, i) => (
              // rows have no identity beyond their place; removing one re-renders the rest
              <Space key={i} wrap data-testid="flow-test-event">
                <AutoComplete value={e.event} style={{ width: 200 }} onChange={(event: string) => setEvent(i, { event })}
                  options={['record.created', 'record.updated'].map((v) => ({ value: v, label: t(`flows.goal.events.${v}`) }))}
                  placeholder={t('flows.test.eventType')} data-testid="flow-test-event-type" />
                <Select allowClear value={e.form} style={{ width: 140 }} placeholder={t('flows.goal.anyForm')} onChange={(form?: string) => setEvent(i, { form })}
                  options={(forms.data ?? []).map((f) => ({ value: f.key, label: f.name }))} data-testid="flow-test-event-form" />
                <Space.Compact>
                  <Space.Addon>{t('flows.test.onDay')}</Space.Addon>
                  <InputNumber min={0} max={400} precision={0} value={e.days} onChange={(days) => setEvent(i, { days: typeof days === 'number' ? days : null })}
                    style={{ width: 90 }} data-testid="flow-test-event-day" />
                </Space.Compact>
                <Button type="text" icon={<DeleteOutlined />} aria-label={t('flows.test.removeEvent')} onClick={() => setEvents((es) => es.filter((_, j) => j !== i))} />
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => setEvents((es) => [...es, { event: 'record.created', days: 3 }])} style={{ alignSelf: 'flex-start' }}
              {...tid('flow-test-add-event')}>
              {t('flows.test.addEvent')}
            </Button>
          </Flex>
        </Form.Item>
        {kind === 'approval' && (
          <Form.Item label={t('flows.test.approvals')}>
            <Switch checked={approve} onChange={setApprove} checkedChildren={t('flows.test.approve')} unCheckedChildren={t('flows.test.reject')}
              data-testid="flow-test-approve" />
          </Form.Item>
        )}
        <Button type="primary" icon={<ExperimentOutlined />} loading={simulate.isPending} onClick={() => void run()} {...tid('flow-test-run')}>
          {t('flows.test.run')}
        </Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="flow-test-error" />}
      {paths && (
        <>
          <Divider />
          {paths.length === 0 ? <Empty /> : (
            <Tabs data-testid="flow-test-results" items={paths.map((p, i) => ({
              key: String(i),
              label: <Space size={4}>{p.customerKey ?? p.recordId?.slice(0, 8) ?? t('flows.test.sample')}<EndTag end={p.end} /></Space>,
              children: <PathView path={p} nodes={nodes} edges={edges} nodeName={nodeName} />,
            }))} />
          )}
        </>
      )}
    </Drawer>
  );
}

function EndTag({ end }: { end: SimulationEnd }) {
  const { t } = useTranslation();
  return <Tag color={END_COLORS[end]} data-testid="flow-test-end" data-end={end}>{t(`flows.test.ends.${end}`)}</Tag>;
}

function PathView({ path, nodes, edges, nodeName }: {
  path: SimulationPath; nodes: DesignerNode[]; edges: DesignerEdge[]; nodeName: (id: string | null | undefined) => string;
}) {
  const { t } = useTranslation();
  const start = path.steps[0]?.at ?? path.endedAt ?? new Date().toISOString();
  const day = (at: string) => t('flows.test.day', { day: dayOf(start, at), time: formatDateTime(at, false) });
  return (
    <div data-testid="flow-test-path" data-end={path.end}>
      {path.error && <Alert type="error" showIcon title={path.error} style={{ marginBottom: 12 }} />}
      <Card size="small" style={{ marginBottom: 12 }}>
        <div style={{ height: 280 }}>
          <FlowViewer nodes={nodes} edges={edges} runState={simulatedRunState(path)} />
        </div>
      </Card>
      <Flex gap={16} align="flex-start" wrap>
        <div style={{ flex: '1 1 300px' }}>
          <Typography.Title level={5}>{t('flows.test.steps')}</Typography.Title>
          <Timeline items={[
            ...path.steps.map((s, i) => ({
              key: i,
              color: 'green',
              content: (
                <div data-testid="flow-test-step" data-node={s.nodeId}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{day(s.at)}</Typography.Text>{' '}
                  <Typography.Text strong>{s.nodeName || nodeName(s.nodeId)}</Typography.Text>
                  {s.outcome && <Tag color="geekblue" style={{ marginLeft: 6 }}>{t(`flows.run.outcomes.${s.outcome}`, { defaultValue: nodeName(s.outcome) })}</Tag>}
                  {s.note && <div><Typography.Text type="secondary">{s.note}</Typography.Text></div>}
                </div>
              ),
            })),
            { key: 'end', color: path.end === 'failed' ? 'red' : 'blue', content: <Space><EndTag end={path.end} />{path.endedAt && <Typography.Text type="secondary">{day(path.endedAt)}</Typography.Text>}</Space> },
          ]} />
        </div>
        <div style={{ flex: '1 1 360px' }}>
          <Typography.Title level={5}>{t('flows.test.messages', { count: path.messages.length })}</Typography.Title>
          <Table<SimulatedMessage> size="small" rowKey={(m) => `${m.nodeId}:${m.at}`} pagination={false} dataSource={path.messages}
            locale={{ emptyText: t('flows.test.noMessages') }} {...tid('flow-test-messages')} columns={[
              { title: t('flows.test.when'), render: (_, m) => day(m.at) },
              { title: t('flows.run.template'), dataIndex: 'template' },
              { title: t('flows.run.recipient'), dataIndex: 'to' },
              { title: t('flows.run.body'), render: (_, m) => m.body ?? '' },
              {
                title: t('flows.run.state'),
                render: (_, m) => (
                  <Space size={2} wrap>
                    <Tag color={m.state === 'queued' ? 'green' : 'orange'}>{t(`flows.test.messageStates.${m.state}`)}</Tag>
                    {m.deferredFrom && <Tag>{t('flows.test.quietHours')}</Tag>}
                  </Space>
                ),
              },
            ]} />
          {path.changes.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 12 }}>{t('flows.test.changes')}</Typography.Title>
              {path.changes.map((c) => (
                <div key={`${c.nodeId}:${c.at}`} data-testid="flow-test-change">
                  <Typography.Text type="secondary">{day(c.at)}</Typography.Text> {nodeName(c.nodeId)} · <code>{c.action}</code>{' '}
                  <Typography.Text code>{JSON.stringify(c.config.values ?? c.config)}</Typography.Text>
                </div>
              ))}
            </>
          )}
        </div>
      </Flex>
    </div>
  );
}
