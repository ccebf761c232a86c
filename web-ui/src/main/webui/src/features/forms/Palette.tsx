import { useDraggable } from '@dnd-kit/core';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FieldIcon } from './fieldIcons';
import { GROUPS, PALETTE } from './fieldTypes';
import type { FieldType } from './types';

/** The field types to drag onto the canvas; a click adds one at the end (keyboard and touch friendly). */
export function Palette({ onAdd }: { onAdd: (type: FieldType) => void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="designer-palette">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('forms.designer.paletteHint')}</Typography.Text>
      {GROUPS.map((group) => (
        <div key={group} style={{ marginTop: 12 }}>
          <Typography.Text strong style={{ fontSize: 12 }}>{t(`forms.group.${group}`)}</Typography.Text>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 6, marginTop: 6 }}>
            {PALETTE.filter((p) => p.group === group).map((p) => (
              <PaletteItem key={p.type} type={p.type} onAdd={onAdd} />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

function PaletteItem({ type, onAdd }: { type: FieldType; onAdd: (type: FieldType) => void }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: `palette:${type}`, data: { from: 'palette', type } });
  return (
    <button
      type="button"
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      onClick={() => onAdd(type)}
      data-testid={`palette-${type}`}
      style={{
        cursor: 'grab',
        padding: '6px 8px',
        border: '1px solid #d9d9d9',
        borderRadius: 6,
        background: isDragging ? '#e6f4ff' : '#fff',
        textAlign: 'left',
        fontSize: 13,
        touchAction: 'none',
        display: 'flex',
        alignItems: 'center',
        gap: 6,
      }}
    >
      <FieldIcon type={type} />
      <span>{t(`forms.type.${type}`)}</span>
    </button>
  );
}

export function PaletteCard({ type }: { type: FieldType }) {
  const { t } = useTranslation();
  return (
    <div style={{ padding: '6px 10px', border: '1px solid #1677ff', borderRadius: 6, background: '#e6f4ff', boxShadow: '0 4px 12px rgba(0,0,0,.15)', display: 'flex', alignItems: 'center', gap: 6 }}>
      <FieldIcon type={type} />
      <span>{t(`forms.type.${type}`)}</span>
    </div>
  );
}
