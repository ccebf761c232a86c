import { useMemo, useState, type Key } from 'react';
import { App, Button, Card, Col, Empty, Flex, Popconfirm, Row, Skeleton, Table, Tooltip, Tree, Typography, type TableColumnsType, type TreeDataNode, type TreeProps } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, SubnodeOutlined, UserAddOutlined, UserDeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Department, DepartmentMember } from '../../../api';
import { errorMessage } from '../../../components/errors';
import { Forbidden, QueryError } from '../../../components/feedback';
import { PageHeader } from '../../../components/PageHeader';
import { can, canOpen } from '../../workspaces/permissions';
import { useWorkspace } from '../../workspaces/WorkspaceGate';
import { AddDepartmentMembersModal } from './AddDepartmentMembersModal';
import { DepartmentFormModal, type DepartmentEdit } from './DepartmentFormModal';
import { buildDepartmentTree, departmentPath, departmentsById, dropPlaceOf, dropTarget, planMove, type DepartmentNode } from './tree';
import { useDeleteDepartment, useDepartmentMembers, useDepartments, useMoveDepartment, useRemoveDepartmentMember } from './useDepartments';

/**
 * The workspace's departments as a tree (drag to move or reorder) and the members of the one
 * selected. Whoever may see members sees it; member.manage changes it.
 */
export default function DepartmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const workspace = useWorkspace();
  const allowed = canOpen(workspace, 'departments');
  const manage = can(workspace, 'member.manage');
  const departments = useDepartments(workspace.id, allowed);
  const list = useMemo(() => departments.data ?? [], [departments.data]);
  const tree = useMemo(() => buildDepartmentTree(list), [list]);
  const byId = useMemo(() => departmentsById(list), [list]);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  const [edit, setEdit] = useState<DepartmentEdit | null>(null);
  const remove = useDeleteDepartment(workspace.id);
  const move = useMoveDepartment(workspace.id);

  // the chosen one, else the first: the members panel always shows someone's
  const selected = (chosenId ? byId.get(chosenId) : undefined) ?? tree[0]?.department;
  // every department with sub-departments is open until the user closes one
  const expandedKeys = expanded ?? list.filter((d) => list.some((c) => c.parentId === d.id)).map((d) => d.id);
  const open = (id: string) => setExpanded((keys) => [...new Set([...(keys ?? expandedKeys), id])]);

  if (!allowed) return <Forbidden />;

  const onDelete = async (d: Department) => {
    try {
      await remove.mutateAsync(d.id);
      message.success(t('departments.deleted', { name: d.name }));
      if (chosenId === d.id) setChosenId(d.parentId);
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const onDrop: TreeProps['onDrop'] = (info) => {
    const dragId = String(info.dragNode.key);
    const target = dropTarget(list, dragId, String(info.node.key), dropPlaceOf(info));
    const patches = target ? planMove(list, dragId, target) : [];
    const dragged = byId.get(dragId);
    if (!target || !dragged || patches.length === 0) return;
    move.mutate(patches, {
      onSuccess: () => {
        if (target.parentId) open(target.parentId);
        message.success(t('departments.moved', { name: dragged.name }));
      },
      onError: (e) => message.error(errorMessage(e, t)),
    });
  };

  const toData = (n: DepartmentNode): TreeDataNode => ({
    key: n.department.id,
    title: (
      <span data-testid="department-node" data-id={n.department.id}>
        {n.department.name}
        <Tooltip title={t('departments.memberCount', { count: n.department.memberCount })}>
          <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }} data-testid="department-node-count">
            ({n.department.memberCount})
          </Typography.Text>
        </Tooltip>
      </span>
    ),
    children: n.children.map(toData),
  });

  const treeActions = manage && selected && (
    <Flex gap={4} wrap>
      <Tooltip title={t('departments.addChild')}>
        <Button size="small" icon={<SubnodeOutlined />} onClick={() => setEdit({ kind: 'create', parent: selected })} data-testid="department-add-child" aria-label={t('departments.addChild')} />
      </Tooltip>
      <Tooltip title={t('departments.rename')}>
        <Button size="small" icon={<EditOutlined />} onClick={() => setEdit({ kind: 'rename', department: selected })} data-testid="department-rename" aria-label={t('departments.rename')} />
      </Tooltip>
      <Popconfirm
        title={t('departments.deleteConfirm', { name: selected.name })}
        description={t('departments.deleteHint')}
        okText={t('common.delete')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, loading: remove.isPending }}
        onConfirm={() => onDelete(selected)}
      >
        <Tooltip title={t('common.delete')}>
          <Button size="small" danger icon={<DeleteOutlined />} data-testid="department-delete" aria-label={t('common.delete')} />
        </Tooltip>
      </Popconfirm>
    </Flex>
  );

  let body;
  if (departments.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (departments.isError) body = <QueryError error={departments.error} onRetry={() => void departments.refetch()} />;
  else if (list.length === 0)
    body = (
      <Card>
        <Empty
          data-testid="departments-empty"
          description={
            <>
              <div style={{ fontSize: 16, fontWeight: 500, marginBottom: 4 }}>{t('departments.emptyTitle')}</div>
              <div>{manage ? t('departments.emptyHint') : t('departments.emptyHintReadOnly')}</div>
            </>
          }
        >
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEdit({ kind: 'create', parent: null })} data-testid="department-add-first">
              {t('departments.add')}
            </Button>
          )}
        </Empty>
      </Card>
    );
  else
    body = (
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card title={t('departments.tree')} extra={treeActions} size="small">
            {manage && (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('departments.dragHint')}
              </Typography.Paragraph>
            )}
            <div data-testid="department-tree">
              <Tree
                blockNode
                showLine
                treeData={tree.map(toData)}
                selectedKeys={selected ? [selected.id] : []}
                onSelect={(keys) => {
                  if (keys.length) setChosenId(String(keys[0]));
                }}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpanded(keys)}
                draggable={manage && !move.isPending ? { icon: false } : false}
                onDrop={onDrop}
              />
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          {selected && <DepartmentMembers workspaceId={workspace.id} department={selected} path={departmentPath(byId, selected.id) ?? selected.name} manage={manage} />}
        </Col>
      </Row>
    );

  return (
    <>
      <PageHeader
        title={t('departments.title')}
        subtitle={t('departments.subtitle')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEdit({ kind: 'create', parent: null })} data-testid="department-add">
              {t('departments.add')}
            </Button>
          )
        }
      />
      {body}
      <DepartmentFormModal
        workspaceId={workspace.id}
        edit={edit}
        onClose={() => setEdit(null)}
        onCreated={(d) => {
          setChosenId(d.id);
          if (d.parentId) open(d.parentId);
        }}
      />
    </>
  );
}

/** The members of one department: who is in it, add more, take one out. */
function DepartmentMembers({ workspaceId, department, path, manage }: { workspaceId: string; department: Department; path: string; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const members = useDepartmentMembers(workspaceId, department.id);
  const remove = useRemoveDepartmentMember(workspaceId);
  const [adding, setAdding] = useState(false);
  const present = useMemo(() => new Set((members.data ?? []).map((m) => m.userId)), [members.data]);

  const onRemove = async (m: DepartmentMember) => {
    const member = m.displayName || m.username;
    try {
      await remove.mutateAsync({ departmentId: department.id, userId: m.userId });
      message.success(t('departments.memberRemoved', { member, name: department.name }));
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const columns: TableColumnsType<DepartmentMember> = [
    {
      title: t('members.user'),
      key: 'user',
      render: (_, m) => (
        <Flex vertical>
          <Typography.Text strong>{m.displayName || m.username}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.username}
          </Typography.Text>
        </Flex>
      ),
      sorter: (a, b) => (a.displayName || a.username).localeCompare(b.displayName || b.username),
    },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, m) => (
        <Popconfirm
          title={t('departments.removeMemberConfirm', { member: m.displayName || m.username, name: department.name })}
          okText={t('common.remove')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => onRemove(m)}
        >
          <Button type="link" danger size="small" icon={<UserDeleteOutlined />} data-testid="department-member-remove">
            {t('common.remove')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <Card
      size="small"
      title={
        <Tooltip title={path}>
          <span data-testid="department-members-title">{t('departments.membersOf', { name: department.name })}</span>
        </Tooltip>
      }
      extra={
        manage && (
          <Button size="small" type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="department-member-add">
            {t('departments.addMembers')}
          </Button>
        )
      }
    >
      {members.isError && <QueryError error={members.error} onRetry={() => void members.refetch()} />}
      <Table<DepartmentMember>
        data-testid="department-members"
        rowKey="userId"
        size="small"
        loading={members.isPending}
        columns={columns}
        dataSource={members.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('departments.noMembers')} /> }}
        pagination={{ hideOnSinglePage: true, pageSize: 20, showTotal: (total) => t('common.total', { count: total }) }}
      />
      {manage && <AddDepartmentMembersModal workspaceId={workspaceId} department={department} present={present} open={adding} onClose={() => setAdding(false)} />}
    </Card>
  );
}
