import { Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/feedback';
import { formatDateTime } from '../../lib/time';
import type { ValueLabels } from './format';
import { changedByLabel, changeLine, KIND_COLORS } from './history';
import { useRecordsScope } from './scope';
import { useRecordHistory } from './useRecords';
import type { FieldDefinition } from './types';

/** Who changed what when, newest first. */
export function RecordHistory({ formId, recordId, fields, labels }: { formId: string; recordId: string; fields: readonly FieldDefinition[]; labels: ValueLabels }) {
  const { t } = useTranslation();
  const { workspaceId, appId } = useRecordsScope();
  const history = useRecordHistory(workspaceId, appId, formId, recordId, true);
  const ctx = { t, ...labels };
  const fieldOf = (key: string) => fields.find((f) => f.key === key);

  if (history.isPending) return <Skeleton active />;
  if (history.isError) return <QueryError error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) return <Empty description={t('records.history.empty')} />;
  return (
    <Timeline
      data-testid="record-history-list"
      items={history.data.map((entry) => ({
        key: String(entry.id),
        color: KIND_COLORS[entry.kind] ?? 'gray',
        content: (
          <div data-testid="record-history-entry" data-kind={entry.kind}>
            <Flex gap={8} align="center" wrap>
              <Tag color={KIND_COLORS[entry.kind]}>{t(`records.history.kinds.${entry.kind}`, { defaultValue: entry.kind })}</Tag>
              <Typography.Text strong>{changedByLabel(entry, ctx)}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(entry.changedAt)} · {t('records.history.version', { version: entry.version })}
              </Typography.Text>
            </Flex>
            {entry.changes.length > 0 ? (
              <ul style={{ margin: '6px 0 0', paddingInlineStart: 18 }}>
                {entry.changes.map((c, i) => (
                  <li key={i} data-testid="record-history-change" data-field={c.field} style={{ wordBreak: 'break-word' }}>
                    {changeLine(c, fieldOf(c.field), entry.kind, ctx)}
                  </li>
                ))}
              </ul>
            ) : (
              entry.kind === 'updated' && (
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                  {t('records.history.noChanges')}
                </Typography.Text>
              )
            )}
          </div>
        ),
      }))}
    />
  );
}
