import { buildUrl, http } from '../../../api/client';
import { uploadMultipart, type UploadProgress } from '../../../api/upload';
export type { UploadProgress } from '../../../api/upload';
import type { ExportRequest, ExportView, ImportView, StartImport } from './types';

const enc = encodeURIComponent;
const formPath = (ws: string, app: string, formId: string) => `/workspaces/${enc(ws)}/apps/${enc(app)}/forms/${enc(formId)}`;
const importsPath = (ws: string, app: string, formId: string) => `${formPath(ws, app, formId)}/imports`;
const importPath = (ws: string, app: string, formId: string, id: string) => `${importsPath(ws, app, formId)}/${enc(id)}`;
const exportsPath = (ws: string, app: string, formId: string) => `${formPath(ws, app, formId)}/exports`;
const exportPath = (ws: string, app: string, formId: string, id: string) => `${exportsPath(ws, app, formId)}/${enc(id)}`;

/** The server's upload limit (qiaoban.api.max-upload-bytes): a bigger file is refused before it is sent. */
export const MAX_UPLOAD_MB = 200;
export const MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024;

/** Polling interval of a running import or export. */
export const POLL_MS = 500;

export const transferApi = {
  /** 201 with the file's columns, or a problem (unreadable file, too large, .xls, ...). */
  upload: (ws: string, app: string, formId: string, file: File, onProgress?: UploadProgress, signal?: AbortSignal) =>
    uploadMultipart<ImportView>(importsPath(ws, app, formId), file, { onProgress, signal }),
  /** 202 (queued); a mapping that cannot work is a 400 with an error per mapping entry. */
  start: (ws: string, app: string, formId: string, id: string, body: StartImport) => http.post<ImportView>(`${importPath(ws, app, formId, id)}/start`, body),
  getImport: (ws: string, app: string, formId: string, id: string) => http.get<ImportView>(importPath(ws, app, formId, id)),
  /** the caller's last imports into the form, newest first */
  recentImports: (ws: string, app: string, formId: string) => http.get<ImportView[]>(importsPath(ws, app, formId)),
  /** A CSV of the bad rows, for a plain link: the session cookie authenticates it, the server names it. */
  errorReportUrl: (ws: string, app: string, formId: string, id: string) => buildUrl(`${importPath(ws, app, formId, id)}/errors`),
  startExport: (ws: string, app: string, formId: string, body: ExportRequest) => http.post<ExportView>(exportsPath(ws, app, formId), body),
  getExport: (ws: string, app: string, formId: string, id: string) => http.get<ExportView>(exportPath(ws, app, formId, id)),
  exportFileUrl: (ws: string, app: string, formId: string, id: string) => buildUrl(`${exportPath(ws, app, formId, id)}/file`),
};

export const transferKeys = {
  // under the form's records prefix, beside (not under) its lists: a write does not refetch these
  recentImports: (ws: string, app: string, formId: string) => ['records', ws, app, formId, 'imports'] as const,
  import: (ws: string, app: string, formId: string, id: string) => ['records', ws, app, formId, 'imports', id] as const,
  export: (ws: string, app: string, formId: string, id: string) => ['records', ws, app, formId, 'exports', id] as const,
};

/** Starts the browser's download of `url` (an attachment: the page stays where it is). */
export function startDownload(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
