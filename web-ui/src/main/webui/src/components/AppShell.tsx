import { Suspense, useState } from 'react';
import { App, Avatar, Button, Dropdown, Flex, Grid, Layout, Menu, Tag, Typography, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  CheckSquareOutlined,
  DownOutlined,
  FileSearchOutlined,
  KeyOutlined,
  LogoutOutlined,
  MessageOutlined,
  FormOutlined,
  NodeIndexOutlined,
  PartitionOutlined,
  SafetyCertificateOutlined,
  UnorderedListOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import type { Workspace } from '../api';
import { useApps } from '../features/apps/useApps';
import { useLogout, useMe } from '../features/auth/session';
import { CreateWorkspaceModal } from '../features/workspaces/CreateWorkspaceModal';
import { can, canOpen, type Section } from '../features/workspaces/permissions';
import { pickDefaultWorkspace, useWorkspaceIdFromUrl, useWorkspaces } from '../features/workspaces/useWorkspaces';
import { WorkspaceSettingsModal } from '../features/workspaces/WorkspaceSettingsModal';
import { WorkspaceSwitcher } from '../features/workspaces/WorkspaceSwitcher';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { FullPageSpin } from './feedback';
import { LanguageSwitch } from './LanguageSwitch';
import { Logo } from './Logo';

/** What the shell offers the pages rendered in it. */
export interface ShellContext {
  openCreateWorkspace: () => void;
}

const SECTION_ICONS: Record<Section, React.ReactNode> = {
  apps: <AppstoreOutlined />,
  members: <TeamOutlined />,
  departments: <ApartmentOutlined />,
  roles: <SafetyCertificateOutlined />,
  audit: <FileSearchOutlined />,
};

/** The app of an app page (`/w/:ws/apps/:appId/...`), if any. */
function appIdOf(pathname: string): string | undefined {
  const m = pathname.match(/^\/w\/[^/]+\/apps\/([^/]+)\//);
  return m ? decodeURIComponent(m[1]) : undefined;
}

function selectedKey(pathname: string): string {
  const app = pathname.match(/^\/w\/[^/]+\/apps\/[^/]+\/(forms|flows|rules|rule-runs)(\/|$)/);
  if (app) return `app-${app[1]}`;
  const ws = pathname.match(/^\/w\/[^/]+\/([^/]+)/);
  if (ws) return ws[1];
  const admin = pathname.match(/^\/admin\/([^/]+)/);
  return admin ? `admin-${admin[1]}` : '';
}

export function AppShell() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const workspaces = useWorkspaces();
  const urlId = useWorkspaceIdFromUrl();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout(() => message.success({ content: t('auth.loggedOut'), key: 'logged-out' }));
  const [creating, setCreating] = useState(false);
  const [settingsFor, setSettingsFor] = useState<Workspace | null>(null);
  // a phone (xs: narrower than 576 px): the header keeps what fits, the menu folds away entirely until opened
  const phone = Grid.useBreakpoint().xs === true;
  const [collapsed, setCollapsed] = useState(false);

  const list = workspaces.data ?? [];
  const current = urlId ? list.find((w) => w.id === urlId) : pickDefaultWorkspace(list);
  const admin = !!me?.platformAdmin;
  const appId = appIdOf(location.pathname);
  const apps = useApps(current?.id ?? '', !!current && !!appId && canOpen(current, 'apps'));
  const currentApp = appId ? apps.data?.find((a) => a.id === appId) : undefined;

  const sectionItem = (section: Section, label: string): NonNullable<MenuProps['items']>[number] | null =>
    current && canOpen(current, section)
      ? {
          key: section,
          icon: SECTION_ICONS[section],
          label: (
            <Link to={`/w/${current.id}/${section}`} data-testid={`nav-${section}`}>
              {label}
            </Link>
          ),
        }
      : null;

  // every member has an approvals inbox, whatever their role
  const inboxItem: NonNullable<MenuProps['items']>[number] | null = current
    ? {
        key: 'inbox',
        icon: <CheckSquareOutlined />,
        label: (
          <Link to={`/w/${current.id}/inbox`} data-testid="nav-inbox">
            {t('nav.inbox')}
          </Link>
        ),
      }
    : null;

  // what flows sent to customers, for whoever sees the apps
  const messagesItem: NonNullable<MenuProps['items']>[number] | null = current && can(current, 'message.read')
    ? {
        key: 'messages',
        icon: <MessageOutlined />,
        label: (
          <Link to={`/w/${current.id}/messages`} data-testid="nav-messages">
            {t('nav.messages')}
          </Link>
        ),
      }
    : null;

  const workspaceItems = [
    sectionItem('apps', t('nav.apps')),
    inboxItem,
    messagesItem,
    sectionItem('members', t('nav.members')),
    sectionItem('departments', t('nav.departments')),
    sectionItem('roles', t('nav.roles')),
    sectionItem('audit', t('nav.audit')),
  ].filter((i) => i !== null);

  const items: MenuProps['items'] = [];
  if (workspaceItems.length) {
    items.push({ type: 'group', key: 'ws', label: collapsed ? null : current?.name, children: workspaceItems });
  }
  // inside an app: its forms, flows and rule pages
  if (current && appId && canOpen(current, 'apps')) {
    const base = `/w/${current.id}/apps/${encodeURIComponent(appId)}`;
    items.push({
      type: 'group',
      key: 'app',
      label: collapsed ? null : (currentApp?.name ?? t('nav.app')),
      children: [
        {
          key: 'app-forms',
          icon: <FormOutlined />,
          label: (
            <Link to={`${base}/forms`} data-testid="nav-forms">
              {t('nav.forms')}
            </Link>
          ),
        },
        {
          key: 'app-flows',
          icon: <PartitionOutlined />,
          label: (
            <Link to={`${base}/flows`} data-testid="nav-flows">
              {t('nav.flows')}
            </Link>
          ),
        },
        {
          key: 'app-rules',
          icon: <NodeIndexOutlined />,
          label: (
            <Link to={`${base}/rules`} data-testid="nav-rules">
              {t('nav.rules')}
            </Link>
          ),
        },
        // the run log shows values of the records rules ran on: for those who manage the app
        ...(can(current, 'app.manage')
          ? [
              {
                key: 'app-rule-runs',
                icon: <UnorderedListOutlined />,
                label: (
                  <Link to={`${base}/rule-runs`} data-testid="nav-rule-runs">
                    {t('nav.ruleRuns')}
                  </Link>
                ),
              },
            ]
          : []),
      ],
    });
  }
  if (admin) {
    items.push({
      type: 'group',
      key: 'system',
      label: collapsed ? null : t('nav.system'),
      children: [
        {
          key: 'admin-jobs',
          icon: <ThunderboltOutlined />,
          label: (
            <Link to="/admin/jobs" data-testid="nav-jobs">
              {t('nav.jobs')}
            </Link>
          ),
        },
        {
          key: 'admin-audit',
          icon: <AuditOutlined />,
          label: (
            <Link to="/admin/audit" data-testid="nav-platform-audit">
              {t('nav.platformAudit')}
            </Link>
          ),
        },
      ],
    });
  }

  const userMenu: MenuProps = {
    items: [
      {
        key: 'who',
        disabled: true,
        label: (
          <Flex vertical style={{ minWidth: 160 }}>
            <Typography.Text strong>{me?.displayName}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {me?.username}
              {admin && (
                <Tag color="gold" style={{ marginLeft: 6 }}>
                  {t('auth.platformAdmin')}
                </Tag>
              )}
            </Typography.Text>
          </Flex>
        ),
      },
      { type: 'divider' },
      { key: 'password', icon: <KeyOutlined />, label: <span data-testid="change-password">{t('auth.changePassword')}</span> },
      { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-testid="logout">{t('auth.logout')}</span> },
    ],
    onClick: ({ key }) => {
      if (key === 'password') {
        navigate('/change-password', { state: { from: `${location.pathname}${location.search}` } });
      } else if (key === 'logout') {
        logout.mutate();
      }
    },
  };

  const outletContext: ShellContext = { openCreateWorkspace: () => setCreating(true) };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: phone ? 8 : 16,
          paddingInline: phone ? 12 : undefined,
          position: 'sticky',
          top: 0,
          zIndex: 20,
          borderBottom: '1px solid rgba(5, 5, 5, 0.06)',
        }}
      >
        <Link to="/" aria-label={t('app.fullName')}>
          <Logo compact={phone} />
        </Link>
        <WorkspaceSwitcher platformAdmin={admin} onCreate={() => setCreating(true)} onSettings={setSettingsFor} compact={phone} />
        <div style={{ flex: 1 }} />
        {current && <NotificationBell workspaceId={current.id} />}
        <LanguageSwitch size="small" compact={phone} />
        <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
          <Button type="text" data-testid="user-menu" style={{ paddingInline: 8 }}>
            <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1677ff' }} />
            {!phone && <span style={{ maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis' }}>{me?.displayName || me?.username}</span>}
            {!phone && <DownOutlined style={{ fontSize: 10 }} />}
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={220}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          collapsedWidth={phone ? 0 : 80}
          style={phone
            ? { position: 'fixed', insetBlock: '64px 0', insetInlineStart: 0, zIndex: 19, boxShadow: collapsed ? undefined : '2px 0 8px rgba(0,0,0,0.15)' }
            : { borderRight: '1px solid rgba(5, 5, 5, 0.06)' }}
        >
          <Menu mode="inline" selectedKeys={[selectedKey(location.pathname)]} items={items} style={{ borderInlineEnd: 0, paddingTop: 8 }}
            onClick={() => phone && setCollapsed(true)} />
        </Layout.Sider>
        <Layout.Content style={{ padding: phone ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet context={outletContext} />
          </Suspense>
        </Layout.Content>
      </Layout>
      <CreateWorkspaceModal open={creating} onClose={() => setCreating(false)} />
      {settingsFor && <WorkspaceSettingsModal workspace={settingsFor} open onClose={() => setSettingsFor(null)} />}
    </Layout>
  );
}
