import { useMemo } from 'react';
import { Alert, Card, Empty, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/EChart';
import { QueryError } from '../../components/feedback';
import { fromIsoDuration } from './duration';
import type { ConversionReport, ConversionRow } from './runtimeTypes';
import { useConversion } from './useRuntime';

/** Converted of entered as a percentage with one decimal ("12.5%"); "—" when none entered. */
export function rate(row: Pick<ConversionRow, 'entered' | 'converted'>): string {
  return row.entered === 0 ? '—' : `${Math.round((row.converted / row.entered) * 1000) / 10}%`;
}

/** The groups the chart compares: each version, or each variant (of each split) per version when there are A/B splits. */
export function conversionGroups(report: ConversionReport, label: (row: ConversionRow) => string): { name: string; row: ConversionRow }[] {
  const rows = report.variants.length ? report.variants : report.versions;
  return rows.map((row) => ({ name: label(row), row }));
}

/**
 * A journey's goal conversion: per version and per A/B variant, how many customers entered, reached
 * the goal, are still in the journey and left on its exit condition, as a chart and a table.
 */
export function ConversionCard({ workspaceId, appId, flowId }: { workspaceId: string; appId: string; flowId: string }) {
  const { t } = useTranslation();
  const report = useConversion(workspaceId, appId, flowId, true);
  const label = (row: ConversionRow) => (row.variant ? `v${row.version} · ${row.split}: ${row.variant}` : `v${row.version}`);
  const groups = useMemo(() => (report.data ? conversionGroups(report.data, label) : []), [report.data]);
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, data: [t('flows.conversion.entered'), t('flows.conversion.converted')] },
    grid: { left: 48, right: 24, top: 32, bottom: 56 },
    xAxis: { type: 'category', data: groups.map((g) => g.name) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('flows.conversion.entered'), type: 'bar', barMaxWidth: 56, data: groups.map((g) => g.row.entered), itemStyle: { color: '#91caff' } },
      {
        // the rate stands on its group's converted bar: one glance compares the groups
        name: t('flows.conversion.converted'), type: 'bar', barMaxWidth: 56, itemStyle: { color: '#52c41a' },
        data: groups.map((g) => ({ value: g.row.converted, label: { show: true, position: 'top', formatter: rate(g.row) } })),
      },
    ],
  }), [groups, t]);

  const columns: TableColumnsType<ConversionRow> = [
    { title: t('flows.conversion.group'), render: (_, row) => label(row) },
    { title: t('flows.conversion.entered'), dataIndex: 'entered', align: 'right' },
    { title: t('flows.conversion.converted'), dataIndex: 'converted', align: 'right' },
    { title: t('flows.conversion.rate'), align: 'right', render: (_, row) => <span data-testid="conversion-rate">{rate(row)}</span> },
    { title: t('flows.conversion.running'), dataIndex: 'running', align: 'right' },
    { title: t('flows.conversion.exited'), dataIndex: 'exited', align: 'right' },
  ];

  const goal = report.data?.goal;
  const span = (iso: string) => {
    const amount = fromIsoDuration(iso);
    return amount ? `${amount.amount} ${t(`flows.units.${amount.unit}`)}` : iso;
  };
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="conversion-card"
      title={<Space><AimOutlined />{t('flows.conversion.title')}</Space>}
      extra={goal && (
        <Typography.Text type="secondary" data-testid="conversion-goal">
          {t('flows.conversion.goal', { event: goal.form ? `${goal.form} · ${goal.event}` : goal.event })}
          <Tag style={{ marginLeft: 8 }}>{t('flows.conversion.window', { span: span(goal.within ?? 'P30D') })}</Tag>
        </Typography.Text>
      )}>
      {report.error ? (
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      ) : !report.data ? null : !goal && report.data.versions.every((r) => r.exited === 0) ? (
        <Alert type="info" showIcon title={t('flows.conversion.noGoal')} data-testid="conversion-no-goal" />
      ) : groups.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('flows.conversion.empty')} />
      ) : (
        <>
          <EChart option={option} testId="conversion-chart" />
          <Table size="small" rowKey={(r) => `${r.version}:${r.split ?? ''}:${r.variant ?? ''}`} pagination={false}
            dataSource={groups.map((g) => g.row)} columns={columns} data-testid="conversion-table" />
        </>
      )}
    </Card>
  );
}
