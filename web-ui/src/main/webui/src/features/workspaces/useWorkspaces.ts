import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMatch } from 'react-router';
import { queryKeys, workspacesApi, type Workspace } from '../../api';

const LAST_WORKSPACE_KEY = 'qiaoban.workspace';

export function useWorkspaces() {
  return useQuery({ queryKey: queryKeys.workspaces, queryFn: workspacesApi.list });
}

/** The workspace id in the URL (`/w/:workspaceId/...`), if any. */
export function useWorkspaceIdFromUrl(): string | undefined {
  return useMatch('/w/:workspaceId/*')?.params.workspaceId;
}

export function rememberWorkspace(id: string): void {
  try {
    localStorage.setItem(LAST_WORKSPACE_KEY, id);
  } catch {
    /* not remembered */
  }
}

/** The workspace to open by default: the last one used if still available, else the first. */
export function pickDefaultWorkspace(workspaces: readonly Workspace[]): Workspace | undefined {
  let last: string | null = null;
  try {
    last = localStorage.getItem(LAST_WORKSPACE_KEY);
  } catch {
    /* ignore */
  }
  return workspaces.find((w) => w.id === last) ?? workspaces[0];
}

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => workspacesApi.create(name),
    onSuccess: (ws) => {
      queryClient.setQueryData<Workspace[]>(queryKeys.workspaces, (list) => [...(list ?? []).filter((w) => w.id !== ws.id), ws]);
      void queryClient.invalidateQueries({ queryKey: queryKeys.workspaces });
    },
  });
}

export function useRenameWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => workspacesApi.rename(id, name),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspaces }),
  });
}

export function useDeleteWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => workspacesApi.remove(id),
    onSuccess: (_, id) => {
      queryClient.setQueryData<Workspace[]>(queryKeys.workspaces, (list) => list?.filter((w) => w.id !== id));
      return queryClient.invalidateQueries({ queryKey: queryKeys.workspaces });
    },
  });
}
