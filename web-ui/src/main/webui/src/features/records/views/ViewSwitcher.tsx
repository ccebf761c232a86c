import { useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Dropdown, Flex, Form, Input, Tabs, Tooltip, type ButtonProps, type MenuProps } from 'antd';
import { DeleteOutlined, EditOutlined, MoreOutlined, PlusOutlined, TeamOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../components/errors';
import { FormModal } from '../../../components/FormModal';
import { tid } from '../../../components/testid';
import type { FieldDefinition } from '../types';
import { KIND_ICONS, SaveViewModal } from './SaveViewModal';
import type { GridViewConfig, SavedView } from './types';
import { useDeleteView, useShareView, useUpdateView } from './useViews';
import { positionAfter, problemText, viewFormProblems } from './viewForm';

const ALL = '__all__';

interface ViewSwitcherProps {
  workspaceId: string;
  appId: string;
  formId: string;
  /** the saved views, in order (none while they load) */
  views: readonly SavedView[];
  /** the views could not be read: all records still can */
  error?: unknown;
  /** the view shown; null: all records */
  value: string | null;
  onChange: (id: string | null) => void;
  fields: readonly FieldDefinition[];
  /** may make views shared with everyone (app.manage) */
  canShare: boolean;
  /** what a new view starts from: the grid as it is now */
  grid: GridViewConfig;
  /** beside the "new view" button: the grid's save buttons */
  extra?: ReactNode;
}

/** "全部记录" and the saved views as tabs; each view its menu (rename, share, delete) where the caller may change it. */
export function ViewSwitcher({ workspaceId, appId, formId, views, error, value, onChange, fields, canShare, grid, extra }: ViewSwitcherProps) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<SavedView | null>(null);
  const remove = useDeleteView(workspaceId, appId, formId);
  const share = useShareView(workspaceId, appId, formId);

  const confirmDelete = (view: SavedView) =>
    modal.confirm({
      title: t('records.views.deleteConfirm', { name: view.name }),
      content: t('records.views.deleteHint'),
      okText: t('common.delete'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, ...tid<ButtonProps>('view-delete-ok') },
      onOk: async () => {
        try {
          await remove.mutateAsync(view.id);
          message.success(t('records.views.deleted'));
          if (value === view.id) onChange(null);
        } catch (e) {
          message.error(problemText(e, t));
        }
      },
    });
  const shareView = async (view: SavedView) => {
    try {
      const shared = await share.mutateAsync(view);
      message.success(t('records.views.sharedDone', { name: view.name }));
      // the shared copy has an id of its own: the URL follows it
      if (value === view.id) onChange(shared.id);
    } catch (e) {
      message.error(problemText(e, t));
    }
  };

  const menuOf = (view: SavedView): MenuProps => ({
    items: [
      { key: 'rename', icon: <EditOutlined />, label: <span data-testid="view-rename">{t('records.views.rename')}</span> },
      ...(canShare && !view.shared ? [{ key: 'share', icon: <TeamOutlined />, label: <span data-testid="view-share">{t('records.views.share')}</span> }] : []),
      { type: 'divider' as const },
      { key: 'delete', danger: true, icon: <DeleteOutlined />, label: <span data-testid="view-delete">{t('records.views.delete')}</span> },
    ],
    onClick: ({ key, domEvent }) => {
      domEvent.stopPropagation();
      if (key === 'rename') setRenaming(view);
      else if (key === 'share') void shareView(view);
      else if (key === 'delete') confirmDelete(view);
    },
  });

  const items = [
    {
      key: ALL,
      label: (
        <span data-testid="view-tab-all">
          <UnorderedListOutlined /> {t('records.views.all')}
        </span>
      ),
    },
    ...views.map((v) => ({
      key: v.id,
      label: (
        <span data-testid={`view-tab-${v.id}`} data-kind={v.kind} data-shared={String(v.shared)}>
          {KIND_ICONS[v.kind] ?? KIND_ICONS.grid} {v.name}
          {v.shared && (
            <Tooltip title={t('records.views.sharedTip')}>
              <TeamOutlined style={{ marginInlineStart: 6, color: '#8c8c8c' }} aria-label={t('records.views.sharedTip')} />
            </Tooltip>
          )}
          {/* the menu of the view shown only: a menu on every tab is noise */}
          {v.editable && v.id === value && (
            <Dropdown menu={menuOf(v)} trigger={['click']}>
              <Button
                type="text"
                size="small"
                icon={<MoreOutlined />}
                aria-label={t('records.views.menu')}
                onClick={(e) => e.stopPropagation()}
                style={{ marginInlineStart: 4, marginInlineEnd: -8 }}
                data-testid={`view-menu-${v.id}`}
              />
            </Dropdown>
          )}
        </span>
      ),
    })),
  ];

  return (
    <div data-testid="view-tabs">
      {error !== undefined && error !== null && (
        <Alert type="warning" showIcon title={t('records.views.loadFailed')} description={errorMessage(error, t)} style={{ marginBottom: 8 }} data-testid="views-error" />
      )}
      <Tabs
        activeKey={value ?? ALL}
        onChange={(key) => onChange(key === ALL ? null : key)}
        items={items}
        tabBarExtraContent={
          <Flex gap={8} align="center">
            {extra}
            <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="view-new">
              {t('records.views.new')}
            </Button>
          </Flex>
        }
      />
      <SaveViewModal
        workspaceId={workspaceId}
        appId={appId}
        formId={formId}
        open={creating}
        fields={fields}
        grid={grid}
        canShare={canShare}
        position={positionAfter(views)}
        onClose={() => setCreating(false)}
        onCreated={(view) => onChange(view.id)}
      />
      <RenameViewModal workspaceId={workspaceId} appId={appId} formId={formId} view={renaming} onClose={() => setRenaming(null)} />
    </div>
  );
}

function RenameViewModal({ workspaceId, appId, formId, view, onClose }: { workspaceId: string; appId: string; formId: string; view: SavedView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const [error, setError] = useState<string | null>(null);
  const update = useUpdateView(workspaceId, appId, formId);
  const submit = async () => {
    const { name } = await form.validateFields();
    if (!view) return;
    setError(null);
    try {
      await update.mutateAsync({ id: view.id, changes: { name: name.trim() }, version: view.version });
      message.success(t('records.views.renamed'));
      onClose();
    } catch (e) {
      const problems = viewFormProblems(e, t);
      if (problems.fields.name) form.setFields([{ name: 'name', errors: problems.fields.name }]);
      setError(problems.message);
    }
  };
  return (
    <FormModal<{ name: string }>
      open={!!view}
      title={t('records.views.renameTitle')}
      okText={t('common.save')}
      submitting={update.isPending}
      submitTestId="view-rename-ok"
      error={error}
      errorTestId="view-rename-error"
      form={form}
      initialValues={{ name: view?.name ?? '' }}
      onSubmit={submit}
      onClose={onClose}
      afterClose={() => setError(null)}
      submitOnEnter
    >
      <Form.Item name="name" label={t('records.views.form.name')} rules={[{ required: true, whitespace: true, message: t('records.views.form.nameRequired') }, { max: 100 }]}>
        <Input maxLength={100} data-testid="view-rename-input" autoFocus />
      </Form.Item>
    </FormModal>
  );
}
