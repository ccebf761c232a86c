import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys, rolesApi, type RoleInput } from '../../../api';

export function useRoles(workspaceId: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.roles(workspaceId), queryFn: () => rolesApi.list(workspaceId), enabled });
}

export function usePermissionCatalogue(enabled = true) {
  return useQuery({ queryKey: queryKeys.permissions, queryFn: rolesApi.permissions, staleTime: Infinity, enabled });
}

function useInvalidate(workspaceId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.roles(workspaceId) }),
      // the caller's own permissions may have changed with its role
      queryClient.invalidateQueries({ queryKey: queryKeys.workspaces }),
      queryClient.invalidateQueries({ queryKey: queryKeys.members(workspaceId) }),
    ]);
}

export function useSaveRole(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: RoleInput }) =>
      id ? rolesApi.update(workspaceId, id, input) : rolesApi.create(workspaceId, input),
    onSuccess: invalidate,
  });
}

export function useDeleteRole(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (roleId: string) => rolesApi.remove(workspaceId, roleId),
    onSuccess: invalidate,
  });
}
