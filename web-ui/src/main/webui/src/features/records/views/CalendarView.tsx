import { useMemo, useState } from 'react';
import { Alert, Button, Calendar, Flex, Spin, Tooltip, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/feedback';
import { formatValue, shortId, type ValueLabels } from '../format';
import { labelFieldOf } from '../relations';
import { useRecordList, useRelationLabels } from '../useRecords';
import type { FieldDefinition, FormRecord } from '../types';
import { CALENDAR_LIMIT, calendarQuery, dateFields, dayKey, recordsByDay } from './calendar';
import type { CalendarViewConfig } from './types';

export interface CalendarViewProps {
  workspaceId: string;
  appId: string;
  formId: string;
  config: CalendarViewConfig;
  fields: readonly FieldDefinition[];
  /** the form's title field (its settings): an entry's title when the view chose none */
  titleField?: string;
  labels: ValueLabels;
  onOpen: (record: FormRecord) => void;
}

/** A month of records, each on the day of the view's date field; an entry opens its record. */
export function CalendarView(props: CalendarViewProps) {
  const { t } = useTranslation();
  const dateField = dateFields(props.fields).find((f) => f.key === props.config.dateField);
  // the field was removed or changed its type since the view was saved
  if (!dateField) return <Alert type="warning" showIcon title={t('records.views.calendar.broken')} data-testid="calendar-broken" />;
  return <MonthOfRecords {...props} dateField={dateField} />;
}

function MonthOfRecords({ workspaceId, appId, formId, config, fields, titleField: formTitle, labels, onOpen, dateField }: CalendarViewProps & { dateField: FieldDefinition }) {
  const { t, i18n } = useTranslation();
  const [day, setDay] = useState<Dayjs>(() => dayjs());
  const monthKey = day.format('YYYY-MM');
  const query = useMemo(() => calendarQuery(config, dateField, dayjs(`${monthKey}-01`)), [config, dateField, monthKey]);
  const list = useRecordList(workspaceId, appId, formId, query);
  const records = useMemo(() => list.data?.items ?? [], [list.data]);
  const byDay = useMemo(() => recordsByDay(records, dateField), [records, dateField]);
  const titleField = fields.find((f) => f.key === config.titleField) ?? labelFieldOf(fields, formTitle);
  const titleFields = useMemo(() => (titleField ? [titleField] : []), [titleField]);
  const relationLabels = useRelationLabels(workspaceId, appId, titleFields, records);
  const entryLabels: ValueLabels = { ...labels, relationLabel: (key, id) => relationLabels.get(key)?.get(id) ?? labels.relationLabel?.(key, id) };
  const monthTitle = new Intl.DateTimeFormat(i18n.language, { year: 'numeric', month: 'long' }).format(day.toDate());

  const titleOf = (r: FormRecord) => (titleField ? formatValue(titleField, r.data[titleField.key], { t, ...entryLabels }) : '') || shortId(r.id);
  const timeOf = (r: FormRecord) => (dateField.type === 'datetime' ? dayjs(String(r.data[dateField.key])).format('HH:mm') : '');

  return (
    <div data-testid="calendar-view" data-month={monthKey}>
      <Flex align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Tooltip title={t('records.views.calendar.prev')}>
          <Button icon={<LeftOutlined />} aria-label={t('records.views.calendar.prev')} onClick={() => setDay((d) => d.subtract(1, 'month'))} data-testid="calendar-prev" />
        </Tooltip>
        <Tooltip title={t('records.views.calendar.next')}>
          <Button icon={<RightOutlined />} aria-label={t('records.views.calendar.next')} onClick={() => setDay((d) => d.add(1, 'month'))} data-testid="calendar-next" />
        </Tooltip>
        <Button onClick={() => setDay(dayjs())} data-testid="calendar-today">
          {t('records.views.calendar.today')}
        </Button>
        <Typography.Title level={5} style={{ margin: 0, minWidth: 120 }} data-testid="calendar-month">
          {monthTitle}
        </Typography.Title>
        {list.isFetching && <Spin size="small" />}
      </Flex>
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.data?.nextCursor && !list.isPlaceholderData && (
        <Alert type="info" showIcon title={t('records.views.calendar.more', { limit: CALENDAR_LIMIT })} style={{ marginBottom: 8 }} data-testid="calendar-more" />
      )}
      <Calendar
        value={day}
        // a day of the month before or after switches the month, as the calendar always does
        onSelect={(d) => setDay(d)}
        headerRender={() => null}
        cellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode;
          const entries = byDay.get(dayKey(d));
          if (!entries) return null;
          return (
            <Flex vertical gap={2}>
              {entries.map((r) => {
                const title = titleOf(r);
                const time = timeOf(r);
                return (
                  <div
                    key={r.id}
                    role="button"
                    tabIndex={0}
                    title={time ? `${time} ${title}` : title}
                    onClick={(e) => {
                      e.stopPropagation(); // not also select the day
                      onOpen(r);
                    }}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.stopPropagation();
                        onOpen(r);
                      }
                    }}
                    data-testid={`calendar-entry-${r.id}`}
                    style={{
                      fontSize: 12,
                      lineHeight: '20px',
                      padding: '0 6px',
                      borderRadius: 4,
                      background: '#e6f4ff',
                      color: '#0958d9',
                      whiteSpace: 'nowrap',
                      overflow: 'hidden',
                      textOverflow: 'ellipsis',
                      cursor: 'pointer',
                    }}
                  >
                    {time && <span style={{ opacity: 0.75, marginInlineEnd: 4 }}>{time}</span>}
                    {title}
                  </div>
                );
              })}
            </Flex>
          );
        }}
      />
    </div>
  );
}
