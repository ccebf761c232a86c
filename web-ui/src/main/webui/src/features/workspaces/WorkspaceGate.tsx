import { useEffect } from 'react';
import { Navigate, Outlet, useOutletContext, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Workspace } from '../../api';
import { FullPageSpin, NotFound, QueryError } from '../../components/feedback';
import { firstSection } from './permissions';
import { rememberWorkspace, useWorkspaces } from './useWorkspaces';

/** `/w/:workspaceId/*`: resolves the workspace from the caller's list and hands it to the pages. */
export function WorkspaceGate() {
  const { t } = useTranslation();
  const { workspaceId } = useParams();
  const workspaces = useWorkspaces();
  const workspace = workspaces.data?.find((w) => w.id === workspaceId);

  useEffect(() => {
    if (workspace) rememberWorkspace(workspace.id);
  }, [workspace]);

  if (workspaces.isPending) return <FullPageSpin />;
  if (workspaces.isError) return <QueryError error={workspaces.error} onRetry={() => void workspaces.refetch()} />;
  if (!workspace) return <NotFound title={t('workspace.notFoundTitle')} message={t('workspace.notFound')} />;
  return <Outlet context={workspace} />;
}

/** `/w/:workspaceId`: the first page the caller may open there. */
export function WorkspaceIndex() {
  const workspace = useWorkspace();
  return <Navigate to={`/w/${workspace.id}/${firstSection(workspace)}`} replace />;
}

/** The workspace of the current `/w/:workspaceId/...` page. */
export function useWorkspace(): Workspace {
  return useOutletContext<Workspace>();
}
