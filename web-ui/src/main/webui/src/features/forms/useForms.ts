import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formKeys, formsApi, type VersionedForm } from './formsApi';
import type { FormDraft } from './types';

export function useFormList(workspaceId: string, appId: string) {
  return useQuery({ queryKey: formKeys.list(workspaceId, appId), queryFn: () => formsApi.list(workspaceId, appId) });
}

export function useForm(workspaceId: string, appId: string, formId: string) {
  return useQuery({
    queryKey: formKeys.form(workspaceId, appId, formId),
    queryFn: () => formsApi.get(workspaceId, appId, formId),
    staleTime: 0,
  });
}

/** Keeps the cache in step after a save or publish: the form (with its ETag) and the list. */
function useStore(workspaceId: string, appId: string) {
  const queryClient = useQueryClient();
  return (res: VersionedForm) => {
    queryClient.setQueryData(formKeys.form(workspaceId, appId, res.form.id), res);
    void queryClient.invalidateQueries({ queryKey: formKeys.list(workspaceId, appId), exact: true });
  };
}

export function useCreateForm(workspaceId: string, appId: string) {
  const store = useStore(workspaceId, appId);
  return useMutation({ mutationFn: (draft: FormDraft) => formsApi.create(workspaceId, appId, draft), onSuccess: store });
}

export function useSaveForm(workspaceId: string, appId: string, formId: string) {
  const store = useStore(workspaceId, appId);
  return useMutation({
    mutationFn: ({ draft, etag }: { draft: FormDraft; etag: string | null }) => formsApi.update(workspaceId, appId, formId, draft, etag),
    onSuccess: store,
  });
}

export function usePublishForm(workspaceId: string, appId: string, formId: string) {
  const store = useStore(workspaceId, appId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => formsApi.publish(workspaceId, appId, formId),
    onSuccess: (res) => {
      store(res);
      // the records page reads the form through its own cache: it must see the new version
      void queryClient.invalidateQueries({ queryKey: ['records', workspaceId, appId] });
    },
  });
}

export function useDeleteForm(workspaceId: string, appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (formId: string) => formsApi.remove(workspaceId, appId, formId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: formKeys.list(workspaceId, appId), exact: true }),
  });
}
