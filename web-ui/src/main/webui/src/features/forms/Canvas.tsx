import type { CSSProperties, ReactNode } from 'react';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Button, Empty, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, FontSizeOutlined, HolderOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../api/problem';
import type { DesignerField, DesignerItem, DesignerSection } from './designer';
import { isComputed } from './fieldTypes';

/** The form being built: fields and section headings in order, sortable, and a drop target for the palette. */
export function Canvas({ items, selected, problems, onSelect, onRemove }: {
  items: DesignerItem[];
  selected: string | null;
  problems: Map<string, FieldProblem[]>;
  onSelect: (uid: string) => void;
  onRemove: (uid: string) => void;
}) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: 'canvas' });
  return (
    <div
      ref={setNodeRef}
      data-testid="designer-canvas"
      style={{ minHeight: 420, padding: 12, borderRadius: 8, border: `2px dashed ${isOver ? '#1677ff' : '#e5e7eb'}`, background: '#fafafa' }}
    >
      <SortableContext items={items.map((f) => f.uid)} strategy={verticalListSortingStrategy}>
        {items.map((item) => item.kind === 'section' ? (
          <SectionCard key={item.uid} item={item} selected={selected === item.uid} problems={problems.get(item.uid) ?? []} onSelect={onSelect} onRemove={onRemove} />
        ) : (
          <FieldCard key={item.uid} item={item} selected={selected === item.uid} problems={problems.get(item.uid) ?? []} onSelect={onSelect} onRemove={onRemove} />
        ))}
      </SortableContext>
      {items.length === 0 && <Empty style={{ marginTop: 120 }} description={t('forms.designer.canvasEmpty')} />}
    </div>
  );
}

interface CardProps {
  selected: boolean;
  problems: FieldProblem[];
  onSelect: (uid: string) => void;
  onRemove: (uid: string) => void;
}

function FieldCard({ item, ...card }: CardProps & { item: DesignerField }) {
  const { t } = useTranslation();
  const f = item.field;
  return (
    <SortableCard uid={item.uid} {...card} testId={`canvas-field-${f.key}`} type={f.type} removeTestId="field-remove"
      style={{ alignItems: 'flex-start', padding: '10px 12px', marginBottom: 8, background: '#fff', borderRadius: 6,
        border: `1px solid ${card.problems.length ? '#ff4d4f' : card.selected ? '#1677ff' : '#e5e7eb'}`,
        boxShadow: card.selected ? '0 0 0 2px rgba(22,119,255,.15)' : undefined }}>
      <div>
        <Typography.Text strong>{f.label || '—'}</Typography.Text>
        {f.required && <Typography.Text type="danger"> *</Typography.Text>}
        <Tag style={{ marginLeft: 8 }}>{t(`forms.type.${f.type}`)}</Tag>
        {isComputed(f.type) && <Tag color="purple">{t('forms.group.computed')}</Tag>}
        {f.unique && <Tag color="blue">{t('forms.prop.unique')}</Tag>}
        {item.span !== 24 && <Tag color="geekblue" data-testid="field-width">{t(`forms.prop.span${item.span}`)}</Tag>}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.key}{f.help ? ` · ${f.help}` : ''}</Typography.Text>
    </SortableCard>
  );
}

/** A section heading on the canvas: sortable like a field, its title as the form will show it. */
function SectionCard({ item, ...card }: CardProps & { item: DesignerSection }) {
  return (
    <SortableCard uid={item.uid} {...card} testId="canvas-section" removeTestId="section-remove"
      style={{ alignItems: 'center', padding: '6px 12px', margin: '12px 0 8px',
        borderBottom: `2px solid ${card.problems.length ? '#ff4d4f' : card.selected ? '#1677ff' : '#91caff'}` }}
      icon={<FontSizeOutlined style={{ color: '#1677ff' }} />}>
      <Typography.Text strong>{item.title || '—'}</Typography.Text>
    </SortableCard>
  );
}

/** What every item of the canvas has: a drag handle, a click to select it, its problems, a remove button. */
function SortableCard({ uid, problems, onSelect, onRemove, testId, type, removeTestId, style, icon, children }: CardProps & {
  uid: string;
  testId: string;
  type?: string;
  removeTestId: string;
  style: CSSProperties;
  icon?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: uid, data: { from: 'canvas' } });
  return (
    <div
      ref={setNodeRef}
      data-testid={testId}
      data-type={type}
      onClick={() => onSelect(uid)}
      style={{ transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.5 : 1, display: 'flex', gap: 8, cursor: 'pointer', ...style }}
    >
      <Tooltip title={t('forms.designer.dragHandle')}>
        <span {...attributes} {...listeners} style={{ cursor: 'grab', color: '#999', touchAction: 'none' }} data-testid="field-drag-handle">
          <HolderOutlined />
        </span>
      </Tooltip>
      {icon}
      <div style={{ flex: 1, minWidth: 0 }}>
        {children}
        {problems.map((p, i) => (
          <div key={i}><Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="field-problem">{p.message}</Typography.Text></div>
        ))}
      </div>
      <Button
        type="text"
        size="small"
        danger
        icon={<DeleteOutlined />}
        aria-label={t('forms.designer.remove')}
        data-testid={removeTestId}
        onClick={(e) => {
          e.stopPropagation();
          onRemove(uid);
        }}
      />
    </div>
  );
}
