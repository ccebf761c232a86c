export const appPath = (workspaceId: string, appId: string) => `/w/${workspaceId}/apps/${encodeURIComponent(appId)}`;
export const formsPath = (workspaceId: string, appId: string) => `${appPath(workspaceId, appId)}/forms`;
export const designPath = (workspaceId: string, appId: string, formId: string) =>
  `${formsPath(workspaceId, appId)}/${encodeURIComponent(formId)}/design`;
export const recordsPath = (workspaceId: string, appId: string, formId: string) =>
  `${formsPath(workspaceId, appId)}/${encodeURIComponent(formId)}/records`;
