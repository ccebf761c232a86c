import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { membersApi, queryKeys, type Member, type MemberInput } from '../../../api';

export function useMembers(workspaceId: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.members(workspaceId), queryFn: () => membersApi.list(workspaceId), enabled });
}

function useInvalidate(workspaceId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.members(workspaceId) }),
      // role member counts change too
      queryClient.invalidateQueries({ queryKey: queryKeys.roles(workspaceId) }),
    ]);
}

export function useAddMember(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (input: MemberInput) => membersApi.add(workspaceId, input),
    onSuccess: invalidate,
  });
}

export function useChangeMemberRole(workspaceId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: ({ userId, roleId }: { userId: string; roleId: string }) => membersApi.changeRole(workspaceId, userId, roleId),
    onSuccess: (member) => {
      queryClient.setQueryData<Member[]>(queryKeys.members(workspaceId), (list) =>
        list?.map((m) => (m.userId === member.userId ? member : m)),
      );
      return invalidate();
    },
  });
}

export function useRemoveMember(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (userId: string) => membersApi.remove(workspaceId, userId),
    onSuccess: invalidate,
  });
}
