import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Select, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { auditApi, queryKeys, type AuditEntry, type AuditQuery } from '../../../api';
import { Forbidden, QueryError } from '../../../components/feedback';
import { PageHeader } from '../../../components/PageHeader';
import { formatAuditDetail } from '../../../lib/auditDetail';
import { formatDateTime } from '../../../lib/time';
import { can } from '../../workspaces/permissions';
import { useWorkspace } from '../../workspaces/WorkspaceGate';
import { useWorkspaces } from '../../workspaces/useWorkspaces';
import { AUDIT_TYPES, auditTypeColor, auditTypeLabelKey, PLATFORM_AUDIT_TYPES } from './auditTypes';

const PAGE_SIZES = [20, 50, 100];

export default function AuditPage({ scope }: { scope: 'workspace' | 'platform' }) {
  return scope === 'workspace' ? <WorkspaceAudit /> : <AuditView scope="platform" />;
}

function WorkspaceAudit() {
  const workspace = useWorkspace();
  if (!can(workspace, 'audit.read')) return <Forbidden />;
  return <AuditView scope="workspace" workspaceId={workspace.id} />;
}

function AuditView({ scope, workspaceId }: { scope: 'workspace' | 'platform'; workspaceId?: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const workspaces = useWorkspaces();
  const type = params.get('type') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const sizeParam = Number(params.get('size'));
  const size = PAGE_SIZES.includes(sizeParam) ? sizeParam : PAGE_SIZES[0];
  const query: AuditQuery = { type, page: page - 1, size };

  const audit = useQuery({
    queryKey: queryKeys.audit(scope === 'platform' ? 'platform' : `ws:${workspaceId}`, query),
    queryFn: () => (scope === 'platform' ? auditApi.platform(query) : auditApi.workspace(workspaceId!, query)),
    placeholderData: keepPreviousData,
  });

  const update = (next: { type?: string | null; page?: number; size?: number }) => {
    const p = new URLSearchParams(params);
    if (next.type !== undefined) {
      if (next.type) p.set('type', next.type);
      else p.delete('type');
    }
    if (next.page !== undefined) {
      if (next.page > 1) p.set('page', String(next.page));
      else p.delete('page');
    }
    if (next.size !== undefined) {
      if (next.size !== PAGE_SIZES[0]) p.set('size', String(next.size));
      else p.delete('size');
    }
    setParams(p, { replace: true });
  };

  const typeOrder: readonly string[] =
    scope === 'platform' ? [...PLATFORM_AUDIT_TYPES, ...AUDIT_TYPES.filter((x) => !(PLATFORM_AUDIT_TYPES as readonly string[]).includes(x))] : AUDIT_TYPES;
  const label = (x: string) => t(auditTypeLabelKey(x), { defaultValue: x });
  const wsName = (id?: string | null) => (id ? (workspaces.data?.find((w) => w.id === id)?.name ?? id.slice(0, 8)) : '');

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.time'), dataIndex: 'at', width: 180, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span> },
    {
      title: t('audit.type'),
      dataIndex: 'type',
      width: 170,
      render: (v: string) => (
        <Tooltip title={v}>
          <Tag color={auditTypeColor(v)} data-testid="audit-type">
            {label(v)}
          </Tag>
        </Tooltip>
      ),
    },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 150, render: (v?: string | null) => v || <Typography.Text type="secondary">{t('audit.system')}</Typography.Text> },
    {
      title: t('audit.detail'),
      dataIndex: 'detail',
      render: (v: AuditEntry['detail'], entry) => {
        const text = formatAuditDetail(v, 60, entry.type);
        return text ? (
          <Tooltip title={<pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(v, null, 2)}</pre>}>
            <Typography.Text style={{ fontSize: 12 }} ellipsis>
              {text}
            </Typography.Text>
          </Tooltip>
        ) : null;
      },
    },
    ...(scope === 'platform'
      ? [{ title: t('audit.workspace'), dataIndex: 'workspaceId', width: 140, render: (v?: string | null) => wsName(v) }]
      : []),
    { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (v?: string | null) => <Typography.Text type="secondary">{v}</Typography.Text> },
  ];

  return (
    <>
      <PageHeader
        title={scope === 'platform' ? t('audit.platformTitle') : t('audit.title')}
        subtitle={`${scope === 'platform' ? t('audit.platformSubtitle') : t('audit.subtitle')} · ${t('audit.timezoneHint')}`}
        extra={
          <>
            <Select
              data-testid="audit-type-filter"
              allowClear
              style={{ width: 220 }}
              placeholder={t('audit.allTypes')}
              value={type}
              onChange={(v?: string) => update({ type: v ?? null, page: 1 })}
              options={typeOrder.map((x) => ({ value: x, label: label(x) }))}
            />
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={() => void audit.refetch()} loading={audit.isFetching} aria-label={t('common.refresh')} />
            </Tooltip>
          </>
        }
      />
      {audit.isError && <QueryError error={audit.error} onRetry={() => void audit.refetch()} />}
      <Table<AuditEntry>
        data-testid="audit-table"
        rowKey="id"
        size="middle"
        loading={audit.isPending || (audit.isFetching && audit.isPlaceholderData)}
        columns={columns}
        dataSource={audit.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: size,
          total: audit.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (total) => t('common.total', { count: total }),
          onChange: (p, s) => update(s !== size ? { page: 1, size: s } : { page: p }),
        }}
      />
    </>
  );
}
