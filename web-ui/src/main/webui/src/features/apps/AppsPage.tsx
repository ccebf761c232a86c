import { useMemo, useState } from 'react';
import { App as AntApp, Button, Card, Col, Empty, Input, Popconfirm, Row, Skeleton, Tooltip, Typography } from 'antd';
import { AppstoreTwoTone, DeleteOutlined, EditOutlined, FormOutlined, NodeIndexOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { App } from '../../api';
import { errorMessage } from '../../components/errors';
import { Forbidden, QueryError } from '../../components/feedback';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/time';
import { can, canOpen } from '../workspaces/permissions';
import { useWorkspace } from '../workspaces/WorkspaceGate';
import { AppFormModal } from './AppFormModal';
import { useApps, useDeleteApp } from './useApps';

export default function AppsPage() {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const workspace = useWorkspace();
  const allowed = canOpen(workspace, 'apps');
  const manage = can(workspace, 'app.manage');
  const apps = useApps(workspace.id, allowed);
  const remove = useDeleteApp(workspace.id);
  const [editing, setEditing] = useState<App | undefined>();
  const [modalOpen, setModalOpen] = useState(false);
  const [filter, setFilter] = useState('');

  const sorted = useMemo(() => {
    const q = filter.trim().toLocaleLowerCase(i18n.language);
    return [...(apps.data ?? [])]
      .filter((a) => !q || a.name.toLocaleLowerCase(i18n.language).includes(q))
      .sort((a, b) => a.name.localeCompare(b.name, i18n.language));
  }, [apps.data, filter, i18n.language]);

  if (!allowed) return <Forbidden />;

  const openCreate = () => {
    setEditing(undefined);
    setModalOpen(true);
  };
  const openEdit = (app: App) => {
    setEditing(app);
    setModalOpen(true);
  };
  const doDelete = async (app: App) => {
    try {
      await remove.mutateAsync(app.id);
      message.success(t('apps.deleted'));
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const hasApps = (apps.data?.length ?? 0) > 0;

  return (
    <>
      <PageHeader
        title={t('apps.title')}
        subtitle={t('apps.subtitle')}
        extra={
          <>
            {hasApps && (
              <Input
                allowClear
                prefix={<SearchOutlined />}
                placeholder={t('apps.filterPlaceholder')}
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                style={{ width: 220 }}
              />
            )}
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={openCreate} data-testid="app-create">
                {t('apps.create')}
              </Button>
            )}
          </>
        }
      />
      {apps.isError && <QueryError error={apps.error} onRetry={() => void apps.refetch()} />}
      {apps.isPending ? (
        <Skeleton active />
      ) : !hasApps ? (
        apps.isSuccess && (
          <Card>
            <Empty
              data-testid="apps-empty"
              description={
                <>
                  <div style={{ fontSize: 16, fontWeight: 500, marginBottom: 4 }}>{t('apps.emptyTitle')}</div>
                  <div>{manage ? t('apps.emptyHint') : t('apps.emptyHintReadOnly')}</div>
                </>
              }
            >
              {manage && (
                <Button type="primary" icon={<PlusOutlined />} onClick={openCreate} data-testid="app-create-empty">
                  {t('apps.create')}
                </Button>
              )}
            </Empty>
          </Card>
        )
      ) : sorted.length === 0 ? (
        <Empty description={t('apps.noMatch')} />
      ) : (
        <Row gutter={[16, 16]} data-testid="app-list">
          {sorted.map((app) => (
            <Col key={app.id} xs={24} sm={12} lg={8} xxl={6}>
              <Card
                className="qb-app-card"
                data-testid="app-item"
                data-app-id={app.id}
                hoverable
                actions={[
                  <Tooltip title={t('apps.formsHint')} key="forms">
                    <Link to={`/w/${workspace.id}/apps/${encodeURIComponent(app.id)}/forms`} data-testid="app-forms" aria-label={t('apps.forms')}>
                      <FormOutlined /> {t('apps.forms')}
                    </Link>
                  </Tooltip>,
                  <Tooltip title={t('apps.rulesHint')} key="rules">
                    <Link to={`/w/${workspace.id}/apps/${encodeURIComponent(app.id)}/rules`} data-testid="app-rules" aria-label={t('apps.rules')}>
                      <NodeIndexOutlined /> {t('apps.rules')}
                    </Link>
                  </Tooltip>,
                  ...(manage
                    ? [
                        <Tooltip title={t('common.edit')} key="edit">
                          <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => openEdit(app)} data-testid="app-edit" />
                        </Tooltip>,
                        <Popconfirm
                          key="delete"
                          title={t('apps.deleteConfirm', { name: app.name })}
                          okText={t('common.delete')}
                          cancelText={t('common.cancel')}
                          okButtonProps={{ danger: true }}
                          onConfirm={() => doDelete(app)}
                        >
                          <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid="app-delete" />
                        </Popconfirm>,
                      ]
                    : []),
                ]}
              >
                <Card.Meta
                  avatar={<AppstoreTwoTone style={{ fontSize: 32 }} />}
                  title={<span data-testid="app-item-name">{app.name}</span>}
                  description={
                    <>
                      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 8, minHeight: 44 }}>
                        {app.description || t('apps.noDescription')}
                      </Typography.Paragraph>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('apps.updatedAt', { time: formatDateTime(app.updatedAt, false) })}
                      </Typography.Text>
                    </>
                  }
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <AppFormModal workspaceId={workspace.id} open={modalOpen} app={editing} onClose={() => setModalOpen(false)} />
    </>
  );
}
