import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** draft v3 / published v2 / published v2 with unpublished changes. */
export function FormStatusTag({ draftVersion, publishedVersion, changedSincePublish }: {
  draftVersion: number;
  publishedVersion: number | null;
  changedSincePublish: boolean;
}) {
  const { t } = useTranslation();
  if (publishedVersion === null || publishedVersion === undefined) {
    return <Tag data-testid="form-status" data-status="draft">{t('forms.statusDraft', { version: draftVersion })}</Tag>;
  }
  return (
    <span data-testid="form-status" data-status={changedSincePublish ? 'changed' : 'published'}>
      <Tag color="green">{t('forms.statusPublished', { version: publishedVersion })}</Tag>
      {changedSincePublish && (
        <Tooltip title={t('forms.statusChanged')}>
          <Tag color="orange">{t('forms.statusChanged')}</Tag>
        </Tooltip>
      )}
    </span>
  );
}
