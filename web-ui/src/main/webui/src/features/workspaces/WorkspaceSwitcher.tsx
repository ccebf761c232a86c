import { Button, Flex, Select, Tooltip } from 'antd';
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { Workspace } from '../../api';
import { canOpen, can, firstSection, SECTIONS, type Section } from './permissions';
import { pickDefaultWorkspace, rememberWorkspace, useWorkspaceIdFromUrl, useWorkspaces } from './useWorkspaces';

interface Props {
  platformAdmin: boolean;
  onCreate: () => void;
  onSettings: (workspace: Workspace) => void;
  /** a phone's header: the switcher alone (settings and a new workspace are for a wider screen) */
  compact?: boolean;
}

/** Select of the caller's workspaces; switching keeps the current page when the new workspace allows it. */
export function WorkspaceSwitcher({ platformAdmin, onCreate, onSettings, compact = false }: Props) {
  const { t } = useTranslation();
  const workspaces = useWorkspaces();
  const urlId = useWorkspaceIdFromUrl();
  const navigate = useNavigate();
  const location = useLocation();
  const list = workspaces.data ?? [];
  const current = list.find((w) => w.id === urlId) ?? (urlId ? undefined : pickDefaultWorkspace(list));

  const onChange = (id: string) => {
    const target = list.find((w) => w.id === id);
    if (!target) return;
    rememberWorkspace(id);
    const section = location.pathname.match(/^\/w\/[^/]+\/([^/]+)/)?.[1] as Section | undefined;
    const keep = section && SECTIONS.includes(section) && canOpen(target, section) ? section : firstSection(target);
    navigate(`/w/${id}/${keep}`);
  };

  return (
    <Flex align="center" gap={4}>
      <Select
        data-testid="workspace-switcher"
        aria-label={t('nav.workspace')}
        style={{ width: 220, maxWidth: '40vw' }}
        loading={workspaces.isPending}
        placeholder={t('workspace.switcherPlaceholder')}
        value={current?.id}
        onChange={onChange}
        showSearch={{ optionFilterProp: 'label' }}
        options={list.map((w) => ({ value: w.id, label: w.name }))}
        notFoundContent={null}
      />
      {!compact && current && can(current, 'workspace.manage') && (
        <Tooltip title={t('workspace.settings')}>
          <Button
            type="text"
            icon={<SettingOutlined />}
            aria-label={t('workspace.settings')}
            data-testid="workspace-settings"
            onClick={() => onSettings(current)}
          />
        </Tooltip>
      )}
      {!compact && platformAdmin && (
        <Tooltip title={t('workspace.create')}>
          <Button type="text" icon={<PlusOutlined />} aria-label={t('workspace.create')} data-testid="create-workspace" onClick={onCreate} />
        </Tooltip>
      )}
    </Flex>
  );
}
