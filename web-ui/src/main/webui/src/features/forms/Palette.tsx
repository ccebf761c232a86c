import { useDraggable } from '@dnd-kit/core';
import { Typography } from 'antd';
import { FontSizeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { FieldIcon } from './fieldIcons';
import { GROUPS, PALETTE } from './fieldTypes';
import type { FieldType } from './types';

/** What the palette offers: a field type, or a section heading that starts a group of fields. */
type PaletteEntry = FieldType | 'section';

/**
 * The field types (and a section heading) to drag onto the canvas; a click adds one at the end
 * (keyboard and touch friendly).
 */
export function Palette({ onAdd, onAddSection }: { onAdd: (type: FieldType) => void; onAddSection: () => void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="designer-palette">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('forms.designer.paletteHint')}</Typography.Text>
      {GROUPS.map((group) => (
        <div key={group} style={{ marginTop: 12 }}>
          <Typography.Text strong style={{ fontSize: 12 }}>{t(`forms.group.${group}`)}</Typography.Text>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 6, marginTop: 6 }}>
            {PALETTE.filter((p) => p.group === group).map((p) => (
              <PaletteItem key={p.type} type={p.type} onAdd={() => onAdd(p.type)} />
            ))}
          </div>
        </div>
      ))}
      <div style={{ marginTop: 12 }}>
        <Typography.Text strong style={{ fontSize: 12 }}>{t('forms.group.layout')}</Typography.Text>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 6, marginTop: 6 }}>
          <PaletteItem type="section" onAdd={onAddSection} />
        </div>
      </div>
    </div>
  );
}

function PaletteItem({ type, onAdd }: { type: PaletteEntry; onAdd: () => void }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: `palette:${type}`, data: { from: 'palette', type } });
  return (
    <button
      type="button"
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      onClick={onAdd}
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
      <EntryLabel type={type} />
    </button>
  );
}

export function PaletteCard({ type }: { type: PaletteEntry }) {
  return (
    <div style={{ padding: '6px 10px', border: '1px solid #1677ff', borderRadius: 6, background: '#e6f4ff', boxShadow: '0 4px 12px rgba(0,0,0,.15)', display: 'flex', alignItems: 'center', gap: 6 }}>
      <EntryLabel type={type} />
    </div>
  );
}

function EntryLabel({ type }: { type: PaletteEntry }) {
  const { t } = useTranslation();
  return type === 'section' ? (
    <><FontSizeOutlined /><span>{t('forms.designer.section')}</span></>
  ) : (
    <><FieldIcon type={type} /><span>{t(`forms.type.${type}`)}</span></>
  );
}
