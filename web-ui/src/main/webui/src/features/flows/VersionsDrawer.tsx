import { useMemo, useState } from 'react';
import { Button, Drawer, Empty, Spin, Table, Typography, type TableColumnsType } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/feedback';
import { formatDateTime } from '../../lib/time';
import { FlowViewer } from './FlowCanvas';
import { graphToFlow } from './graph';
import type { FlowVersion } from './types';
import { useFlowVersion, useFlowVersions } from './useFlows';

/** The published versions of a flow, newest first; any of them shown read only. */
export function VersionsDrawer({ workspaceId, appId, flowId, onClose }: { workspaceId: string; appId: string; flowId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const versions = useFlowVersions(workspaceId, appId, flowId, true);
  const [chosen, setChosen] = useState<number | null>(null);
  const graph = useFlowVersion(workspaceId, appId, flowId, chosen);
  const drawn = useMemo(() => (graph.data ? graphToFlow(graph.data) : null), [graph.data]);

  const columns: TableColumnsType<FlowVersion> = [
    { title: t('flows.versions.title'), dataIndex: 'version', render: (v: number) => t('flows.versions.version', { version: v }) },
    { title: t('flows.versions.publishedAt'), dataIndex: 'publishedAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('flows.versions.publishedBy'),
      dataIndex: 'publishedBy',
      render: (v?: string | null) => (v ? <Typography.Text ellipsis style={{ maxWidth: 120 }}>{v}</Typography.Text> : '—'),
    },
    {
      key: 'view',
      render: (_, v) => (
        <Button size="small" type={chosen === v.version ? 'primary' : 'default'} icon={<EyeOutlined />} onClick={() => setChosen(v.version)}
          data-testid={`flow-version-view-${v.version}`}>
          {t('flows.versions.view')}
        </Button>
      ),
    },
  ];

  return (
    <Drawer open size={720} title={t('flows.versions.title')} onClose={onClose} data-testid="flow-versions">
      {versions.error ? (
        <QueryError error={versions.error} onRetry={() => void versions.refetch()} />
      ) : (
        <Table
          rowKey="version"
          size="small"
          loading={versions.isLoading}
          dataSource={versions.data ?? []}
          columns={columns}
          pagination={false}
          locale={{ emptyText: <Empty description={t('flows.versions.none')} /> }}
        />
      )}
      {chosen !== null && (
        <div style={{ marginTop: 16 }}>
          <Typography.Title level={5}>{t('flows.versions.viewing', { version: chosen })}</Typography.Title>
          {graph.error ? (
            <QueryError error={graph.error} onRetry={() => void graph.refetch()} />
          ) : (
            <div style={{ height: 420, border: '1px solid #f0f0f0', borderRadius: 8 }}>
              {drawn ? <FlowViewer nodes={drawn.nodes} edges={drawn.edges} /> : <Spin style={{ margin: 40 }} />}
            </div>
          )}
        </div>
      )}
    </Drawer>
  );
}
