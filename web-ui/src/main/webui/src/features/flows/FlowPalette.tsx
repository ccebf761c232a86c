import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DRAG_TYPE } from './FlowCanvas';
import { NodeIcon } from './nodeIcons';
import { NODE_TYPES } from './nodeTypes';

/** The node types to drag onto the canvas; a click adds one (keyboard and touch friendly). */
export function FlowPalette({ onAdd }: { onAdd: (type: string) => void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="flow-palette">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('flows.designer.paletteHint')}</Typography.Text>
      <div style={{ display: 'grid', gap: 6, marginTop: 8 }}>
        {NODE_TYPES.map((type) => (
          <Tooltip key={type} title={t(`flows.nodeHelp.${type}`)} placement="right">
            <button
              type="button"
              draggable
              onDragStart={(e) => {
                e.dataTransfer.setData(DRAG_TYPE, type);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => onAdd(type)}
              data-testid={`flow-palette-${type}`}
              style={{
                cursor: 'grab',
                padding: '6px 8px',
                border: '1px solid #d9d9d9',
                borderRadius: 6,
                background: '#fff',
                textAlign: 'left',
                fontSize: 13,
                display: 'flex',
                alignItems: 'center',
                gap: 8,
              }}
            >
              <NodeIcon type={type} />
              <span>{t(`flows.node.${type}`)}</span>
            </button>
          </Tooltip>
        ))}
      </div>
    </div>
  );
}
