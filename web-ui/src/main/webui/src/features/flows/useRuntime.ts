import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { runtimeApi, runtimeKeys } from './runtimeApi';
import type { Decision, InboxBox, InstanceDetail, SimulationRequest } from './runtimeTypes';

/** While an instance runs, the monitor and lists look again every few seconds: steps move on by themselves. */
export const RUNNING_REFRESH_MS = 3000;

export function useInstances(workspaceId: string, appId: string, flowId: string, state?: string, enabled = true) {
  return useQuery({
    queryKey: runtimeKeys.instances(workspaceId, flowId, state),
    queryFn: () => runtimeApi.instances(workspaceId, appId, flowId, state),
    enabled,
    refetchInterval: (q) => (q.state.data?.some((i) => i.state === 'running') ? RUNNING_REFRESH_MS : false),
  });
}

export function useConversion(workspaceId: string, appId: string, flowId: string, enabled: boolean) {
  return useQuery({
    queryKey: runtimeKeys.conversion(workspaceId, flowId),
    queryFn: () => runtimeApi.conversion(workspaceId, appId, flowId),
    enabled,
  });
}

export function useInstance(workspaceId: string, instanceId: string) {
  return useQuery({
    queryKey: runtimeKeys.instance(workspaceId, instanceId),
    queryFn: () => runtimeApi.instance(workspaceId, instanceId),
    refetchInterval: (q) => ((q.state.data as InstanceDetail | undefined)?.instance.state === 'running' ? RUNNING_REFRESH_MS : false),
  });
}

export function useInbox(workspaceId: string, box: InboxBox) {
  return useQuery({ queryKey: runtimeKeys.inbox(workspaceId, box), queryFn: () => runtimeApi.inbox(workspaceId, box) });
}

export function useMessages(workspaceId: string, recipient: string) {
  return useQuery({ queryKey: runtimeKeys.messages(workspaceId, recipient), queryFn: () => runtimeApi.messages(workspaceId, recipient) });
}

/** Any change to a running flow: every runtime query of the workspace is read again. */
function useRefreshAll(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: runtimeKeys.all(workspaceId) });
}

export function useStartFlow(workspaceId: string, appId: string, flowId: string) {
  const refresh = useRefreshAll(workspaceId);
  return useMutation({
    mutationFn: ({ recordId, requestKey }: { recordId: string | null; requestKey: string }) =>
      runtimeApi.start(workspaceId, appId, flowId, recordId, requestKey),
    onSuccess: refresh,
  });
}

export function useSimulateFlow(workspaceId: string, appId: string, flowId: string) {
  return useMutation({ mutationFn: (request: SimulationRequest) => runtimeApi.simulate(workspaceId, appId, flowId, request) });
}

export function useDecide(workspaceId: string) {
  const refresh = useRefreshAll(workspaceId);
  return useMutation({
    mutationFn: ({ taskId, decision }: { taskId: string; decision: Decision }) => runtimeApi.decide(workspaceId, taskId, decision),
    // a rejected decision (decided meanwhile, not the assignee) also means the lists are stale
    onSettled: refresh,
  });
}

export function useCancelInstance(workspaceId: string) {
  const refresh = useRefreshAll(workspaceId);
  return useMutation({ mutationFn: (instanceId: string) => runtimeApi.cancel(workspaceId, instanceId), onSuccess: refresh });
}

export function useOptOuts(workspaceId: string, recipient: string) {
  return useQuery({ queryKey: runtimeKeys.optOuts(workspaceId, recipient), queryFn: () => runtimeApi.optOuts(workspaceId, recipient) });
}

export function useOptOut(workspaceId: string) {
  const refresh = useRefreshAll(workspaceId);
  return useMutation({
    mutationFn: ({ recipient, out }: { recipient: string; out: boolean }) =>
      out ? runtimeApi.optOut(workspaceId, recipient) : runtimeApi.optIn(workspaceId, recipient),
    onSuccess: refresh,
  });
}
