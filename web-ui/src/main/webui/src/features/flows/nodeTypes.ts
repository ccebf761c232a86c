import type { FlowKind, NodeConfig, NodeType } from './types';

/** The palette's order: how a flow is usually read, from its trigger to its end. */
export const NODE_TYPES: readonly NodeType[] = ['trigger', 'approval', 'condition', 'parallel', 'join', 'action', 'wait', 'ab', 'end'];

export const TRIGGER_ONS = ['record.created', 'record.updated', 'field.changed', 'schedule', 'manual', 'event'] as const;
export const APPROVAL_MODES = ['any', 'all', 'sequential'] as const;
export const ASSIGNEE_KINDS = ['user', 'role', 'field'] as const;

export const NODE_COLORS: Record<NodeType, string> = {
  trigger: '#1677ff',
  approval: '#fa8c16',
  condition: '#722ed1',
  parallel: '#13c2c2',
  join: '#13c2c2',
  action: '#52c41a',
  wait: '#faad14',
  ab: '#eb2f96',
  end: '#8c8c8c',
};

export function isNodeType(type: string): type is NodeType {
  return (NODE_TYPES as readonly string[]).includes(type);
}

/** Whether edges may arrive at / leave a node of the type (a trigger starts, an end ends). */
export const acceptsIncoming = (type: string) => type !== 'trigger';
export const allowsOutgoing = (type: string) => type !== 'end';

/** What a node dropped from the palette starts with: enough to read what is left to fill in. */
export function defaultConfig(type: string, kind: FlowKind): NodeConfig {
  switch (type) {
    case 'trigger':
      return { on: kind === 'approval' ? 'manual' : 'record.created' };
    case 'approval':
      return { mode: 'any', assignees: { by: 'role', roles: [] } };
    case 'wait':
      return { duration: 'P1D' };
    case 'ab':
      return { variants: [{ key: 'A', percent: 50 }, { key: 'B', percent: 50 }] };
    default:
      return {};
  }
}
