import { createContext, memo, useContext, useMemo, type DragEvent } from 'react';
import {
  Background,
  Controls,
  Handle,
  MarkerType,
  MiniMap,
  Position,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type NodeProps,
  type NodeTypes,
  type XYPosition,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Badge, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { edgeLabel, NO_PROBLEMS, type DesignerEdge, type DesignerNode, type PlacedProblems } from './graph';
import { NodeIcon } from './nodeIcons';
import { acceptsIncoming, allowsOutgoing, isNodeType, NODE_COLORS } from './nodeTypes';
import { nodeSummary } from './summary';

/** The drag-and-drop payload of a palette item: the node type. */
export const DRAG_TYPE = 'application/x-qiaoban-flow-node';

const nodeColor = (type: string) => (isNodeType(type) ? NODE_COLORS[type] : '#ff4d4f');

/** The server's problems of the shown graph, read by each node card. */
const ProblemsContext = createContext<PlacedProblems>(NO_PROBLEMS);

/** Where a running instance is on its graph (the monitor): the node it waits at, the nodes it passed, the one that failed. */
export type RunState = 'current' | 'passed' | 'failed';
const RunStateContext = createContext<Record<string, RunState>>({});
const RUN_COLORS: Record<RunState, string> = { current: '#1677ff', passed: '#52c41a', failed: '#ff4d4f' };

/** One node: its type (icon and colour), its name, a summary of its config, and its problems. */
const FlowNodeCard = memo(function FlowNodeCard({ id, data, selected }: NodeProps<DesignerNode>) {
  const { t } = useTranslation();
  const problems = useContext(ProblemsContext).nodes[id] ?? [];
  const runs = useContext(RunStateContext);
  const run = runs[id];
  // on the monitor, the nodes the instance never reached step back
  const untouched = run === undefined && Object.keys(runs).length > 0;
  const color = nodeColor(data.type);
  const typeLabel = t(`flows.node.${data.type}`, { defaultValue: data.type });
  const summary = nodeSummary(data, t);
  const border = problems.length ? '#ff4d4f' : run ? RUN_COLORS[run] : selected ? '#1677ff' : '#d9d9d9';
  const strong = problems.length > 0 || selected || !!run;
  const glow = run === 'current' ? '0 0 0 4px rgba(22,119,255,.25)' : selected ? '0 0 0 3px rgba(22,119,255,.15)' : '0 1px 2px rgba(0,0,0,.06)';
  return (
    <div
      data-testid={`flow-node-${id}`}
      data-type={data.type}
      data-problems={problems.length}
      data-run={run}
      style={{
        width: 180,
        padding: '8px 10px',
        background: '#fff',
        borderRadius: 8,
        borderStyle: 'solid',
        borderColor: `${color} ${border} ${border}`,
        borderWidth: `4px ${strong ? 2 : 1}px ${strong ? 2 : 1}px`,
        boxShadow: glow,
        opacity: untouched ? 0.55 : 1,
        position: 'relative',
      }}
    >
      {acceptsIncoming(data.type) && <Handle type="target" position={Position.Top} />}
      <div style={{ display: 'flex', alignItems: 'center', gap: 6, fontSize: 12, color: '#8c8c8c' }}>
        <NodeIcon type={data.type} />
        <span>{typeLabel}</span>
      </div>
      <Typography.Text strong ellipsis style={{ display: 'block', maxWidth: 160 }}>
        {data.name || typeLabel}
      </Typography.Text>
      {summary && (
        <Typography.Text type="secondary" ellipsis style={{ display: 'block', maxWidth: 160, fontSize: 12 }}>
          {summary}
        </Typography.Text>
      )}
      {problems.length > 0 && (
        <Tooltip title={problems.map((p, i) => <div key={i}>{p.message}</div>)}>
          <span style={{ position: 'absolute', top: -10, right: -10 }} data-testid="flow-node-problem-badge">
            <Badge count={problems.length} />
          </span>
        </Tooltip>
      )}
      {allowsOutgoing(data.type) && <Handle type="source" position={Position.Bottom} />}
    </div>
  );
});

const NODE_TYPES: NodeTypes = { flow: FlowNodeCard };

/** The edges as drawn: an arrow, the label of their `when`, red while the server has problems with them. */
function useDisplayEdges(nodes: readonly DesignerNode[], edges: readonly DesignerEdge[], problems: PlacedProblems): DesignerEdge[] {
  const { t } = useTranslation();
  return useMemo(() => {
    const typeOf = new Map(nodes.map((n) => [n.id, n.data.type]));
    return edges.map((e) => {
      const bad = (problems.edges[e.id] ?? []).length > 0;
      const stroke = bad ? '#ff4d4f' : e.selected ? '#1677ff' : '#8c8c8c';
      const label = edgeLabel(typeOf.get(e.source), e.data?.when, t);
      return {
        ...e,
        label: label || undefined,
        markerEnd: { type: MarkerType.ArrowClosed, color: stroke },
        style: { stroke, strokeWidth: bad || e.selected ? 2 : 1.5 },
        labelStyle: bad ? { fill: '#ff4d4f' } : undefined,
        labelBgPadding: [4, 2] as [number, number],
        labelBgBorderRadius: 4,
      };
    });
  }, [nodes, edges, problems, t]);
}

export interface FlowCanvasProps {
  nodes: DesignerNode[];
  edges: DesignerEdge[];
  problems: PlacedProblems;
  readOnly: boolean;
  onNodesChange: (changes: NodeChange<DesignerNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<DesignerEdge>[]) => void;
  onConnect: (connection: Connection) => void;
  /** a palette item dropped at a point of the flow */
  onDropType: (type: string, position: XYPosition) => void;
}

/** The designer's canvas (inside a ReactFlowProvider): nodes to drag, handles to connect, Delete to remove. */
export function FlowCanvas({ nodes, edges, problems, readOnly, onNodesChange, onEdgesChange, onConnect, onDropType }: FlowCanvasProps) {
  const { t } = useTranslation();
  const flow = useReactFlow<DesignerNode, DesignerEdge>();
  const displayEdges = useDisplayEdges(nodes, edges, problems);

  const onDragOver = (e: DragEvent) => {
    if (readOnly || !e.dataTransfer.types.includes(DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (e: DragEvent) => {
    const type = e.dataTransfer.getData(DRAG_TYPE);
    if (readOnly || !type) return;
    e.preventDefault();
    const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    onDropType(type, { x: at.x - 90, y: at.y - 30 }); // the card's middle under the pointer
  };

  return (
    <ProblemsContext.Provider value={problems}>
      <div style={{ width: '100%', height: '100%' }} onDragOver={onDragOver} onDrop={onDrop} data-testid="flow-canvas" aria-label={t('flows.designer.canvas')}>
        <ReactFlow<DesignerNode, DesignerEdge>
          nodes={nodes}
          edges={displayEdges}
          nodeTypes={NODE_TYPES}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          edgesReconnectable={false}
          deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
          fitView
          fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
          minZoom={0.2}
          maxZoom={2}
        >
          <Background gap={16} />
          <Controls showInteractive={false} />
          <MiniMap pannable zoomable style={{ width: 150, height: 100 }} nodeColor={(n) => nodeColor(String(n.data.type))} />
        </ReactFlow>
      </div>
    </ProblemsContext.Provider>
  );
}

/**
 * A published version, read only (its own React Flow store, so it can sit inside the designer's);
 * with `runState`, an instance drawn on it: where it is, where it went, where it failed.
 */
export function FlowViewer({ nodes, edges, runState }: { nodes: DesignerNode[]; edges: DesignerEdge[]; runState?: Record<string, RunState> }) {
  const displayEdges = useDisplayEdges(nodes, edges, NO_PROBLEMS);
  return (
    <RunStateContext.Provider value={runState ?? NO_RUN}>
    <ReactFlowProvider>
      <div style={{ width: '100%', height: '100%' }} data-testid="flow-viewer">
        <ReactFlow<DesignerNode, DesignerEdge>
          nodes={nodes}
          edges={displayEdges}
          nodeTypes={NODE_TYPES}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          deleteKeyCode={null}
          fitView
          fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
          minZoom={0.2}
        >
          <Background gap={16} />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </ReactFlowProvider>
    </RunStateContext.Provider>
  );
}

const NO_RUN: Record<string, RunState> = {};
