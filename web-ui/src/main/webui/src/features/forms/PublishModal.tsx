import { Alert, type ButtonProps, List, Modal, Tag, Typography } from 'antd';
import { tid } from '../../components/testid';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { errorMessage } from '../../components/errors';
import { QueryError } from '../../components/feedback';
import { formsApi } from './formsApi';
import type { FormDiff } from './types';

/** What publishing changes, shown before the builder confirms; refusals (data would break) are listed too. */
export function PublishModal({ workspaceId, appId, formId, publishing, error, onConfirm, onClose }: {
  workspaceId: string;
  appId: string;
  formId: string;
  publishing: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const diff = useQuery({ queryKey: ['forms', 'diff', formId], queryFn: () => formsApi.diff(workspaceId, appId, formId), staleTime: 0, gcTime: 0 });
  const nothing = diff.data ? isEmpty(diff.data) : false;
  return (
    <Modal
      open
      title={t('forms.publishDialog.title')}
      onCancel={onClose}
      onOk={onConfirm}
      okText={t('forms.publishDialog.confirm')}
      okButtonProps={{ ...tid<ButtonProps>('publish-confirm'), disabled: !diff.data || nothing, loading: publishing }}
      destroyOnHidden
    >
      <div data-testid="publish-diff">
        {diff.error && <QueryError error={diff.error} />}
        {diff.data && <DiffView diff={diff.data} />}
        {nothing && <Typography.Paragraph>{t('forms.publishDialog.nothing')}</Typography.Paragraph>}
      </div>
      {error !== null && error !== undefined && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="publish-error"
          message={`${t('forms.publishDialog.refused')} ${errorMessage(error, t)}`}
          description={error instanceof ApiError && error.fieldErrors.length > 0
            ? <ul style={{ margin: 0, paddingLeft: 18 }}>{error.fieldErrors.map((e, i) => <li key={i}>{e.message}</li>)}</ul>
            : undefined}
        />
      )}
    </Modal>
  );
}

function isEmpty(d: FormDiff): boolean {
  return !d.firstVersion && !d.nameChanged && !d.layoutChanged && d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
}

function DiffView({ diff }: { diff: FormDiff }) {
  const { t } = useTranslation();
  const section = (title: string, color: string, items: { key: string; label: string; extra?: string }[], testId: string) =>
    items.length > 0 && (
      <List
        size="small"
        header={<Typography.Text strong>{title}</Typography.Text>}
        dataSource={items}
        data-testid={testId}
        renderItem={(i) => (
          <List.Item>
            <Tag color={color}>{i.label}</Tag>
            <Typography.Text type="secondary">{i.key}</Typography.Text>
            {i.extra && <Typography.Text style={{ marginLeft: 8 }}>{i.extra}</Typography.Text>}
          </List.Item>
        )}
      />
    );
  return (
    <>
      {diff.firstVersion && <Typography.Paragraph>{t('forms.publishDialog.firstVersion')}</Typography.Paragraph>}
      {diff.nameChanged && <Typography.Paragraph>{t('forms.publishDialog.nameChanged')}</Typography.Paragraph>}
      {section(t('forms.publishDialog.added'), 'green', diff.added.map((f) => ({ key: f.key, label: f.label, extra: t(`forms.type.${f.type}`) })), 'diff-added')}
      {section(t('forms.publishDialog.removed'), 'red', diff.removed.map((f) => ({ key: f.key, label: f.label })), 'diff-removed')}
      {section(
        t('forms.publishDialog.changed'),
        'blue',
        diff.changed.map((c) => ({
          key: c.key,
          label: c.label,
          extra: c.properties.map((p) => (p === 'type'
            ? `${t('forms.publishDialog.property.type')}: ${t(`forms.type.${c.fromType}`)} → ${t(`forms.type.${c.toType}`)}`
            : t(`forms.publishDialog.property.${p}`, { defaultValue: p }))).join('、'),
        })),
        'diff-changed',
      )}
      {diff.layoutChanged && <Typography.Paragraph type="secondary">{t('forms.publishDialog.layoutChanged')}</Typography.Paragraph>}
    </>
  );
}
