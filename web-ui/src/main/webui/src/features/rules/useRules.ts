import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { actionsApi, appsApi, queryKeys, rulesApi, type RuleSummary, type VersionedRule } from '../../api';

export const RUNS_PAGE_SIZE = 50;

export function useRuleList(workspaceId: string, appId: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.rules(workspaceId, appId), queryFn: () => rulesApi.list(workspaceId, appId), enabled });
}

export function useRule(workspaceId: string, appId: string, ruleId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.rule(workspaceId, appId, ruleId ?? ''),
    queryFn: () => rulesApi.get(workspaceId, appId, ruleId!),
    enabled: !!ruleId,
    staleTime: 0,
  });
}

/** The app a rules page belongs to (from the cached app list). */
export function useAppOf(workspaceId: string, appId: string) {
  const apps = useQuery({ queryKey: queryKeys.apps(workspaceId), queryFn: () => appsApi.list(workspaceId) });
  return { app: apps.data?.find((a) => a.id === appId), query: apps };
}

/** The action registry, keyed by action key. */
export function useActions() {
  return useQuery({
    queryKey: queryKeys.actions,
    queryFn: actionsApi.list,
    staleTime: 5 * 60_000,
    });
}

export function useRuleVersions(workspaceId: string, appId: string, ruleId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.ruleVersions(workspaceId, appId, ruleId ?? ''),
    queryFn: () => rulesApi.versions(workspaceId, appId, ruleId!),
    enabled: enabled && !!ruleId,
  });
}

/**
 * The latest run of each rule, from the newest runs of the app: for servers whose rule list does not
 * carry `lastRun` (rules without a run among the newest 200 show none).
 */
export function useLatestRuns(workspaceId: string, appId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['ruleRuns', workspaceId, appId, 'latest'] as const,
    queryFn: () => rulesApi.runs(workspaceId, appId, { limit: 200 }),
    enabled,
    select: (page) => {
      const latest = new Map<string, { outcome: string; startedAt: string }>();
      for (const run of page.items) if (!latest.has(run.ruleId)) latest.set(run.ruleId, { outcome: run.outcome, startedAt: run.startedAt });
      return latest;
    },
  });
}

export function useRuleRuns(workspaceId: string, appId: string, filter: { ruleId?: string; outcome?: string }) {
  return useInfiniteQuery({
    queryKey: queryKeys.ruleRuns(workspaceId, appId, filter),
    queryFn: ({ pageParam }) => rulesApi.runs(workspaceId, appId, { ...filter, limit: RUNS_PAGE_SIZE, before: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

/** Keeps the rule cache in step after a change: the detail (with its ETag) and the list. */
export function useRuleCache(workspaceId: string, appId: string) {
  const queryClient = useQueryClient();
  return {
    /** Stores a rule as answered; without an ETag in the answer, the next read fetches one. */
    store(res: VersionedRule, previousEtag?: string | null) {
      const key = queryKeys.rule(workspaceId, appId, res.rule.id);
      // some answers (enable/disable) leave out the test results: keep the ones we have
      const previous = queryClient.getQueryData<VersionedRule>(key);
      const rule = res.rule.testResults || !previous ? res.rule : { ...res.rule, testResults: previous.rule.testResults };
      queryClient.setQueryData<VersionedRule>(key, { rule, etag: res.etag ?? previousEtag ?? null });
      if (!res.etag) void queryClient.invalidateQueries({ queryKey: key, exact: true });
      queryClient.setQueryData<RuleSummary[]>(queryKeys.rules(workspaceId, appId), (list) =>
        list?.map((r) =>
          r.id === res.rule.id
            ? {
                ...r,
                name: res.rule.name,
                trigger: res.rule.trigger,
                enabled: res.rule.enabled,
                priority: res.rule.priority,
                draftVersion: res.rule.draftVersion,
                publishedVersion: res.rule.publishedVersion,
                changedSincePublish: res.rule.changedSincePublish,
                updatedAt: res.rule.updatedAt,
              }
            : r,
        ),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.rules(workspaceId, appId), exact: true });
    },
    invalidateVersions(ruleId: string) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.ruleVersions(workspaceId, appId, ruleId) });
    },
    invalidateRuns() {
      void queryClient.invalidateQueries({ queryKey: ['ruleRuns', workspaceId, appId] });
    },
  };
}

export function useSetRuleEnabled(workspaceId: string, appId: string) {
  const cache = useRuleCache(workspaceId, appId);
  return useMutation({
    mutationFn: ({ ruleId, enabled }: { ruleId: string; enabled: boolean }) => rulesApi.setEnabled(workspaceId, appId, ruleId, enabled),
    onSuccess: (res) => cache.store(res),
  });
}

export function useDeleteRule(workspaceId: string, appId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ruleId: string) => rulesApi.remove(workspaceId, appId, ruleId),
    onSuccess: (_, ruleId) => {
      queryClient.setQueryData<RuleSummary[]>(queryKeys.rules(workspaceId, appId), (list) => list?.filter((r) => r.id !== ruleId));
      queryClient.removeQueries({ queryKey: queryKeys.rule(workspaceId, appId, ruleId) });
      return queryClient.invalidateQueries({ queryKey: queryKeys.rules(workspaceId, appId), exact: true });
    },
  });
}
