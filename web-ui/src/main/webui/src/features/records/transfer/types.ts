/** The shapes of the form engine's import and export API (`.../forms/{formId}/imports`, `.../exports`). */
import type { FilterNode } from '../filter';

export type ImportState = 'uploaded' | 'queued' | 'running' | 'done' | 'failed';

/** A column of the uploaded file: its header text and the first cells under it. */
export interface ImportColumn {
  index: number;
  name: string;
  samples: string[];
}

/** File column (by index) into form field (by key). */
export interface ImportMappingEntry {
  column: number;
  field: string;
}

export interface TransferFailure {
  code: string;
  /** already in the caller's language */
  message: string;
}

export interface ImportView {
  id: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  /** a CSV's detected encoding, e.g. `UTF-8 BOM` or `GB18030` */
  encoding?: string | null;
  columns: ImportColumn[];
  mapping?: ImportMappingEntry[] | null;
  skipBadRows: boolean;
  recordEvents: boolean;
  state: ImportState;
  /** 0..100 */
  progress: number;
  processedRows: number;
  importedRows: number;
  errorRows: number;
  failure?: TransferFailure | null;
  createdAt: string;
  startedAt?: string | null;
  finishedAt?: string | null;
}

export interface StartImport {
  mapping: ImportMappingEntry[];
  /** false: all or nothing */
  skipBadRows: boolean;
  /** a "record.created" event per imported record, so rules and flows run for each */
  recordEvents: boolean;
}

export type ExportFormat = 'csv' | 'xlsx';
export type ExportState = 'queued' | 'running' | 'done' | 'failed';

/** The view of the grid to write out: the list's filter and sort, the visible columns in order. */
export interface ExportRequest {
  format: ExportFormat;
  filter?: FilterNode;
  sort?: string;
  fields?: string[];
}

export interface ExportView {
  id: string;
  format: ExportFormat;
  state: ExportState;
  /** 0..100 */
  progress: number;
  exportedRows: number;
  /** unknown until the export has counted */
  totalRows?: number | null;
  fileName?: string | null;
  failure?: TransferFailure | null;
  createdAt: string;
  finishedAt?: string | null;
}

/** Still moving: poll it. */
export function isActive(state: ImportState | ExportState | undefined): boolean {
  return state === 'queued' || state === 'running';
}
