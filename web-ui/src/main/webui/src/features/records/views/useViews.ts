import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { viewKeys, viewsApi } from './api';
import type { NewView, SavedView, ViewChanges } from './types';

export function useViews(ws: string, app: string, formId: string) {
  return useQuery({ queryKey: viewKeys.list(ws, app, formId), queryFn: () => viewsApi.list(ws, app, formId) });
}

/** After a write: the answer in the list at once (the tab does not flicker), then the list read again. */
function useRefreshViews(ws: string, app: string, formId: string) {
  const queryClient = useQueryClient();
  const key = viewKeys.list(ws, app, formId);
  return {
    put: (view: SavedView) => {
      queryClient.setQueryData<SavedView[]>(key, (views) => {
        if (!views) return [view];
        return views.some((v) => v.id === view.id) ? views.map((v) => (v.id === view.id ? view : v)) : [...views, view];
      });
      return queryClient.invalidateQueries({ queryKey: key });
    },
    drop: (id: string) => {
      queryClient.setQueryData<SavedView[]>(key, (views) => views?.filter((v) => v.id !== id));
      return queryClient.invalidateQueries({ queryKey: key });
    },
    reload: () => queryClient.invalidateQueries({ queryKey: key }),
  };
}

export function useCreateView(ws: string, app: string, formId: string) {
  const refresh = useRefreshViews(ws, app, formId);
  return useMutation({ mutationFn: (view: NewView) => viewsApi.create(ws, app, formId, view), onSuccess: (view) => refresh.put(view) });
}

export function useUpdateView(ws: string, app: string, formId: string) {
  const refresh = useRefreshViews(ws, app, formId);
  return useMutation({
    mutationFn: ({ id, changes, version }: { id: string; changes: ViewChanges; version: number }) => viewsApi.update(ws, app, formId, id, changes, version),
    onSuccess: (view) => refresh.put(view),
    // a 412 means the list holds an old version: read it again, so the next try can succeed
    onError: () => refresh.reload(),
  });
}

export function useDeleteView(ws: string, app: string, formId: string) {
  const refresh = useRefreshViews(ws, app, formId);
  return useMutation({ mutationFn: (id: string) => viewsApi.remove(ws, app, formId, id), onSuccess: (_, id) => refresh.drop(id) });
}

/**
 * The view shown: the caller's (the page's URL) when it keeps it, else this component's own. Null:
 * all records, the unsaved grid.
 */
export function useChosenView(controlled: string | null | undefined, onChange?: (id: string | null) => void): [string | null, (id: string | null) => void] {
  const [own, setOwn] = useState<string | null>(controlled ?? null);
  return onChange ? [controlled ?? null, onChange] : [own, setOwn];
}
