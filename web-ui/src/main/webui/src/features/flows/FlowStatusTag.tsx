import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** not published / published v2 / published v2 with unpublished changes. */
export function FlowStatusTag({ publishedVersion, changedSincePublish }: { publishedVersion?: number | null; changedSincePublish: boolean }) {
  const { t } = useTranslation();
  if (publishedVersion === null || publishedVersion === undefined) {
    return <Tag data-testid="flow-status" data-status="draft">{t('flows.statusDraft')}</Tag>;
  }
  return (
    <span data-testid="flow-status" data-status={changedSincePublish ? 'changed' : 'published'}>
      <Tag color="green">{t('flows.statusPublished', { version: publishedVersion })}</Tag>
      {changedSincePublish && <Tag color="orange">{t('flows.statusChanged')}</Tag>}
    </span>
  );
}

export function FlowKindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={kind === 'approval' ? 'orange' : 'purple'} data-testid="flow-kind" data-kind={kind}>
      {t(`flows.kinds.${kind}`, { defaultValue: kind })}
    </Tag>
  );
}
