import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Button, Checkbox, Divider, Flex, Popover, Typography } from 'antd';
import { HolderOutlined, TableOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { defaultColumns, moveColumn, visibleFields, withColumn } from './columnPrefs';
import type { FieldDefinition } from './types';

/** Which fields the grid shows, and in which order (the visible ones are dragged into place). */
export function ColumnChooser({ fields, value, onChange }: { fields: readonly FieldDefinition[]; value: readonly string[]; onChange: (keys: string[]) => void }) {
  const { t } = useTranslation();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const shown = visibleFields(fields, value);
  const hidden = fields.filter((f) => !value.includes(f.key));
  const toggle = (key: string, on: boolean) => onChange(on ? withColumn(value, key, fields) : value.filter((k) => k !== key));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over) onChange(moveColumn(value, String(active.id), String(over.id)));
  };

  const content = (
    <div style={{ maxWidth: 280 }} data-testid="records-columns-panel">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('records.columns.hint')}
      </Typography.Text>
      <div style={{ maxHeight: 320, overflowY: 'auto', marginTop: 8 }}>
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
          <SortableContext items={shown.map((f) => f.key)} strategy={verticalListSortingStrategy}>
            {shown.map((f) => (
              <SortableColumn key={f.key} field={f} onToggle={toggle} />
            ))}
          </SortableContext>
        </DndContext>
        {hidden.map((f) => (
          <Flex key={f.key} align="center" gap={6} style={{ padding: '2px 0', paddingInlineStart: 20 }}>
            <Checkbox checked={false} onChange={(e) => toggle(f.key, e.target.checked)} data-testid={`records-column-${f.key}`}>
              {f.label}
            </Checkbox>
          </Flex>
        ))}
      </div>
      <Divider style={{ margin: '8px 0' }} />
      <Flex gap={8}>
        <Button size="small" onClick={() => onChange(fields.reduce((keys, f) => withColumn(keys, f.key, fields), [...value]))}>
          {t('records.columns.all')}
        </Button>
        <Button size="small" onClick={() => onChange(defaultColumns(fields))}>
          {t('records.columns.reset')}
        </Button>
      </Flex>
    </div>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight">
      <Button icon={<TableOutlined />} data-testid="records-columns">
        {t('records.columns.button')}
      </Button>
    </Popover>
  );
}

function SortableColumn({ field, onToggle }: { field: FieldDefinition; onToggle: (key: string, on: boolean) => void }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: field.key });
  return (
    <Flex
      ref={setNodeRef}
      align="center"
      gap={6}
      style={{ padding: '2px 0', transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.5 : 1, background: '#fff' }}
    >
      <span {...attributes} {...listeners} aria-label={t('records.columns.drag')} style={{ cursor: 'grab', color: '#999', touchAction: 'none', width: 14 }}>
        <HolderOutlined />
      </span>
      <Checkbox checked onChange={(e) => onToggle(field.key, e.target.checked)} data-testid={`records-column-${field.key}`}>
        {field.label}
      </Checkbox>
    </Flex>
  );
}
