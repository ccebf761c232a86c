import { useState } from 'react';
import { Alert, App, Button, Flex, Popconfirm, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../api';
import { errorMessage } from '../../../components/errors';
import { Forbidden, QueryError } from '../../../components/feedback';
import { PageHeader } from '../../../components/PageHeader';
import { can, canOpen, permissionLabelKey } from '../../workspaces/permissions';
import { useWorkspace } from '../../workspaces/WorkspaceGate';
import { RoleFormModal } from './RoleFormModal';
import { useDeleteRole, usePermissionCatalogue, useRoles } from './useRoles';
import { roleName } from './roleName';

export default function RolesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const workspace = useWorkspace();
  const allowed = canOpen(workspace, 'roles');
  const manage = can(workspace, 'role.manage');
  const roles = useRoles(workspace.id, allowed);
  const catalogue = usePermissionCatalogue(allowed && manage);
  const remove = useDeleteRole(workspace.id);
  const [modalOpen, setModalOpen] = useState(false);
  const [editing, setEditing] = useState<Role | undefined>();

  if (!allowed) return <Forbidden />;

  const onDelete = async (role: Role) => {
    try {
      await remove.mutateAsync(role.id);
      message.success(t('roles.deleted'));
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const columns: TableColumnsType<Role> = [
    {
      title: t('roles.name'),
      key: 'name',
      width: 220,
      render: (_, r) => (
        <Flex vertical>
          <span>
            <Typography.Text strong>{roleName(r.name, t)}</Typography.Text>
            {r.builtIn && (
              <Tag style={{ marginLeft: 8 }} color="purple">
                {t('roles.builtIn')}
              </Tag>
            )}
          </span>
          {r.description && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.description}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('roles.permissions'),
      key: 'permissions',
      render: (_, r) =>
        r.permissions.length ? (
          <Flex wrap gap={4}>
            {r.permissions.map((p) => (
              <Tooltip title={p} key={p}>
                <Tag color="blue">{t(permissionLabelKey(p), { defaultValue: p })}</Tag>
              </Tooltip>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
    { title: t('roles.memberCount'), dataIndex: 'memberCount', width: 100, align: 'right' },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, r) => {
        const blocked = r.builtIn ? t('roles.cannotDeleteBuiltIn') : r.memberCount > 0 ? t('roles.cannotDeleteInUse') : null;
        return (
          <Flex gap={4}>
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              disabled={!catalogue.data}
              onClick={() => {
                setEditing(r);
                setModalOpen(true);
              }}
            >
              {t('common.edit')}
            </Button>
            {blocked ? (
              <Tooltip title={blocked}>
                <Button type="link" size="small" danger icon={<DeleteOutlined />} disabled>
                  {t('common.delete')}
                </Button>
              </Tooltip>
            ) : (
              <Popconfirm
                title={t('roles.deleteConfirm', { name: roleName(r.name, t) })}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => onDelete(r)}
              >
                <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </Flex>
        );
      },
    });
  }

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        subtitle={t('roles.subtitle')}
        extra={
          manage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!catalogue.data}
              data-testid="role-create"
              onClick={() => {
                setEditing(undefined);
                setModalOpen(true);
              }}
            >
              {t('roles.create')}
            </Button>
          )
        }
      />
      {!manage && <Alert type="info" showIcon title={t('roles.readOnly')} style={{ marginBottom: 16 }} />}
      {roles.isError && <QueryError error={roles.error} onRetry={() => void roles.refetch()} />}
      {catalogue.isError && <QueryError error={catalogue.error} onRetry={() => void catalogue.refetch()} />}
      <Table<Role>
        data-testid="role-table"
        rowKey="id"
        loading={roles.isPending}
        columns={columns}
        dataSource={roles.data ?? []}
        pagination={false}
        scroll={{ x: 760 }}
      />
      {catalogue.data && (
        <RoleFormModal
          workspaceId={workspace.id}
          catalogue={catalogue.data}
          open={modalOpen}
          role={editing}
          onClose={() => setModalOpen(false)}
        />
      )}
    </>
  );
}
