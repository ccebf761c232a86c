import { useState } from 'react';
import { App, Button, Flex, Popconfirm, Select, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, UserDeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../api';
import { errorMessage } from '../../../components/errors';
import { Forbidden, QueryError } from '../../../components/feedback';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../lib/time';
import { useMe } from '../../auth/session';
import { can, canOpen } from '../../workspaces/permissions';
import { useWorkspace } from '../../workspaces/WorkspaceGate';
import { departmentPath, departmentsById } from '../departments/tree';
import { useDepartments } from '../departments/useDepartments';
import { useRoles } from '../roles/useRoles';
import { AddMemberModal } from './AddMemberModal';
import { useChangeMemberRole, useMembers, useRemoveMember } from './useMembers';
import { roleName as displayedRole } from '../roles/roleName';

export default function MembersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const workspace = useWorkspace();
  const me = useMe().data;
  const allowed = canOpen(workspace, 'members');
  const manage = can(workspace, 'member.manage');
  const members = useMembers(workspace.id, allowed);
  const roles = useRoles(workspace.id, allowed && manage);
  const departments = useDepartments(workspace.id, allowed);
  const departmentById = departmentsById(departments.data);
  const changeRole = useChangeMemberRole(workspace.id);
  const remove = useRemoveMember(workspace.id);
  const [adding, setAdding] = useState(false);

  if (!allowed) return <Forbidden />;

  const onRoleChange = async (member: Member, roleId: string) => {
    try {
      const updated = await changeRole.mutateAsync({ userId: member.userId, roleId });
      const roleName = updated?.roleName ?? roles.data?.find((r) => r.id === roleId)?.name ?? '';
      message.success(t('members.roleChanged', { name: member.displayName, role: displayedRole(roleName, t) }));
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const onRemove = async (member: Member) => {
    try {
      await remove.mutateAsync(member.userId);
      message.success(t('members.removed', { name: member.displayName }));
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const columns: TableColumnsType<Member> = [
    {
      title: t('members.user'),
      key: 'user',
      render: (_, m) => (
        <Flex vertical>
          <span>
            <Typography.Text strong>{m.displayName}</Typography.Text>
            {m.userId === me?.id && (
              <Tag color="blue" style={{ marginLeft: 8 }}>
                {t('members.you')}
              </Tag>
            )}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.username}
          </Typography.Text>
        </Flex>
      ),
      sorter: (a, b) => a.displayName.localeCompare(b.displayName),
    },
    {
      title: t('members.role'),
      key: 'role',
      width: 220,
      render: (_, m) => {
        const self = m.userId === me?.id;
        if (!manage || !roles.data) return <Tag>{displayedRole(m.roleName, t)}</Tag>;
        const select = (
          <Select
            data-testid="member-role-inline"
            size="small"
            style={{ width: 180 }}
            value={m.roleId}
            disabled={self || changeRole.isPending}
            options={roles.data.map((r) => ({ value: r.id, label: displayedRole(r.name, t) }))}
            onChange={(roleId: string) => void onRoleChange(m, roleId)}
            aria-label={t('members.role')}
          />
        );
        return self ? <Tooltip title={t('members.selfHint')}>{select}</Tooltip> : select;
      },
    },
    {
      title: t('members.departments'),
      key: 'departments',
      render: (_, m) => {
        // ids the list does not know (a department just deleted) are left out
        const known = (m.departmentIds ?? []).filter((id) => departmentById.has(id));
        return known.length ? (
          <Flex wrap gap={4} data-testid="member-departments">
            {known.map((id) => (
              <Tooltip key={id} title={departmentPath(departmentById, id)}>
                <Tag style={{ marginInlineEnd: 0 }}>{departmentById.get(id)!.name}</Tag>
              </Tooltip>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">-</Typography.Text>
        );
      },
    },
    {
      title: t('members.status'),
      key: 'status',
      width: 180,
      render: (_, m) =>
        m.mustChangePassword ? <Tag color="orange">{t('members.statusPending')}</Tag> : <Tag color="green">{t('members.statusActive')}</Tag>,
    },
    {
      title: t('members.joinedAt'),
      dataIndex: 'joinedAt',
      width: 190,
      render: (v: string) => formatDateTime(v),
      sorter: (a, b) => a.joinedAt.localeCompare(b.joinedAt),
    },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, m) =>
        m.userId === me?.id ? null : (
          <Popconfirm
            title={t('members.removeConfirm', { name: m.displayName })}
            okText={t('common.remove')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => onRemove(m)}
          >
            <Button type="link" danger size="small" icon={<UserDeleteOutlined />} data-testid="member-remove">
              {t('common.remove')}
            </Button>
          </Popconfirm>
        ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('members.title')}
        subtitle={t('members.subtitle')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="member-add" disabled={!roles.data}>
              {t('members.add')}
            </Button>
          )
        }
      />
      {members.isError && <QueryError error={members.error} onRetry={() => void members.refetch()} />}
      {roles.isError && <QueryError error={roles.error} onRetry={() => void roles.refetch()} />}
      <Table<Member>
        data-testid="member-table"
        rowKey="userId"
        loading={members.isPending}
        columns={columns}
        dataSource={members.data ?? []}
        pagination={{ hideOnSinglePage: true, pageSize: 20, showTotal: (total) => t('common.total', { count: total }) }}
        scroll={{ x: 900 }}
      />
      {roles.data && <AddMemberModal workspaceId={workspace.id} roles={roles.data} open={adding} onClose={() => setAdding(false)} />}
    </>
  );
}
