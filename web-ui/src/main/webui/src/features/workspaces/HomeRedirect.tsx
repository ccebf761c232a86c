import { Button, Empty, Flex } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useOutletContext } from 'react-router';
import { FullPageSpin, QueryError } from '../../components/feedback';
import type { ShellContext } from '../../components/AppShell';
import { useMe } from '../auth/session';
import { firstSection } from './permissions';
import { pickDefaultWorkspace, useWorkspaces } from './useWorkspaces';

/** `/`: open the (last used or) first workspace, or invite a platform admin to create the first one. */
export default function HomeRedirect() {
  const { t } = useTranslation();
  const workspaces = useWorkspaces();
  const me = useMe();
  const { openCreateWorkspace } = useOutletContext<ShellContext>();

  if (workspaces.isPending) return <FullPageSpin />;
  if (workspaces.isError) return <QueryError error={workspaces.error} onRetry={() => void workspaces.refetch()} />;

  const target = pickDefaultWorkspace(workspaces.data);
  if (target) return <Navigate to={`/w/${target.id}/${firstSection(target)}`} replace />;

  const admin = !!me.data?.platformAdmin;
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Empty
        data-testid="workspaces-empty"
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <>
            <div style={{ fontSize: 16, fontWeight: 500, marginBottom: 4 }}>{t('workspace.emptyTitle')}</div>
            <div>{admin ? t('workspace.emptyAdmin') : t('workspace.emptyMember')}</div>
          </>
        }
      >
        {admin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={openCreateWorkspace} data-testid="create-first-workspace">
            {t('workspace.createFirst')}
          </Button>
        )}
      </Empty>
    </Flex>
  );
}
