import { Button, Card, Empty, Flex, Select, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DownOutlined, MinusSquareOutlined, PlusSquareOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { RuleRun, RuleRunAction } from '../../api';
import { errorMessage } from '../../components/errors';
import { Forbidden, QueryError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/time';
import { can } from '../workspaces/permissions';
import { useWorkspace } from '../workspaces/WorkspaceGate';
import { OUTCOMES, OutcomeTag, RulesBreadcrumb, rulePath } from './common';
import { useRuleList, useRuleRuns } from './useRules';

const MONO = "'SFMono-Regular', Consolas, 'Liberation Mono', Menlo, monospace";

export default function RuleRunsPage() {
  const workspace = useWorkspace();
  const { appId = '' } = useParams();
  // the run log shows values of the records rules ran on: for those who manage the app, as the server decides
  if (!can(workspace, 'app.manage')) return <Forbidden />;
  return <RunLog workspaceId={workspace.id} appId={appId} />;
}

function conditionText(v: boolean | null | undefined, t: (k: string) => string): React.ReactNode {
  if (v === true) return <Tag color="blue">{t('ruleRuns.conditionTrue')}</Tag>;
  if (v === false) return <Tag>{t('ruleRuns.conditionFalse')}</Tag>;
  return <Typography.Text type="secondary">—</Typography.Text>;
}

function RunActions({ run }: { run: RuleRun }) {
  const { t } = useTranslation();
  return (
    <div data-testid="run-detail" style={{ padding: '4px 8px' }}>
      {run.error && (
        <Typography.Paragraph type="danger" data-testid="run-error" style={{ marginBottom: 8 }}>
          {run.error}
        </Typography.Paragraph>
      )}
      {run.eventId && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t('ruleRuns.eventId')}: <Typography.Text code copyable>{run.eventId}</Typography.Text>
        </Typography.Paragraph>
      )}
      {run.actions.length === 0 ? (
        <Typography.Text type="secondary">{t('ruleRuns.noActions')}</Typography.Text>
      ) : (
        <Table<RuleRunAction & { key: number }>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={run.actions.map((a, key) => ({ ...a, key }))}
          onRow={() => ({ 'data-testid': 'run-action' }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '#', key: 'i', width: 40, render: (_, __, i) => i + 1 },
            { title: t('ruleRuns.action'), dataIndex: 'action', width: 160, render: (v: string) => <Typography.Text code data-testid="run-action-key">{v}</Typography.Text> },
            { title: t('ruleRuns.outcome'), dataIndex: 'outcome', width: 100, render: (v: string) => <OutcomeTag outcome={v} testId="run-action-outcome" /> },
            {
              title: t('ruleRuns.summary'),
              key: 'summary',
              render: (_, a) => (
                <>
                  {a.summary && <div>{a.summary}</div>}
                  {a.error && <Typography.Text type="danger">{a.error}</Typography.Text>}
                </>
              ),
            },
            {
              title: t('ruleRuns.config'),
              dataIndex: 'config',
              width: '40%',
              render: (v: unknown) =>
                v === undefined || v === null ? null : (
                  <pre
                    data-testid="run-action-config"
                    style={{ margin: 0, padding: 6, background: '#f6f8fa', borderRadius: 6, fontFamily: MONO, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: 200, overflow: 'auto' }}
                  >
                    {JSON.stringify(v, null, 2)}
                  </pre>
                ),
            },
          ]}
        />
      )}
    </div>
  );
}

function RunLog({ workspaceId, appId }: { workspaceId: string; appId: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const ruleId = params.get('ruleId') || undefined;
  const outcomeParam = params.get('outcome');
  const outcome = outcomeParam && (OUTCOMES as readonly string[]).includes(outcomeParam) ? outcomeParam : undefined;
  const rules = useRuleList(workspaceId, appId);
  const runs = useRuleRuns(workspaceId, appId, { ruleId, outcome });
  const items = runs.data?.pages.flatMap((p) => p.items) ?? [];

  const setFilter = (name: 'ruleId' | 'outcome', value?: string) => {
    const p = new URLSearchParams(params);
    if (value) p.set(name, value);
    else p.delete(name);
    setParams(p, { replace: true });
  };

  const columns: TableColumnsType<RuleRun> = [
    { title: t('ruleRuns.startedAt'), dataIndex: 'startedAt', width: 180, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span> },
    {
      title: t('ruleRuns.rule'),
      dataIndex: 'ruleName',
      render: (name: string, r) => (
        <Flex gap={6} align="center" wrap>
          <Link to={rulePath(workspaceId, appId, r.ruleId)} data-testid="run-rule-link">
            {name || r.ruleId.slice(0, 8)}
          </Link>
          {r.ruleVersion !== null && r.ruleVersion !== undefined && <Tag>v{r.ruleVersion}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('ruleRuns.trigger'),
      key: 'trigger',
      width: 220,
      render: (_, r) => (
        <span data-testid="run-trigger">
          {t(`rules.triggerTypes.${r.triggerType}`, { defaultValue: r.triggerType })}
          {r.eventType && (
            <Typography.Text type="secondary" code style={{ marginInlineStart: 6, fontSize: 12 }}>
              {r.eventType}
            </Typography.Text>
          )}
        </span>
      ),
    },
    { title: t('ruleRuns.condition'), dataIndex: 'conditionResult', width: 110, render: (v: boolean | null | undefined) => conditionText(v, t) },
    { title: t('ruleRuns.outcome'), dataIndex: 'outcome', width: 100, render: (v: string) => <OutcomeTag outcome={v} /> },
    {
      title: t('ruleRuns.duration'),
      dataIndex: 'durationMs',
      width: 110,
      align: 'right',
      render: (v?: number | null) => (typeof v === 'number' ? t('ruleRuns.durationValue', { ms: v }) : '—'),
    },
  ];

  return (
    <>
      <RulesBreadcrumb workspaceId={workspaceId} appId={appId} current={t('ruleRuns.title')} />
      <PageHeader
        title={t('ruleRuns.title')}
        subtitle={`${t('ruleRuns.subtitle')} · ${t('audit.timezoneHint')}`}
        extra={
          <>
            <Select
              data-testid="runs-rule-filter"
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 220 }}
              placeholder={t('ruleRuns.allRules')}
              value={ruleId}
              loading={rules.isPending}
              onChange={(v?: string) => setFilter('ruleId', v)}
              options={[
                ...(rules.data ?? []).map((r) => ({ value: r.id, label: r.name })),
                ...(ruleId && rules.data && !rules.data.some((r) => r.id === ruleId) ? [{ value: ruleId, label: ruleId.slice(0, 8) }] : []),
              ]}
            />
            <Select
              data-testid="runs-outcome-filter"
              allowClear
              style={{ width: 150 }}
              placeholder={t('ruleRuns.allOutcomes')}
              value={outcome}
              onChange={(v?: string) => setFilter('outcome', v)}
              options={OUTCOMES.map((o) => ({ value: o, label: t(`ruleRuns.outcomes.${o}`) }))}
            />
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={() => void runs.refetch()} loading={runs.isFetching && !runs.isFetchingNextPage} aria-label={t('common.refresh')} data-testid="runs-refresh" />
            </Tooltip>
          </>
        }
      />
      {runs.isError && <QueryError error={runs.error} onRetry={() => void runs.refetch()} />}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<RuleRun>
          data-testid="runs-table"
          rowKey="id"
          size="middle"
          loading={runs.isPending}
          columns={columns}
          dataSource={items}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={ruleId || outcome ? t('ruleRuns.emptyFiltered') : t('ruleRuns.empty')} data-testid="runs-empty" /> }}
          onRow={(r) => ({ 'data-testid': 'run-row', 'data-run-id': r.id, 'data-outcome': r.outcome }) as React.HTMLAttributes<HTMLElement>}
          expandable={{
            expandedRowRender: (r) => <RunActions run={r} />,
            expandIcon: ({ expanded, onExpand, record }) => (
              <Button
                type="text"
                size="small"
                icon={expanded ? <MinusSquareOutlined /> : <PlusSquareOutlined />}
                aria-label={expanded ? t('ruleRuns.collapse') : t('ruleRuns.expand')}
                aria-expanded={expanded}
                data-testid="run-expand"
                onClick={(e) => onExpand(record, e)}
              />
            ),
          }}
        />
      </Card>
      {runs.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button icon={<DownOutlined />} onClick={() => void runs.fetchNextPage()} loading={runs.isFetchingNextPage} data-testid="runs-load-more">
            {t('ruleRuns.loadMore')}
          </Button>
        </Flex>
      )}
      {runs.isFetchNextPageError && <Typography.Text type="danger">{errorMessage(runs.error, t)}</Typography.Text>}
    </>
  );
}
