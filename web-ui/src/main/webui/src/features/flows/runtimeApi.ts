import { http } from '../../api/client';
import type { ConversionReport, Decision, FlowInstance, FlowMessage, InboxBox, InboxItem, InstanceDetail, OptOutEntry, SimulationPath, SimulationRequest } from './runtimeTypes';

const ws = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;
const instancesPath = (workspaceId: string, appId: string, flowId: string) =>
  `${ws(workspaceId)}/apps/${encodeURIComponent(appId)}/flows/${encodeURIComponent(flowId)}/instances`;

export const runtimeApi = {
  /** Starts a flow whose trigger is "manual"; the same `requestKey` starts it once (a double click). */
  start: (workspaceId: string, appId: string, flowId: string, recordId: string | null, requestKey: string) =>
    http.post<FlowInstance>(instancesPath(workspaceId, appId, flowId), { recordId }, { headers: { 'Idempotency-Key': requestKey } }),
  instances: (workspaceId: string, appId: string, flowId: string, state?: string) =>
    http.get<FlowInstance[]>(instancesPath(workspaceId, appId, flowId), { query: { state: state || undefined, limit: 100 } }),
  conversion: (workspaceId: string, appId: string, flowId: string) =>
    http.get<ConversionReport>(`${ws(workspaceId)}/apps/${encodeURIComponent(appId)}/flows/${encodeURIComponent(flowId)}/conversion`),
  /** Test mode: the path the saved draft would take for each sample; nothing runs for real. */
  simulate: (workspaceId: string, appId: string, flowId: string, request: SimulationRequest) =>
    http.post<SimulationPath[]>(`${ws(workspaceId)}/apps/${encodeURIComponent(appId)}/flows/${encodeURIComponent(flowId)}/simulations`, request),
  instance: (workspaceId: string, instanceId: string) => http.get<InstanceDetail>(`${ws(workspaceId)}/flow-instances/${encodeURIComponent(instanceId)}`),
  cancel: (workspaceId: string, instanceId: string) =>
    http.post<FlowInstance>(`${ws(workspaceId)}/flow-instances/${encodeURIComponent(instanceId)}/cancel`),
  inbox: (workspaceId: string, box: InboxBox) => http.get<InboxItem[]>(`${ws(workspaceId)}/inbox`, { query: { box } }),
  decide: (workspaceId: string, taskId: string, decision: Decision) =>
    http.post<{ id: string; state: string }>(`${ws(workspaceId)}/tasks/${encodeURIComponent(taskId)}/decision`, decision),
  messages: (workspaceId: string, recipient?: string) =>
    http.get<FlowMessage[]>(`${ws(workspaceId)}/messages`, { query: { recipient: recipient || undefined } }),
  optOuts: (workspaceId: string, recipient?: string) =>
    http.get<OptOutEntry[]>(`${ws(workspaceId)}/message-opt-outs`, { query: { recipient: recipient || undefined } }),
  optOut: (workspaceId: string, recipient: string) => http.post<void>(`${ws(workspaceId)}/message-opt-outs`, { recipient }),
  optIn: (workspaceId: string, recipient: string) =>
    http.del(`${ws(workspaceId)}/message-opt-outs`, { query: { recipient } }),
};

export const runtimeKeys = {
  all: (workspaceId: string) => ['flow-runtime', workspaceId] as const,
  instances: (workspaceId: string, flowId: string, state?: string) => ['flow-runtime', workspaceId, 'instances', flowId, state ?? ''] as const,
  conversion: (workspaceId: string, flowId: string) => ['flow-runtime', workspaceId, 'conversion', flowId] as const,
  instance: (workspaceId: string, instanceId: string) => ['flow-runtime', workspaceId, 'instance', instanceId] as const,
  inbox: (workspaceId: string, box: InboxBox) => ['flow-runtime', workspaceId, 'inbox', box] as const,
  messages: (workspaceId: string, recipient: string) => ['flow-runtime', workspaceId, 'messages', recipient] as const,
  optOuts: (workspaceId: string, recipient: string) => ['flow-runtime', workspaceId, 'opt-outs', recipient] as const,
};
