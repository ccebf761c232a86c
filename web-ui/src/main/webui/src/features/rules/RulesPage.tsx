import { App as AntApp, Button, Card, Empty, Popconfirm, Skeleton, Space, Switch, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, HistoryOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { RuleSummary } from '../../api';
import { errorMessage } from '../../components/errors';
import { Forbidden, QueryError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { tid } from '../../components/testid';
import { formatDateTime } from '../../lib/time';
import { can, canOpen } from '../workspaces/permissions';
import { useWorkspace } from '../workspaces/WorkspaceGate';
import { OutcomeTag, RulesBreadcrumb, RuleStatusTag, rulePath, rulesPath, runsPath } from './common';
import { describeTrigger } from './trigger';
import { useDeleteRule, useLatestRuns, useRuleList, useSetRuleEnabled } from './useRules';

export default function RulesPage() {
  const workspace = useWorkspace();
  const { appId = '' } = useParams();
  if (!canOpen(workspace, 'apps')) return <Forbidden />;
  return <RulesList workspaceId={workspace.id} appId={appId} manage={can(workspace, 'app.manage')} />;
}

function RulesList({ workspaceId, appId, manage }: { workspaceId: string; appId: string; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const rules = useRuleList(workspaceId, appId);
  const setEnabled = useSetRuleEnabled(workspaceId, appId);
  const remove = useDeleteRule(workspaceId, appId);
  // a server that does not say each rule's last run: take it from the run log
  const latest = useLatestRuns(workspaceId, appId, manage && !!rules.data?.some((r) => r.lastRun === undefined));

  const toggle = async (rule: RuleSummary, enabled: boolean) => {
    try {
      await setEnabled.mutateAsync({ ruleId: rule.id, enabled });
      message.success(enabled ? t('rules.enabledOn', { name: rule.name }) : t('rules.enabledOff', { name: rule.name }));
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };
  const doDelete = async (rule: RuleSummary) => {
    try {
      await remove.mutateAsync(rule.id);
      message.success(t('rules.deleted'));
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const sorted = [...(rules.data ?? [])].sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
  const newPath = `${rulesPath(workspaceId, appId)}/new`;

  const columns: TableColumnsType<RuleSummary> = [
    {
      title: t('rules.name'),
      dataIndex: 'name',
      render: (name: string, r) => (
        <Link to={rulePath(workspaceId, appId, r.id)} data-testid="rule-name-link">
          {name}
        </Link>
      ),
    },
    {
      title: t('rules.trigger'),
      dataIndex: 'trigger',
      render: (_, r) => <span data-testid="rule-trigger">{describeTrigger(r.trigger, t)}</span>,
    },
    { title: t('rules.priority'), dataIndex: 'priority', width: 90, align: 'right' },
    {
      title: t('rules.statusTitle'),
      key: 'status',
      width: 230,
      render: (_, r) => <RuleStatusTag draftVersion={r.draftVersion} publishedVersion={r.publishedVersion} changedSincePublish={r.changedSincePublish} />,
    },
    {
      title: t('rules.enabled'),
      dataIndex: 'enabled',
      width: 90,
      render: (enabled: boolean, r) => {
        const neverPublished = r.publishedVersion === null || r.publishedVersion === undefined;
        const sw = (
          <Switch
            size="small"
            checked={enabled}
            disabled={!manage || (!enabled && neverPublished)}
            loading={setEnabled.isPending && setEnabled.variables?.ruleId === r.id}
            onChange={(v) => void toggle(r, v)}
            data-testid="rule-enabled-switch"
            aria-label={t('rules.enabled')}
          />
        );
        return !enabled && neverPublished ? <Tooltip title={t('rules.enableNeedsPublish')}>{sw}</Tooltip> : sw;
      },
    },
    {
      title: t('rules.lastRun'),
      key: 'lastRun',
      width: 220,
      render: (_, r) => {
        const lastRun = r.lastRun === undefined ? latest.data?.get(r.id) : r.lastRun;
        return lastRun ? (
          <Space size={4}>
            <OutcomeTag outcome={lastRun.outcome} testId="rule-last-outcome" />
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {formatDateTime(lastRun.startedAt)}
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('rules.neverRun')}</Typography.Text>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, r) => (
        <Space size={0}>
          <Tooltip title={manage ? t('common.edit') : t('rules.view')}>
            <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => navigate(rulePath(workspaceId, appId, r.id))} data-testid="rule-edit" />
          </Tooltip>
          {manage && (
            <Tooltip title={t('rules.runLog')}>
              <Button type="text" size="small" icon={<HistoryOutlined />} aria-label={t('rules.runLog')} onClick={() => navigate(runsPath(workspaceId, appId, r.id))} data-testid="rule-runs" />
            </Tooltip>
          )}
          {manage && (
            <Popconfirm
              title={t('rules.deleteConfirm', { name: r.name })}
              description={r.enabled ? t('rules.deleteEnabledWarning') : undefined}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, ...tid('rule-delete-ok') }}
              onConfirm={() => doDelete(r)}
            >
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid="rule-delete" />
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <RulesBreadcrumb workspaceId={workspaceId} appId={appId} />
      <PageHeader
        title={t('rules.title')}
        subtitle={t('rules.subtitle')}
        extra={
          <>
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={() => void rules.refetch()} loading={rules.isFetching} aria-label={t('common.refresh')} data-testid="rules-refresh" />
            </Tooltip>
            {manage && (
              <Link to={runsPath(workspaceId, appId)} data-testid="rules-runs-link">
                <Button icon={<HistoryOutlined />}>{t('rules.runLog')}</Button>
              </Link>
            )}
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(newPath)} data-testid="rule-create">
                {t('rules.create')}
              </Button>
            )}
          </>
        }
      />
      {rules.isError && <QueryError error={rules.error} onRetry={() => void rules.refetch()} />}
      {rules.isPending ? (
        <Skeleton active />
      ) : rules.isSuccess && sorted.length === 0 ? (
        <Card>
          <Empty
            data-testid="rules-empty"
            description={
              <>
                <div style={{ fontSize: 16, fontWeight: 500, marginBottom: 4 }}>{t('rules.emptyTitle')}</div>
                <div>{manage ? t('rules.emptyHint') : t('rules.emptyHintReadOnly')}</div>
              </>
            }
          >
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(newPath)} data-testid="rule-create-empty">
                {t('rules.create')}
              </Button>
            )}
          </Empty>
        </Card>
      ) : (
        rules.isSuccess && (
          <Table<RuleSummary>
            data-testid="rules-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={sorted}
            pagination={false}
            scroll={{ x: 1000 }}
            onRow={(r) => ({ 'data-testid': 'rule-row', 'data-rule-id': r.id }) as React.HTMLAttributes<HTMLElement>}
          />
        )
      )}
    </>
  );
}
