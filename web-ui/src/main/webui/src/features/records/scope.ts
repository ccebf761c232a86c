import { createContext, useContext, type ReactNode } from 'react';
import { pendingFileUrl, recordFileUrl } from './files';

/** The workspace and app of the page: the inputs of member and relation fields fetch within them. */
export interface RecordsScope {
  workspaceId: string;
  appId: string;
  /** the form whose records are shown (file links need it); else {@link FileScopeContext} says */
  formId?: string;
}

export const RecordsScopeContext = createContext<RecordsScope>({ workspaceId: '', appId: '' });

/**
 * What other features add to an open record's buttons (e.g. "submit for approval"), set around the
 * records page: records know nothing of flows.
 */
export type RecordActions = (record: { formKey: string; recordId: string }) => ReactNode;

export const RecordActionsContext = createContext<RecordActions | null>(null);

export function useRecordsScope(): RecordsScope {
  return useContext(RecordsScopeContext);
}

/**
 * Where the files of attachment and image fields live: the form (set around the records page and
 * each record drawer) and, while one record is edited, that record (its files are read through it;
 * files just uploaded are read as the uploader's pending files).
 */
export interface FileScope {
  formId?: string;
  recordId?: string;
}

export const FileScopeContext = createContext<FileScope>({});

export interface FileLinks {
  workspaceId: string;
  appId: string;
  formId: string;
  /** the record being edited, if any */
  recordId?: string;
  /** a file a record holds */
  record: (recordId: string, fileId: string) => string;
  /** a file the user uploaded that no record holds yet */
  pending: (fileId: string) => string;
}

/** The URLs of files of the current form; null where no form is known (the designer's preview). */
export function useFileLinks(): FileLinks | null {
  const scope = useRecordsScope();
  const files = useContext(FileScopeContext);
  const formId = files.formId || scope.formId;
  if (!formId || !scope.workspaceId || !scope.appId) return null;
  const { workspaceId, appId } = scope;
  return {
    workspaceId,
    appId,
    formId,
    recordId: files.recordId,
    record: (recordId, fileId) => recordFileUrl(workspaceId, appId, formId, recordId, fileId),
    pending: (fileId) => pendingFileUrl(workspaceId, appId, formId, fileId),
  };
}

/** Uploads still running in a record form: its save waits for them (else their files would be missing). */
export interface UploadTracker {
  running: number;
}

export const UploadTrackerContext = createContext<UploadTracker | null>(null);
