import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { flowKeys, flowsApi, type VersionedFlow } from './flowsApi';
import type { DraftChange, NewFlow } from './types';

export function useFlowList(workspaceId: string, appId: string) {
  return useQuery({ queryKey: flowKeys.list(workspaceId, appId), queryFn: () => flowsApi.list(workspaceId, appId) });
}

export function useFlow(workspaceId: string, appId: string, flowId: string) {
  return useQuery({
    queryKey: flowKeys.flow(workspaceId, appId, flowId),
    queryFn: () => flowsApi.get(workspaceId, appId, flowId),
    staleTime: 0,
  });
}

export function useFlowVersions(workspaceId: string, appId: string, flowId: string, enabled: boolean) {
  return useQuery({ queryKey: flowKeys.versions(workspaceId, appId, flowId), queryFn: () => flowsApi.versions(workspaceId, appId, flowId), enabled });
}

export function useFlowVersion(workspaceId: string, appId: string, flowId: string, version: number | null) {
  return useQuery({
    queryKey: flowKeys.version(workspaceId, appId, flowId, version ?? 0),
    queryFn: () => flowsApi.version(workspaceId, appId, flowId, version!),
    enabled: version !== null,
    staleTime: Infinity, // published versions never change
  });
}

/** The next firings of a cron (none asked while it is empty); a cron the server refuses comes back as the error. */
export function useSchedulePreview(workspaceId: string, cron: string) {
  return useQuery({
    queryKey: flowKeys.schedulePreview(workspaceId, cron),
    queryFn: () => flowsApi.schedulePreview(workspaceId, cron),
    enabled: cron.trim() !== '',
    retry: false,
    staleTime: 60_000,
  });
}

export function useStartableFlows(workspaceId: string, appId: string, formKey: string) {
  return useQuery({ queryKey: flowKeys.startable(workspaceId, appId, formKey), queryFn: () => flowsApi.startable(workspaceId, appId, formKey) });
}

/** Keeps the cache in step after a save or publish: the flow (with its ETag) and the list. */
function useStore(workspaceId: string, appId: string) {
  const queryClient = useQueryClient();
  return (res: VersionedFlow) => {
    queryClient.setQueryData(flowKeys.flow(workspaceId, appId, res.flow.id), res);
    void queryClient.invalidateQueries({ queryKey: flowKeys.list(workspaceId, appId), exact: true });
  };
}

export function useCreateFlow(workspaceId: string, appId: string) {
  const store = useStore(workspaceId, appId);
  return useMutation({ mutationFn: (flow: NewFlow) => flowsApi.create(workspaceId, appId, flow), onSuccess: store });
}

export function useSaveFlow(workspaceId: string, appId: string, flowId: string) {
  const store = useStore(workspaceId, appId);
  return useMutation({
    mutationFn: ({ change, etag }: { change: DraftChange; etag: string | null }) => flowsApi.save(workspaceId, appId, flowId, change, etag),
    onSuccess: store,
  });
}

export function usePublishFlow(workspaceId: string, appId: string, flowId: string) {
  const store = useStore(workspaceId, appId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (etag: string | null) => flowsApi.publish(workspaceId, appId, flowId, etag),
    onSuccess: (res) => {
      store(res);
      void queryClient.invalidateQueries({ queryKey: flowKeys.versions(workspaceId, appId, flowId), exact: true });
    },
  });
}

export function useDeleteFlow(workspaceId: string, appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (flowId: string) => flowsApi.remove(workspaceId, appId, flowId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: flowKeys.list(workspaceId, appId), exact: true }),
  });
}
