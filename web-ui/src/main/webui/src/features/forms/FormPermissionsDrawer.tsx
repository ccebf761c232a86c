import { useState } from 'react';
import { App as AntApp, Alert, Button, Drawer, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/errors';
import { QueryError } from '../../components/feedback';
import { formsApi, type RolePermission, type PermissionSetting } from './formsApi';
import type { FieldDefinition } from './types';

const OPERATIONS = ['view', 'create', 'edit', 'delete'] as const;

/** "Owner is me" row filters on member fields: the one kind of row filter the drawer builds. */
export function ownerFieldOf(rowFilter: unknown): string | undefined {
  if (!rowFilter || typeof rowFilter !== 'object') return undefined;
  const f = rowFilter as { field?: unknown; op?: unknown; value?: unknown };
  return f.op === 'eq' && f.value === '$me' && typeof f.field === 'string' ? f.field : undefined;
}

/**
 * What each role may do with the form's records: switch operations off, limit rows to the records a
 * member field assigns to the user, hide fields. A role without a setting has its workspace defaults;
 * a setting can only take away.
 */
export function FormPermissionsDrawer({ workspaceId, appId, formId, fields, onClose }: {
  workspaceId: string;
  appId: string;
  formId: string;
  fields: FieldDefinition[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const key = ['forms', workspaceId, appId, 'permissions', formId] as const;
  const list = useQuery({ queryKey: key, queryFn: () => formsApi.permissions(workspaceId, appId, formId) });
  const [editing, setEditing] = useState<Record<string, PermissionSetting>>({});
  const save = useMutation({
    mutationFn: (s: PermissionSetting) => formsApi.savePermission(workspaceId, appId, formId, s),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const reset = useMutation({
    mutationFn: (roleId: string) => formsApi.resetPermission(workspaceId, appId, formId, roleId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const members = fields.filter((f) => f.type === 'member');

  const current = (r: RolePermission): PermissionSetting => editing[r.roleId] ?? r.setting;
  const change = (r: RolePermission, c: Partial<PermissionSetting>) => setEditing((e) => ({ ...e, [r.roleId]: { ...current(r), ...c } }));
  const submit = async (r: RolePermission) => {
    try {
      await save.mutateAsync(current(r));
      setEditing(({ [r.roleId]: _, ...rest }) => rest);
      message.success(t('forms.permissions.saved', { role: r.roleName }));
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const columns: TableColumnsType<RolePermission> = [
    {
      title: t('forms.permissions.role'),
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{r.roleName}</Typography.Text>
          {r.custom ? <Tag color="blue">{t('forms.permissions.custom')}</Tag> : <Tag>{t('forms.permissions.defaults')}</Tag>}
        </Space>
      ),
    },
    ...OPERATIONS.map((op) => ({
      title: t(`forms.permissions.${op}`),
      width: 70,
      render: (_: unknown, r: RolePermission) => (
        <Switch size="small" checked={current(r)[op]} onChange={(v) => change(r, { [op]: v })} data-testid={`perm-${op}`} />
      ),
    })),
    {
      title: t('forms.permissions.rows'),
      render: (_, r) => (
        <Select
          style={{ width: 170 }}
          value={ownerFieldOf(current(r).rowFilter) ?? ''}
          onChange={(field: string) => change(r, { rowFilter: field ? { field, op: 'eq', value: '$me' } : null })}
          options={[{ value: '', label: t('forms.permissions.allRows') },
            ...members.map((m) => ({ value: m.key, label: t('forms.permissions.ownRows', { field: m.label }) }))]}
        />
      ),
    },
    {
      title: t('forms.permissions.hidden'),
      render: (_, r) => (
        <Select
          mode="multiple"
          style={{ minWidth: 180 }}
          value={current(r).hiddenFields}
          onChange={(hiddenFields: string[]) => change(r, { hiddenFields })}
          options={fields.map((f) => ({ value: f.key, label: f.label }))}
          placeholder={t('forms.permissions.noneHidden')}
        />
      ),
    },
    {
      render: (_, r) => (
        <Space>
          <Button size="small" type="primary" disabled={!editing[r.roleId]} loading={save.isPending} onClick={() => void submit(r)}>
            {t('common.save')}
          </Button>
          {r.custom && (
            <Button size="small" onClick={() => void reset.mutateAsync(r.roleId).catch((e: unknown) => message.error(errorMessage(e, t)))}>
              {t('forms.permissions.reset')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Drawer open width={1000} title={t('forms.permissions.title')} onClose={onClose} data-testid="form-permissions">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('forms.permissions.hint')} />
      {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table rowKey="roleId" loading={list.isLoading} dataSource={list.data ?? []} columns={columns} pagination={false} size="small" />
      )}
    </Drawer>
  );
}
