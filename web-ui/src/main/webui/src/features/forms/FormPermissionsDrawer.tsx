import { useState } from 'react';
import { App as AntApp, Alert, Button, Drawer, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/errors';
import { QueryError } from '../../components/feedback';
import { MY_DEPARTMENTS, MY_DEPARTMENTS_AND_BELOW } from '../records/filter';
import { ME } from '../records/MemberSelect';
import { formsApi, type RolePermission, type PermissionSetting } from './formsApi';
import type { FieldDefinition } from './types';
import { roleName } from '../admin/roles/roleName';

const OPERATIONS = ['view', 'create', 'edit', 'delete'] as const;

/** "Owner is me" row filters on member fields: the one kind of row filter the drawer builds for them. */
export function ownerFieldOf(rowFilter: unknown): string | undefined {
  const scope = rowScopeOf(rowFilter);
  return scope?.value === ME ? scope.field : undefined;
}

/** What a row filter built here compares with: the user, or the user's departments (and below). */
export type RowScopeValue = typeof ME | typeof MY_DEPARTMENTS | typeof MY_DEPARTMENTS_AND_BELOW;
const SCOPE_VALUES: readonly string[] = [ME, MY_DEPARTMENTS, MY_DEPARTMENTS_AND_BELOW];

export interface RowScope {
  field: string;
  value: RowScopeValue;
}

/**
 * The row filters the drawer builds: a member field "is me", a department field "is my department"
 * or "is my department or below" (`{field, op: "eq", value: "$me"}` and so on). Anything else: undefined.
 */
export function rowScopeOf(rowFilter: unknown): RowScope | undefined {
  if (!rowFilter || typeof rowFilter !== 'object') return undefined;
  const f = rowFilter as { field?: unknown; op?: unknown; value?: unknown };
  if (f.op !== 'eq' || typeof f.field !== 'string' || typeof f.value !== 'string' || !SCOPE_VALUES.includes(f.value)) return undefined;
  return { field: f.field, value: f.value as RowScopeValue };
}

/** The choices of the rows column: per member field "is me", per department field both department scopes. */
export function rowScopeChoices(fields: readonly FieldDefinition[]): RowScope[] {
  const out: RowScope[] = [];
  for (const f of fields) {
    if (f.type === 'member') out.push({ field: f.key, value: ME });
    if (f.type === 'department') out.push({ field: f.key, value: MY_DEPARTMENTS }, { field: f.key, value: MY_DEPARTMENTS_AND_BELOW });
  }
  return out;
}

// a Select needs one string per choice; field keys hold no "|"
const scopeKey = (s: RowScope) => `${s.field}|${s.value}`;

const SCOPE_LABELS: Record<RowScopeValue, string> = {
  [ME]: 'forms.permissions.ownRows',
  [MY_DEPARTMENTS]: 'forms.permissions.myDepartmentRows',
  [MY_DEPARTMENTS_AND_BELOW]: 'forms.permissions.myDepartmentBelowRows',
};

/**
 * What each role may do with the form's records: switch operations off, limit rows to the records a
 * member field assigns to the user (or a department field to the user's departments), hide fields. A role without a setting has its workspace defaults;
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
  const { message, modal } = AntApp.useApp();
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
  const scopes = rowScopeChoices(fields);
  const labelOf = (key: string) => fields.find((f) => f.key === key)?.label ?? key;

  const current = (r: RolePermission): PermissionSetting => editing[r.roleId] ?? r.setting;
  // each role saves on its own: closing with a change not saved asks first
  const close = () => {
    if (Object.keys(editing).length === 0) return onClose();
    modal.confirm({
      title: t('common.leave.title'),
      content: t('forms.permissions.unsaved'),
      okText: t('common.leave.ok'),
      cancelText: t('common.leave.stay'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'perm-leave-ok' } as object) },
      onOk: onClose,
    });
  };
  const change = (r: RolePermission, c: Partial<PermissionSetting>) => setEditing((e) => ({ ...e, [r.roleId]: { ...current(r), ...c } }));
  const submit = async (r: RolePermission) => {
    try {
      await save.mutateAsync(current(r));
      setEditing(({ [r.roleId]: _, ...rest }) => rest);
      message.success(t('forms.permissions.saved', { role: roleName(r.roleName, t) }));
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const columns: TableColumnsType<RolePermission> = [
    {
      title: t('forms.permissions.role'),
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{roleName(r.roleName, t)}</Typography.Text>
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
          style={{ width: 200 }}
          popupMatchSelectWidth={false}
          value={(() => {
            const scope = rowScopeOf(current(r).rowFilter);
            return scope ? scopeKey(scope) : '';
          })()}
          onChange={(key: string) => {
            const scope = scopes.find((s) => scopeKey(s) === key);
            change(r, { rowFilter: scope ? { field: scope.field, op: 'eq', value: scope.value } : null });
          }}
          options={[{ value: '', label: t('forms.permissions.allRows') },
            ...scopes.map((s) => ({ value: scopeKey(s), label: t(SCOPE_LABELS[s.value], { field: labelOf(s.field) }) }))]}
          data-testid="perm-rows"
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
    <Drawer open width={1000} title={t('forms.permissions.title')} onClose={close} data-testid="form-permissions">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('forms.permissions.hint')} />
      {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table rowKey="roleId" loading={list.isLoading} dataSource={list.data ?? []} columns={columns} pagination={false} size="small" />
      )}
    </Drawer>
  );
}
