import { useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Dropdown, Flex, Tabs, Tooltip, type ButtonProps, type MenuProps } from 'antd';
import { DeleteOutlined, MoreOutlined, PlusOutlined, SettingOutlined, TeamOutlined, UnorderedListOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../components/errors';
import { tid } from '../../../components/testid';
import type { FieldDefinition } from '../types';
import { KIND_ICONS, SaveViewModal } from './SaveViewModal';
import type { GridViewConfig, SavedView } from './types';
import { useDeleteView, useUpdateView } from './useViews';
import { positionAfter, problemText } from './viewForm';
import { ViewSettingsModal } from './ViewSettingsModal';

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
  /** may share views with everyone and stop sharing them (app.manage) */
  canShare: boolean;
  /** what a new view starts from: the grid as it is now */
  grid: GridViewConfig;
  /** beside the "new view" button: the grid's save buttons */
  extra?: ReactNode;
}

/**
 * "全部记录" and the saved views as tabs; the view shown has its menu where the caller may change it:
 * its settings, share it or stop sharing it (app managers), delete it.
 */
export function ViewSwitcher({ workspaceId, appId, formId, views, error, value, onChange, fields, canShare, grid, extra }: ViewSwitcherProps) {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const [creating, setCreating] = useState(false);
  // kept while the settings close: the modal does not change its fields as it fades out
  const [settings, setSettings] = useState<{ view: SavedView; open: boolean } | null>(null);
  const remove = useDeleteView(workspaceId, appId, formId);
  const update = useUpdateView(workspaceId, appId, formId);

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
  // the same view, shared or the caller's own again: its id (and the URL) stay
  const setShared = async (view: SavedView, shared: boolean) => {
    try {
      await update.mutateAsync({ id: view.id, changes: { shared }, version: view.version });
      message.success(t(shared ? 'records.views.sharedDone' : 'records.views.unsharedDone', { name: view.name }));
    } catch (e) {
      message.error(problemText(e, t));
    }
  };
  const confirmUnshare = (view: SavedView) =>
    modal.confirm({
      title: t('records.views.unshareConfirm', { name: view.name }),
      content: t('records.views.unshareHint'),
      okText: t('records.views.unshare'),
      cancelText: t('common.cancel'),
      okButtonProps: tid<ButtonProps>('view-unshare-ok'),
      onOk: () => setShared(view, false),
    });

  const menuOf = (view: SavedView): MenuProps => ({
    items: [
      { key: 'settings', icon: <SettingOutlined />, label: <span data-testid="view-settings">{t('records.views.settings')}</span> },
      ...(canShare && !view.shared ? [{ key: 'share', icon: <TeamOutlined />, label: <span data-testid="view-share">{t('records.views.share')}</span> }] : []),
      ...(canShare && view.shared ? [{ key: 'unshare', icon: <UserOutlined />, label: <span data-testid="view-unshare">{t('records.views.unshare')}</span> }] : []),
      { type: 'divider' as const },
      { key: 'delete', danger: true, icon: <DeleteOutlined />, label: <span data-testid="view-delete">{t('records.views.delete')}</span> },
    ],
    onClick: ({ key, domEvent }) => {
      domEvent.stopPropagation();
      if (key === 'settings') setSettings({ view, open: true });
      else if (key === 'share') void setShared(view, true);
      else if (key === 'unshare') confirmUnshare(view);
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
      <ViewSettingsModal
        workspaceId={workspaceId}
        appId={appId}
        formId={formId}
        open={!!settings?.open}
        view={settings?.view ?? null}
        fields={fields}
        onClose={() => setSettings((s) => s && { ...s, open: false })}
      />
    </div>
  );
}
