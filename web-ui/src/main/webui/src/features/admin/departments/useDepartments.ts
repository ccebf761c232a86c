import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { departmentsApi, queryKeys, type DepartmentChange, type DepartmentInput } from '../../../api';
import type { DepartmentPatch } from './tree';

/** The workspace's departments (flat; see tree.ts): any member may read them. */
export function useDepartments(workspaceId: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.departments(workspaceId), queryFn: () => departmentsApi.list(workspaceId), enabled, staleTime: 60_000 });
}

/** The members of one department (needs member.view). */
export function useDepartmentMembers(workspaceId: string, departmentId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: queryKeys.departmentMembers(workspaceId, departmentId ?? ''),
    queryFn: () => departmentsApi.members(workspaceId, departmentId!),
    enabled: enabled && !!departmentId,
  });
}

function useInvalidateList(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.departments(workspaceId), exact: true });
}

/** After members joined or left a department: its member list, the counts, the members' departments. */
function useInvalidateMembership(workspaceId: string) {
  const queryClient = useQueryClient();
  return (departmentId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.departmentMembers(workspaceId, departmentId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.departments(workspaceId), exact: true }),
      queryClient.invalidateQueries({ queryKey: queryKeys.members(workspaceId) }),
    ]);
}

export function useCreateDepartment(workspaceId: string) {
  const invalidate = useInvalidateList(workspaceId);
  return useMutation({
    mutationFn: (input: DepartmentInput) => departmentsApi.create(workspaceId, input),
    onSuccess: invalidate,
  });
}

/** Rename, move (parentId) or reorder (position). */
export function useUpdateDepartment(workspaceId: string) {
  const invalidate = useInvalidateList(workspaceId);
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: DepartmentChange }) => departmentsApi.update(workspaceId, id, change),
    onSuccess: invalidate,
  });
}

/**
 * A drag and drop: the PATCHes of {@link planMove}, one after the other (the moved department first).
 * Whether they all pass or one is refused, the list is read again: the tree shows what the server has.
 */
export function useMoveDepartment(workspaceId: string) {
  const invalidate = useInvalidateList(workspaceId);
  return useMutation({
    mutationFn: async (patches: DepartmentPatch[]) => {
      for (const p of patches) await departmentsApi.update(workspaceId, p.id, p.change);
    },
    onSettled: invalidate,
  });
}

export function useDeleteDepartment(workspaceId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateList(workspaceId);
  return useMutation({
    mutationFn: (id: string) => departmentsApi.remove(workspaceId, id),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: queryKeys.departmentMembers(workspaceId, id) });
      return Promise.all([invalidate(), queryClient.invalidateQueries({ queryKey: queryKeys.members(workspaceId) })]);
    },
  });
}

export function useAddDepartmentMembers(workspaceId: string) {
  const invalidate = useInvalidateMembership(workspaceId);
  return useMutation({
    mutationFn: ({ departmentId, userIds }: { departmentId: string; userIds: string[] }) => departmentsApi.addMembers(workspaceId, departmentId, userIds),
    onSuccess: (_, { departmentId }) => invalidate(departmentId),
  });
}

export function useRemoveDepartmentMember(workspaceId: string) {
  const invalidate = useInvalidateMembership(workspaceId);
  return useMutation({
    mutationFn: ({ departmentId, userId }: { departmentId: string; userId: string }) => departmentsApi.removeMember(workspaceId, departmentId, userId),
    onSuccess: (_, { departmentId }) => invalidate(departmentId),
  });
}
