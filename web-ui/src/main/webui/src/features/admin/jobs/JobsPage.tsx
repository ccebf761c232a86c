import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Popconfirm, Row, Segmented, Statistic, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, DeleteOutlined, RedoOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { jobsApi, queryKeys, type Job, type JobState } from '../../../api';
import { errorMessage } from '../../../components/errors';
import { QueryError } from '../../../components/feedback';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/time';
import { useWorkspaces } from '../../workspaces/useWorkspaces';

const STATES: JobState[] = ['DEAD', 'READY', 'RUNNING'];
const STATE_COLORS: Record<JobState, string> = { READY: 'blue', RUNNING: 'processing', DEAD: 'red' };
const PAGE_SIZE = 20;
const REFRESH_MS = 10_000;

function firstLine(s?: string | null): string {
  return (s ?? '').split('\n', 1)[0];
}

export default function JobsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const workspaces = useWorkspaces();
  const [params, setParams] = useSearchParams();
  const stateParam = params.get('state') as JobState | null;
  const state: JobState = stateParam && STATES.includes(stateParam) ? stateParam : 'DEAD';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = { state, page: page - 1, size: PAGE_SIZE };

  const stats = useQuery({ queryKey: queryKeys.jobStats, queryFn: jobsApi.stats, refetchInterval: REFRESH_MS });
  const jobs = useQuery({
    queryKey: queryKeys.jobs(query),
    queryFn: () => jobsApi.list(query),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });

  const refreshAll = () => queryClient.invalidateQueries({ queryKey: ['jobs'] });

  const retry = useMutation({ mutationFn: (id: Job['id']) => jobsApi.retry(id), onSuccess: refreshAll });
  const discard = useMutation({ mutationFn: (id: Job['id']) => jobsApi.discard(id), onSuccess: refreshAll });

  const setQuery = (next: { state?: JobState; page?: number }) => {
    const p = new URLSearchParams(params);
    if (next.state) p.set('state', next.state);
    if (next.page !== undefined) {
      if (next.page > 1) p.set('page', String(next.page));
      else p.delete('page');
    }
    setParams(p, { replace: true });
  };

  const onRetry = async (job: Job) => {
    try {
      await retry.mutateAsync(job.id);
      message.success(t('jobs.retried'));
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };
  const onDiscard = async (job: Job) => {
    try {
      await discard.mutateAsync(job.id);
      message.success(t('jobs.discarded'));
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const wsName = (id?: string | null) => (id ? (workspaces.data?.find((w) => w.id === id)?.name ?? id.slice(0, 8)) : '');

  const columns: TableColumnsType<Job> = [
    { title: 'ID', dataIndex: 'id', width: 80 },
    { title: t('jobs.type'), dataIndex: 'type', width: 200, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: t('jobs.state'),
      dataIndex: 'state',
      width: 100,
      render: (v: JobState) => <Tag color={STATE_COLORS[v] ?? 'default'}>{t(`jobs.states.${v}`, { defaultValue: v })}</Tag>,
    },
    { title: t('jobs.attempts'), key: 'attempts', width: 100, render: (_, j) => `${j.attempts} / ${j.maxAttempts}` },
    {
      title: t('jobs.lastError'),
      dataIndex: 'lastError',
      render: (v?: string | null) =>
        v ? (
          <Typography.Text type="danger" ellipsis style={{ maxWidth: 360, fontSize: 12 }}>
            {firstLine(v)}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">-</Typography.Text>
        ),
    },
    { title: t('jobs.workspace'), dataIndex: 'workspaceId', width: 130, render: (v?: string | null) => wsName(v) },
    { title: state === 'DEAD' ? t('common.updatedAt') : t('jobs.runAt'), key: 'time', width: 170, render: (_, j) => formatDateTime(state === 'DEAD' ? j.updatedAt : j.runAt) },
  ];
  if (state === 'DEAD') {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_, j) => (
        <Flex gap={4}>
          <Button size="small" icon={<RedoOutlined />} onClick={() => void onRetry(j)} loading={retry.isPending && retry.variables === j.id} data-testid="job-retry">
            {t('jobs.retry')}
          </Button>
          <Popconfirm
            title={t('jobs.discardConfirm')}
            okText={t('jobs.discard')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => onDiscard(j)}
          >
            <Button size="small" danger icon={<DeleteOutlined />} data-testid="job-discard">
              {t('jobs.discard')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    });
  }

  const statCard = (key: 'ready' | 'running' | 'dead', icon: React.ReactNode, color: string) => (
    <Col xs={24} md={8}>
      <Card
        hoverable
        onClick={() => setQuery({ state: key.toUpperCase() as JobState, page: 1 })}
        data-testid={`jobs-stat-${key}`}
        style={state === key.toUpperCase() ? { borderColor: color } : undefined}
      >
        <Statistic title={t(`jobs.${key}`)} value={stats.data?.[key] ?? '-'} loading={stats.isPending} prefix={icon} styles={{ content: { color } }} />
      </Card>
    </Col>
  );

  return (
    <>
      <PageHeader
        title={t('jobs.title')}
        subtitle={`${t('jobs.subtitle')} · ${t('jobs.autoRefresh')}`}
        extra={
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={() => void refreshAll()} loading={jobs.isFetching || stats.isFetching} aria-label={t('common.refresh')} />
          </Tooltip>
        }
      />
      {stats.isError && <QueryError error={stats.error} onRetry={() => void stats.refetch()} />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {statCard('ready', <ClockCircleOutlined />, '#1677ff')}
        {statCard('running', <CheckCircleOutlined />, '#52c41a')}
        {statCard('dead', <WarningOutlined />, '#ff4d4f')}
      </Row>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Segmented<JobState>
          data-testid="jobs-state-filter"
          value={state}
          onChange={(v) => setQuery({ state: v, page: 1 })}
          options={STATES.map((s) => ({ value: s, label: t(`jobs.states.${s}`) }))}
        />
      </Flex>
      {jobs.isError && <QueryError error={jobs.error} onRetry={() => void jobs.refetch()} />}
      <Table<Job>
        data-testid="jobs-table"
        rowKey="id"
        size="middle"
        loading={jobs.isPending}
        columns={columns}
        dataSource={jobs.data?.items ?? []}
        locale={{ emptyText: t('jobs.empty') }}
        scroll={{ x: 1100 }}
        expandable={{
          rowExpandable: () => true,
          expandedRowRender: (j) => (
            <Flex vertical gap={8}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('common.createdAt')}: {formatDateTime(j.createdAt)} · {t('jobs.runAt')}: {formatDateTime(j.runAt)} · {t('common.updatedAt')}:{' '}
                {formatDateTime(j.updatedAt)}
              </Typography.Text>
              {j.lastError ? <pre className="qb-error-pre">{j.lastError}</pre> : <Typography.Text type="secondary">{t('jobs.noError')}</Typography.Text>}
            </Flex>
          ),
        }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: jobs.data?.total ?? 0,
          showTotal: (total) => t('common.total', { count: total }),
          onChange: (p) => setQuery({ page: p }),
        }}
      />
    </>
  );
}
