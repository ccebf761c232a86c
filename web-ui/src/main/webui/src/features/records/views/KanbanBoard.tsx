import { useMemo, useState } from 'react';
import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ValueLabels } from '../format';
import type { FieldDefinition, FormRecord } from '../types';
import { boardColumns, cardLayout, groupableFields } from './kanban';
import { CardBody, KanbanColumn, type CardDrag, type ColumnDrop } from './KanbanColumn';
import type { KanbanViewConfig } from './types';
import { useCardMoves } from './useBoard';

/** The column under the pointer; a keyboard drag (no pointer) or a drop between columns: the nearest one. */
const dropTarget: CollisionDetection = (args) => {
  const under = pointerWithin(args);
  return under.length > 0 ? under : closestCorners(args);
};

export interface KanbanBoardProps {
  workspaceId: string;
  appId: string;
  formId: string;
  config: KanbanViewConfig;
  fields: readonly FieldDefinition[];
  /** the form's title field (its settings): a card's title when the view chose no card fields */
  titleField?: string;
  labels: ValueLabels;
  /** may change records: only then are cards dragged */
  canEdit: boolean;
  onOpen: (record: FormRecord) => void;
}

/** The records as cards in a column per choice of the view's single-select field; a card dragged to another column changes it. */
export function KanbanBoard(props: KanbanBoardProps) {
  const { t } = useTranslation();
  const groupBy = groupableFields(props.fields).find((f) => f.key === props.config.groupBy);
  // the field was removed or changed its type since the view was saved
  if (!groupBy) return <Alert type="warning" showIcon title={t('records.views.kanban.broken')} data-testid="kanban-broken" />;
  // grouped by another field (the view's settings): cards on their way belong to the old columns
  return <Board key={groupBy.key} {...props} groupBy={groupBy} />;
}

function Board({ workspaceId, appId, formId, config, fields, titleField, labels, canEdit, onOpen, groupBy }: KanbanBoardProps & { groupBy: FieldDefinition }) {
  const { moves, move } = useCardMoves(workspaceId, appId, formId, groupBy.key);
  const [dragged, setDragged] = useState<FormRecord | null>(null);
  const layout = useMemo(() => cardLayout(config, fields, titleField), [config, fields, titleField]);
  const columns = useMemo(() => boardColumns(groupBy), [groupBy]);
  const sensors = useSensors(
    // a click opens the card: a drag starts only after the pointer moved a little
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    // Enter opens the card too, so only Space picks it up
    useSensor(KeyboardSensor, { keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] } }),
  );

  const onDragStart = ({ active }: DragStartEvent) => setDragged((active.data.current as CardDrag | undefined)?.record ?? null);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragged(null);
    const card = active.data.current as CardDrag | undefined;
    const column = over?.data.current as ColumnDrop | undefined;
    if (!card || !column || card.from === column.value) return;
    void move(card.record, column.value);
  };

  return (
    <DndContext sensors={sensors} collisionDetection={dropTarget} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragged(null)}>
      <div data-testid="kanban-board" style={{ display: 'flex', gap: 12, alignItems: 'flex-start', overflowX: 'auto', paddingBottom: 8 }}>
        {columns.map((c) => (
          <KanbanColumn
            key={c.value === null ? '\u0000none' : `=${c.value}`}
            workspaceId={workspaceId}
            appId={appId}
            formId={formId}
            column={c}
            config={config}
            groupBy={groupBy}
            layout={layout}
            labels={labels}
            moves={moves}
            canEdit={canEdit}
            onOpen={onOpen}
          />
        ))}
      </div>
      <DragOverlay dropAnimation={null}>{dragged && <CardBody record={dragged} layout={layout} labels={labels} lifted />}</DragOverlay>
    </DndContext>
  );
}
