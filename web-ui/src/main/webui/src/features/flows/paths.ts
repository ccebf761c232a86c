import { appPath } from '../forms/paths';

export const flowsPath = (workspaceId: string, appId: string) => `${appPath(workspaceId, appId)}/flows`;
export const flowDesignPath = (workspaceId: string, appId: string, flowId: string) =>
  `${flowsPath(workspaceId, appId)}/${encodeURIComponent(flowId)}/design`;
