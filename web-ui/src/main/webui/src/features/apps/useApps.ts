import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { appsApi, queryKeys, type App, type AppInput } from '../../api';

export function useApps(workspaceId: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.apps(workspaceId), queryFn: () => appsApi.list(workspaceId), enabled });
}

export function useSaveApp(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: AppInput }) =>
      id ? appsApi.update(workspaceId, id, input) : appsApi.create(workspaceId, input),
    onSuccess: (app) => {
      queryClient.setQueryData<App[]>(queryKeys.apps(workspaceId), (list) =>
        list ? [...list.filter((a) => a.id !== app.id), app] : list,
      );
      return queryClient.invalidateQueries({ queryKey: queryKeys.apps(workspaceId) });
    },
  });
}

export function useDeleteApp(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (appId: string) => appsApi.remove(workspaceId, appId),
    onSuccess: (_, appId) => {
      queryClient.setQueryData<App[]>(queryKeys.apps(workspaceId), (list) => list?.filter((a) => a.id !== appId));
      return queryClient.invalidateQueries({ queryKey: queryKeys.apps(workspaceId) });
    },
  });
}
