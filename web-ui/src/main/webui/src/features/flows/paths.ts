import { appPath } from '../forms/paths';

export const flowsPath = (workspaceId: string, appId: string) => `${appPath(workspaceId, appId)}/flows`;
export const flowDesignPath = (workspaceId: string, appId: string, flowId: string) =>
  `${flowsPath(workspaceId, appId)}/${encodeURIComponent(flowId)}/design`;
export const instancesPath = (workspaceId: string, appId: string, flowId: string) =>
  `${flowsPath(workspaceId, appId)}/${encodeURIComponent(flowId)}/instances`;
export const instancePath = (workspaceId: string, instanceId: string) =>
  `/w/${encodeURIComponent(workspaceId)}/flow-instances/${encodeURIComponent(instanceId)}`;
export const inboxPath = (workspaceId: string) => `/w/${encodeURIComponent(workspaceId)}/inbox`;
