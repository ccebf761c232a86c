import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { authApi, queryKeys, type Me } from '../../api';

// Set by an explicit logout, so the login page does not send the next user back to where the last one was.
let loggedOutOnPurpose = false;

export function wasLoggedOutOnPurpose(): boolean {
  return loggedOutOnPurpose;
}

export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: authApi.me,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** Forgets everything cached for the previous user, keeping only the session itself. */
export function resetSessionData(queryClient: QueryClient, me: Me | null): void {
  queryClient.cancelQueries().catch(() => undefined);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
  queryClient.setQueryData(queryKeys.me, me);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) => authApi.login(username, password),
    onSuccess: (me) => {
      loggedOutOnPurpose = false;
      resetSessionData(queryClient, me);
    },
  });
}

/** `onLoggedOut` runs even though the page that asked is gone by then. */
export function useLogout(onLoggedOut?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: authApi.logout,
    onMutate: () => {
      loggedOutOnPurpose = true;
    },
    // Whatever the server said, this browser is logged out now; RequireAuth shows the login page.
    onSettled: () => {
      resetSessionData(queryClient, null);
      onLoggedOut?.();
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ currentPassword, newPassword }: { currentPassword: string; newPassword: string }) =>
      authApi.changePassword(currentPassword, newPassword),
    onSuccess: async () => {
      queryClient.setQueryData<Me | null>(queryKeys.me, (me) => (me ? { ...me, mustChangePassword: false } : me));
      await queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}
