import { http, requestFull } from '../../api/client';
import type { DraftChange, FlowGraph, FlowSummary, FlowVersion, FlowView, NewFlow, SchedulePreview, StartableFlow } from './types';

const flowsPath = (workspaceId: string, appId: string) =>
  `/workspaces/${encodeURIComponent(workspaceId)}/apps/${encodeURIComponent(appId)}/flows`;
const flowPath = (workspaceId: string, appId: string, flowId: string) => `${flowsPath(workspaceId, appId)}/${encodeURIComponent(flowId)}`;

/** A flow with the ETag of its draft (its draft version): the next save or publish sends it as If-Match. */
export interface VersionedFlow {
  flow: FlowView;
  etag: string;
}

async function versioned(promise: Promise<{ data: FlowView; headers: Headers }>): Promise<VersionedFlow> {
  const res = await promise;
  return { flow: res.data, etag: res.headers.get('ETag') ?? `"${res.data.draftVersion}"` };
}

const ifMatch = (etag: string | null): { headers: Record<string, string> } => ({ headers: etag ? { 'If-Match': etag } : {} });

export const flowsApi = {
  list: (workspaceId: string, appId: string) => http.get<FlowSummary[]>(flowsPath(workspaceId, appId)),
  get: (workspaceId: string, appId: string, flowId: string) => versioned(requestFull<FlowView>('GET', flowPath(workspaceId, appId, flowId))),
  create: (workspaceId: string, appId: string, flow: NewFlow) => versioned(requestFull<FlowView>('POST', flowsPath(workspaceId, appId), flow)),
  /** Saves the draft whatever its problems (they come back on the view); a stale `etag` gets a 412. */
  save: (workspaceId: string, appId: string, flowId: string, change: DraftChange, etag: string | null) =>
    versioned(requestFull<FlowView>('PUT', flowPath(workspaceId, appId, flowId), change, ifMatch(etag))),
  /** 400 `flow.invalid` with every problem while the draft has any; 409 `flow.unchanged`. */
  publish: (workspaceId: string, appId: string, flowId: string, etag: string | null) =>
    versioned(requestFull<FlowView>('POST', `${flowPath(workspaceId, appId, flowId)}/publish`, undefined, ifMatch(etag))),
  versions: (workspaceId: string, appId: string, flowId: string) => http.get<FlowVersion[]>(`${flowPath(workspaceId, appId, flowId)}/versions`),
  version: (workspaceId: string, appId: string, flowId: string, version: number) =>
    http.get<FlowGraph>(`${flowPath(workspaceId, appId, flowId)}/versions/${version}`),
  remove: (workspaceId: string, appId: string, flowId: string) => http.del(flowPath(workspaceId, appId, flowId)),
  /** Published flows started by hand about a record of the form (by key). */
  startable: (workspaceId: string, appId: string, formKey: string) =>
    http.get<StartableFlow[]>(`${flowsPath(workspaceId, appId)}/startable`, { query: { form: formKey } }),
  /** When a cron fires in the workspace's zone; 400 on `cron` when it cannot be a schedule. */
  schedulePreview: (workspaceId: string, cron: string) =>
    http.get<SchedulePreview>(`/workspaces/${encodeURIComponent(workspaceId)}/flow-schedules/preview`, { query: { cron } }),
};

export const flowKeys = {
  list: (workspaceId: string, appId: string) => ['flows', workspaceId, appId] as const,
  flow: (workspaceId: string, appId: string, flowId: string) => ['flows', workspaceId, appId, 'flow', flowId] as const,
  versions: (workspaceId: string, appId: string, flowId: string) => ['flows', workspaceId, appId, 'versions', flowId] as const,
  schedulePreview: (workspaceId: string, cron: string) => ['flows', workspaceId, 'schedule-preview', cron] as const,
  startable: (workspaceId: string, appId: string, formKey: string) => ['flows', workspaceId, appId, 'startable', formKey] as const,
  version: (workspaceId: string, appId: string, flowId: string, version: number) =>
    ['flows', workspaceId, appId, 'versions', flowId, version] as const,
};
