import type { ReactNode } from 'react';
import { Breadcrumb, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RunOutcome } from '../../api';
import { useAppOf } from './useRules';

export const appPath = (workspaceId: string, appId: string) => `/w/${workspaceId}/apps/${encodeURIComponent(appId)}`;
export const rulesPath = (workspaceId: string, appId: string) => `${appPath(workspaceId, appId)}/rules`;
export const rulePath = (workspaceId: string, appId: string, ruleId: string) => `${rulesPath(workspaceId, appId)}/${encodeURIComponent(ruleId)}`;
export const runsPath = (workspaceId: string, appId: string, ruleId?: string) =>
  `${appPath(workspaceId, appId)}/rule-runs${ruleId ? `?ruleId=${encodeURIComponent(ruleId)}` : ''}`;

export const OUTCOMES: readonly RunOutcome[] = ['succeeded', 'failed', 'skipped'];

export function outcomeColor(outcome: string): string | undefined {
  if (outcome === 'succeeded') return 'green';
  if (outcome === 'failed') return 'red';
  return undefined; // skipped and anything unknown: the default grey
}

export function OutcomeTag({ outcome, testId = 'run-outcome' }: { outcome: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={outcomeColor(outcome)} data-testid={testId} data-outcome={outcome}>
      {t(`ruleRuns.outcomes.${outcome}`, { defaultValue: outcome })}
    </Tag>
  );
}

/** draft v3 / published v2 / published v2 with unpublished changes. */
export function RuleStatusTag({
  draftVersion,
  publishedVersion,
  changedSincePublish,
}: {
  draftVersion: number;
  publishedVersion: number | null;
  changedSincePublish: boolean;
}) {
  const { t } = useTranslation();
  if (publishedVersion === null || publishedVersion === undefined) {
    return (
      <Tag data-testid="rule-status" data-status="draft">
        {t('rules.status.draft', { version: draftVersion })}
      </Tag>
    );
  }
  return (
    <span data-testid="rule-status" data-status={changedSincePublish ? 'changed' : 'published'}>
      <Tag color="green">{t('rules.status.published', { version: publishedVersion })}</Tag>
      {changedSincePublish && (
        <Tooltip title={t('rules.status.changedHint', { version: draftVersion })}>
          <Tag color="orange">{t('rules.status.changed')}</Tag>
        </Tooltip>
      )}
    </span>
  );
}

/** 应用 / CRM / 规则 (/ 规则名) */
export function RulesBreadcrumb({ workspaceId, appId, current }: { workspaceId: string; appId: string; current?: ReactNode }) {
  const { t } = useTranslation();
  const { app } = useAppOf(workspaceId, appId);
  const items = [
    { title: <Link to={`/w/${workspaceId}/apps`}>{t('nav.apps')}</Link> },
    { title: app?.name ?? appId.slice(0, 8) },
    { title: current ? <Link to={rulesPath(workspaceId, appId)} data-testid="breadcrumb-rules">{t('rules.title')}</Link> : t('rules.title') },
    ...(current ? [{ title: current }] : []),
  ];
  return <Breadcrumb items={items} style={{ marginBottom: 12 }} data-testid="rules-breadcrumb" />;
}
