import type { ComponentType } from 'react';
import {
  AuditOutlined,
  BranchesOutlined,
  ExperimentOutlined,
  ForkOutlined,
  HourglassOutlined,
  MergeOutlined,
  PlayCircleOutlined,
  QuestionCircleOutlined,
  StopOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import { isNodeType, NODE_COLORS } from './nodeTypes';
import type { NodeType } from './types';

const ICONS: Record<NodeType, ComponentType<{ style?: React.CSSProperties }>> = {
  trigger: ThunderboltOutlined,
  approval: AuditOutlined,
  condition: BranchesOutlined,
  parallel: ForkOutlined,
  join: MergeOutlined,
  action: PlayCircleOutlined,
  wait: HourglassOutlined,
  ab: ExperimentOutlined,
  end: StopOutlined,
};

export function NodeIcon({ type }: { type: string }) {
  if (!isNodeType(type)) return <QuestionCircleOutlined style={{ color: '#ff4d4f' }} />;
  const Icon = ICONS[type];
  return <Icon style={{ color: NODE_COLORS[type] }} />;
}
