import { useMemo } from 'react';
import { useDraggable, useDroppable } from '@dnd-kit/core';
import { Button, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/feedback';
import { CellValue } from '../cellRender';
import { formatValue, shortId, type ValueLabels } from '../format';
import { useRelationLabels } from '../useRecords';
import type { FieldDefinition, FormRecord } from '../types';
import { columnCount, columnQuery, placeCards, type BoardColumn, type CardMove } from './kanban';
import type { KanbanViewConfig } from './types';
import { useColumnRecords } from './useBoard';

const COLUMN_WIDTH = 280;

/** What a dragged card carries: the record and the column it comes from. */
export interface CardDrag {
  record: FormRecord;
  from: string | null;
}

/** What a column carries as a drop target: its choice. */
export interface ColumnDrop {
  value: string | null;
}

export type CardLayout = { title?: FieldDefinition; details: FieldDefinition[] };

interface KanbanColumnProps {
  workspaceId: string;
  appId: string;
  formId: string;
  column: BoardColumn;
  config: KanbanViewConfig;
  groupBy: FieldDefinition;
  layout: CardLayout;
  labels: ValueLabels;
  moves: ReadonlyMap<string, CardMove>;
  canEdit: boolean;
  onOpen: (record: FormRecord) => void;
}

/** One choice's records, 50 at a time, with their count; a drop target for cards. */
export function KanbanColumn({ workspaceId, appId, formId, column, config, groupBy, layout, labels, moves, canEdit, onOpen }: KanbanColumnProps) {
  const { t } = useTranslation();
  const pages = useColumnRecords(workspaceId, appId, formId, columnQuery(config, groupBy, column.value));
  const loaded = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const cards = placeCards(column.value, loaded, moves);
  const total = pages.data?.pages[0]?.total;
  const count = total ? columnCount(column.value, total.value, loaded, moves) : undefined;
  const { setNodeRef, isOver } = useDroppable({ id: column.value === null ? 'column-none' : `column=${column.value}`, data: { value: column.value } satisfies ColumnDrop });
  // names of related records and members on the cards: one lookup per relation field for the column
  const shown = useMemo(() => (layout.title ? [layout.title, ...layout.details] : layout.details), [layout]);
  const relationLabels = useRelationLabels(workspaceId, appId, shown, cards);
  const cardLabels: ValueLabels = useMemo(
    () => ({ ...labels, relationLabel: (key, id) => relationLabels.get(key)?.get(id) ?? labels.relationLabel?.(key, id) }),
    [labels, relationLabels],
  );

  return (
    <div
      ref={setNodeRef}
      data-testid={`kanban-column-${column.key}`}
      data-count={count}
      style={{ flex: `0 0 ${COLUMN_WIDTH}px`, width: COLUMN_WIDTH, background: isOver ? '#e6f4ff' : '#f5f5f5', borderRadius: 8, padding: 8, transition: 'background .15s' }}
    >
      <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 8, minHeight: 24 }}>
        {column.value === null ? (
          <Typography.Text type="secondary" strong>
            {t('records.views.kanban.none')}
          </Typography.Text>
        ) : (
          <Tag color={column.color} style={{ marginInlineEnd: 0, maxWidth: COLUMN_WIDTH - 80, overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {column.label}
          </Tag>
        )}
        <Typography.Text type="secondary" data-testid={`kanban-count-${column.key}`}>
          {count === undefined ? '' : total?.exact === false ? t('records.views.kanban.countApprox', { count }) : t('records.views.kanban.count', { count })}
        </Typography.Text>
      </Flex>
      {pages.isError && <QueryError error={pages.error} onRetry={() => void pages.refetch()} />}
      {pages.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : (
        <Flex vertical gap={8}>
          {cards.map((r) => (
            <KanbanCard key={r.id} record={r} from={column.value} layout={layout} labels={cardLabels} canEdit={canEdit} onOpen={onOpen} />
          ))}
          {cards.length === 0 && !pages.isError && (
            <Typography.Text type="secondary" style={{ textAlign: 'center', padding: '12px 0', fontSize: 12 }}>
              {t('records.views.kanban.empty')}
            </Typography.Text>
          )}
        </Flex>
      )}
      {pages.hasNextPage && (
        <Button block type="text" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage} style={{ marginTop: 8 }} data-testid={`kanban-more-${column.key}`}>
          {t('records.views.kanban.more')}
        </Button>
      )}
    </div>
  );
}

function KanbanCard({ record, from, layout, labels, canEdit, onOpen }: { record: FormRecord; from: string | null; layout: CardLayout; labels: ValueLabels; canEdit: boolean; onOpen: (record: FormRecord) => void }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: record.id, data: { record, from } satisfies CardDrag, disabled: !canEdit });
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      // without edit rights the card is no draggable, just a button that opens the record
      role="button"
      tabIndex={0}
      onClick={() => onOpen(record)}
      onKeyDown={(e) => {
        listeners?.onKeyDown?.(e);
        if (e.key === 'Enter' && !isDragging) onOpen(record);
      }}
      data-testid={`kanban-card-${record.id}`}
      style={{ opacity: isDragging ? 0.4 : 1, cursor: canEdit ? 'grab' : 'pointer', touchAction: canEdit ? 'none' : undefined, outline: 'none' }}
    >
      <CardBody record={record} layout={layout} labels={labels} />
    </div>
  );
}

/** A card's face: its title, then the other card fields formatted as the grid shows them. */
export function CardBody({ record, layout, labels, lifted = false }: { record: FormRecord; layout: CardLayout; labels: ValueLabels; lifted?: boolean }) {
  const { t } = useTranslation();
  const title = layout.title ? formatValue(layout.title, record.data[layout.title.key], { t, ...labels }) : '';
  return (
    <div
      style={{
        background: '#fff',
        borderRadius: 6,
        border: '1px solid #f0f0f0',
        padding: '8px 10px',
        boxShadow: lifted ? '0 6px 16px rgba(0,0,0,.12)' : '0 1px 2px rgba(0,0,0,.04)',
        width: lifted ? COLUMN_WIDTH - 16 : undefined,
      }}
    >
      <Typography.Text strong ellipsis={{ tooltip: title || undefined }} style={{ display: 'block' }} data-testid="kanban-title">
        {title || shortId(record.id)}
      </Typography.Text>
      {layout.details.map((f) => (
        <Flex key={f.key} gap={6} align="baseline" style={{ marginTop: 4, fontSize: 12, minWidth: 0 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
            {f.label}
          </Typography.Text>
          <span style={{ minWidth: 0, overflow: 'hidden' }}>
            <CellValue field={f} value={record.data[f.key]} labels={labels} recordId={record.id} />
          </span>
        </Flex>
      ))}
    </div>
  );
}
