/**
 * Files of attachment and image fields: a file is uploaded first (`POST .../forms/{id}/files?field=`,
 * checked by the server against the field's limits, its type read from the bytes) and then referenced
 * by id in the record's value, a list of `{id, name, size, type}`. Downloads are plain links: the
 * session cookie authenticates them.
 */
import { buildUrl, fallbackMessage } from '../../api/client';
import { ApiError } from '../../api/problem';
import { uploadMultipart, type UploadProgress } from '../../api/upload';
import { FILE_DEFAULTS, isFileType } from '../forms/fieldTypes';
import type { FieldDefinition } from './types';

export type { UploadProgress } from '../../api/upload';

/** A file as a record's value holds it (and as the upload answers, plus `uploadedAt`). */
export interface FileValue {
  id: string;
  name: string;
  size: number;
  type: string;
}

export interface UploadedFile extends FileValue {
  uploadedAt?: string;
}

/** The types the server takes for an image field (detected from the bytes, not the name). */
export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

export function isFileField(field: FieldDefinition): boolean {
  return isFileType(field.type);
}

export interface FileLimits {
  maxFiles: number;
  maxSizeMb: number;
  /** extensions without the dot, lower case; empty: any */
  accept: string[];
}

/** A file field's limits: its options, or the server's defaults for its type. */
export function fileLimits(field: FieldDefinition): FileLimits {
  const defaults = field.type === 'image' ? FILE_DEFAULTS.image : FILE_DEFAULTS.attachment;
  const o = field.options ?? {};
  const int = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback);
  const accept =
    field.type === 'attachment' && Array.isArray(o.accept)
      ? o.accept.filter((e): e is string => typeof e === 'string').map((e) => e.trim().toLowerCase().replace(/^\.+/, '')).filter(Boolean)
      : [];
  return { maxFiles: int(o.maxFiles, defaults.maxFiles), maxSizeMb: int(o.maxSizeMb, defaults.maxSizeMb), accept };
}

/** The value of the `accept` attribute of the file input: what the file dialog offers first. */
export function acceptAttribute(field: FieldDefinition): string | undefined {
  if (field.type === 'image') return IMAGE_MIME_TYPES.join(',');
  const { accept } = fileLimits(field);
  return accept.length ? accept.map((e) => `.${e}`).join(',') : undefined;
}

/** `Report.PDF` -> `pdf`; '' without an extension (the server's rule). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** A stored value (or anything else) as a list of files; what is no file (no id) is left out. */
export function fileValues(value: unknown): FileValue[] {
  const list = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : [];
  const out: FileValue[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const f = item as Record<string, unknown>;
    if (typeof f.id !== 'string' || !f.id) continue;
    out.push({
      id: f.id,
      name: typeof f.name === 'string' ? f.name : f.id,
      size: typeof f.size === 'number' && Number.isFinite(f.size) ? f.size : 0,
      type: typeof f.type === 'string' ? f.type : '',
    });
  }
  return out;
}

/** 532 B, 1.5 KB, 20 MB. */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let n = bytes / 1024;
  let unit = 0;
  while (n >= 1024 && unit < units.length - 1) {
    n /= 1024;
    unit += 1;
  }
  const rounded = n >= 100 ? Math.round(n) : Math.round(n * 10) / 10;
  return `${rounded} ${units[unit]}`;
}

const enc = encodeURIComponent;
const formPath = (ws: string, app: string, formId: string) => `/workspaces/${enc(ws)}/apps/${enc(app)}/forms/${enc(formId)}`;

/** A file a record holds: images and PDFs are shown inline, other files downloaded. */
export function recordFileUrl(ws: string, app: string, formId: string, recordId: string, fileId: string): string {
  return buildUrl(`${formPath(ws, app, formId)}/records/${enc(recordId)}/files/${enc(fileId)}`);
}

/** A file the current user uploaded that no record holds yet (the form being filled in shows it). */
export function pendingFileUrl(ws: string, app: string, formId: string, fileId: string): string {
  return buildUrl(`${formPath(ws, app, formId)}/files/${enc(fileId)}`);
}

/**
 * Uploads a file for a field (its limits apply on the server at once); as the import's upload does.
 */
export async function uploadFile(
  ws: string,
  app: string,
  formId: string,
  fieldKey: string,
  file: File,
  onProgress?: UploadProgress,
  signal?: AbortSignal,
): Promise<UploadedFile> {
  const body = await uploadMultipart<UploadedFile>(`${formPath(ws, app, formId)}/files`, file, { query: { field: fieldKey }, onProgress, signal });
  if (!body || typeof body.id !== 'string') throw new ApiError({ status: 201 }, fallbackMessage(500));
  return body;
}

/** What to show for a refused upload: the field error's message (type, unknown field), else the problem's detail. */
export function uploadErrorMessage(error: unknown, fallback: string): string {
  if (error instanceof ApiError) return error.fieldErrors.find((e) => e.message)?.message ?? error.message;
  return fallback;
}
