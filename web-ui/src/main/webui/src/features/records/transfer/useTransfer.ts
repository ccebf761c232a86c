import { useQuery } from '@tanstack/react-query';
import { POLL_MS, transferApi, transferKeys } from './api';
import { isActive, type ExportView, type ImportView } from './types';

/** The caller's last imports into the form (for the wizard's first step). */
export function useRecentImports(ws: string, app: string, formId: string) {
  return useQuery({ queryKey: transferKeys.recentImports(ws, app, formId), queryFn: () => transferApi.recentImports(ws, app, formId), staleTime: 0 });
}

/** A started import, read again every {@link POLL_MS} while it is queued or running. */
export function useImportJob(ws: string, app: string, formId: string, started: ImportView | null) {
  return useQuery({
    queryKey: transferKeys.import(ws, app, formId, started?.id ?? ''),
    queryFn: () => transferApi.getImport(ws, app, formId, started!.id),
    enabled: !!started,
    // the start's answer is shown at once; it is stale at once too, so the first poll follows right away
    initialData: started ?? undefined,
    refetchInterval: (q) => (isActive(q.state.data?.state) ? POLL_MS : false),
  });
}

/** A started export, read again every {@link POLL_MS} while it is queued or running. */
export function useExportJob(ws: string, app: string, formId: string, started: ExportView | null) {
  return useQuery({
    queryKey: transferKeys.export(ws, app, formId, started?.id ?? ''),
    queryFn: () => transferApi.getExport(ws, app, formId, started!.id),
    enabled: !!started,
    initialData: started ?? undefined,
    refetchInterval: (q) => (isActive(q.state.data?.state) ? POLL_MS : false),
  });
}
