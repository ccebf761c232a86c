/**
 * The designer's graph logic, free of React: the server's graph to React Flow's nodes and edges and
 * back (ids, positions, configs and whens kept), node and edge ids, the `when` an edge may carry after
 * each kind of node, and the server's problems placed on their nodes and edges.
 */
import type { Edge, Node, XYPosition } from '@xyflow/react';
import { acceptsIncoming, allowsOutgoing } from './nodeTypes';
import type { FlowEdge, FlowGraph, FlowNode, FlowProblem, NodeConfig } from './types';

/** What a drawn node carries: the graph node without its id and position (React Flow keeps those). */
export interface FlowNodeData extends Record<string, unknown> {
  type: string;
  name?: string;
  config: NodeConfig;
}

export interface FlowEdgeData extends Record<string, unknown> {
  when?: string;
}

export type DesignerNode = Node<FlowNodeData, 'flow'>;
export type DesignerEdge = Edge<FlowEdgeData>;

/** Where the automatic layout puts nodes that have no position: rows of a breadth-first walk. */
export const LAYOUT = { columnWidth: 240, rowHeight: 140 } as const;

const ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export function isValidNodeId(id: string): boolean {
  return ID.test(id);
}

/**
 * Positions for the nodes of a graph that has none stored (a graph written by hand or an import):
 * each node one row below the first node that leads to it, side by side within a row.
 */
export function layout(graph: FlowGraph): Map<string, XYPosition> {
  const incoming = new Set(graph.edges.map((e) => e.to));
  const level = new Map<string, number>();
  const queue = graph.nodes.filter((n) => !incoming.has(n.id) || n.type === 'trigger').map((n) => n.id);
  queue.forEach((id) => level.set(id, 0));
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of graph.edges) {
      if (e.from === id && !level.has(e.to)) {
        level.set(e.to, level.get(id)! + 1);
        queue.push(e.to);
      }
    }
  }
  let deepest = Math.max(-1, ...level.values());
  for (const n of graph.nodes) if (!level.has(n.id)) level.set(n.id, ++deepest); // in a cycle nothing leads into
  const used = new Map<number, number>();
  const out = new Map<string, XYPosition>();
  for (const n of graph.nodes) {
    const row = level.get(n.id)!;
    const column = used.get(row) ?? 0;
    used.set(row, column + 1);
    out.set(n.id, { x: column * LAYOUT.columnWidth, y: row * LAYOUT.rowHeight });
  }
  return out;
}

function validPosition(p: FlowNode['position']): p is XYPosition {
  return !!p && Number.isFinite(p.x) && Number.isFinite(p.y);
}

/** The server's graph as React Flow draws it. Edge ids are `e0`, `e1`, … in the graph's order. */
export function graphToFlow(graph: FlowGraph): { nodes: DesignerNode[]; edges: DesignerEdge[] } {
  const missing = graph.nodes.some((n) => !validPosition(n.position));
  const auto = missing ? layout(graph) : new Map<string, XYPosition>();
  const nodes: DesignerNode[] = graph.nodes.map((n) => ({
    id: n.id,
    type: 'flow',
    position: validPosition(n.position) ? { x: n.position.x, y: n.position.y } : auto.get(n.id) ?? { x: 0, y: 0 },
    data: { type: n.type, ...(n.name !== undefined && n.name !== null ? { name: n.name } : {}), config: n.config ?? {} },
  }));
  const edges: DesignerEdge[] = graph.edges.map((e, i) => ({
    id: `e${i}`,
    source: e.from,
    target: e.to,
    data: e.when !== undefined && e.when !== null ? { when: e.when } : {},
  }));
  return { nodes, edges };
}

/**
 * React Flow's nodes and edges as the server takes them: only the graph's own properties (the server
 * refuses unknown ones), positions rounded to whole pixels, names trimmed and left out when empty.
 */
export function flowToGraph(nodes: readonly DesignerNode[], edges: readonly DesignerEdge[]): FlowGraph {
  return {
    nodes: nodes.map((n) => {
      const name = n.data.name?.trim();
      const node: FlowNode = { id: n.id, type: n.data.type, config: n.data.config ?? {} };
      if (name) node.name = name;
      node.position = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
      return node;
    }),
    edges: edges.map((e) => {
      const edge: FlowEdge = { from: e.source, to: e.target };
      const when = e.data?.when;
      if (when !== undefined && when !== '') edge.when = when;
      return edge;
    }),
  };
}

/** `approval1`, `approval2`, …: the first free id for a node of the type (never shown as its label). */
export function nextNodeId(type: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = /^[A-Za-z][A-Za-z0-9_-]*$/.test(type) ? type.slice(0, 56) : 'node';
  let n = 1;
  while (used.has(`${base}${n}`)) n += 1;
  return `${base}${n}`;
}

/** The first free edge id `e<n>` after the highest in use. */
export function nextEdgeId(edges: readonly { id: string }[]): string {
  let max = -1;
  for (const e of edges) {
    const m = /^e(\d+)$/.exec(e.id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `e${max + 1}`;
}

/** A name not used by another node: `审批`, `审批2`, `审批3`, … */
export function uniqueName(label: string, nodes: readonly DesignerNode[]): string {
  const names = new Set(nodes.map((n) => n.data.name));
  let name = label;
  for (let n = 2; names.has(name); n++) name = `${label}${n}`;
  return name;
}

// ---------------------------------------------------------------------------------------- whens

/** A `when` the edge may take; `value` null is a plain edge (no `when`). */
export interface WhenOption {
  value: string | null;
  /** i18n key of the label (`flows.when.rejected`), or… */
  labelKey?: string;
  /** …a text shown as it is (an A/B variant key). */
  text?: string;
  /** kept because the edge has it, though the source node no longer offers it */
  stale?: boolean;
}

export type WhenChoices =
  /** only a plain edge leaves this node (trigger, action, parallel, join) */
  | { kind: 'none' }
  /** pick one of a few outcomes (approval, wait, A/B split) */
  | { kind: 'options'; options: WhenOption[] }
  /** an expression, or "else" (condition) */
  | { kind: 'expression' };

export const ELSE = 'else';

/** An A/B split's variants (entries without a text key left out). */
export function variantsOf(config: NodeConfig): { key: string; percent?: number }[] {
  const v = config.variants;
  return Array.isArray(v) ? v.filter((x): x is { key: string; percent?: number } => !!x && typeof (x as { key?: unknown }).key === 'string') : [];
}

/** A wait for an event with a timeout: only then may an edge leave it with when "timeout". */
export function waitsWithTimeout(config: NodeConfig): boolean {
  return config.event !== undefined && config.timeout !== undefined;
}

/** What the `when` of an edge leaving a node of `sourceType` may be; `current` is kept as an option. */
export function whenChoices(sourceType: string, config: NodeConfig, current?: string): WhenChoices {
  const withCurrent = (options: WhenOption[]): WhenChoices => {
    const value = whenValue(sourceType, current);
    // a when the source no longer offers stays visible; a missing one just leaves nothing picked
    if (value !== null && !options.some((o) => o.value === value)) options.push({ value, text: value, stale: true });
    return { kind: 'options', options };
  };
  switch (sourceType) {
    case 'approval':
      return withCurrent([
        { value: null, labelKey: 'flows.when.approved' },
        { value: 'rejected', labelKey: 'flows.when.rejected' },
      ]);
    case 'wait':
      return withCurrent([
        { value: null, labelKey: 'flows.when.done' },
        ...(waitsWithTimeout(config) ? [{ value: 'timeout', labelKey: 'flows.when.timeout' }] : []),
      ]);
    case 'ab':
      return withCurrent(variantsOf(config).map((v) => ({ value: v.key, text: typeof v.percent === 'number' ? `${v.key} (${v.percent}%)` : v.key })));
    case 'condition':
      return { kind: 'expression' };
    default:
      return current === undefined || current === '' ? { kind: 'none' } : withCurrent([{ value: null, labelKey: 'flows.when.plain' }]);
  }
}

/** The option an edge's `when` selects: null for a plain edge (and an approval's written-out "approved"). */
export function whenValue(sourceType: string, when: string | undefined): string | null {
  if (when === undefined || when === '') return null;
  return sourceType === 'approval' && when === 'approved' ? null : when;
}

/**
 * The `when` a newly drawn edge gets, from what already leaves its source: an approval's second edge
 * is "rejected", a condition's second "else", an A/B split's next edge its next unused variant, a
 * timed-out event wait's second "timeout"; otherwise none (a condition's first edge waits for its
 * expression).
 */
export function suggestWhen(sourceType: string, config: NodeConfig, leaving: readonly (string | undefined)[]): string | undefined {
  const plain = leaving.filter((w) => w === undefined || w === '' || (sourceType === 'approval' && w === 'approved')).length;
  switch (sourceType) {
    case 'approval':
      return plain > 0 && !leaving.includes('rejected') ? 'rejected' : undefined;
    case 'condition':
      return leaving.length > 0 && !leaving.includes(ELSE) ? ELSE : undefined;
    case 'wait':
      return plain > 0 && waitsWithTimeout(config) && !leaving.includes('timeout') ? 'timeout' : undefined;
    case 'ab':
      return variantsOf(config).find((v) => !leaving.includes(v.key))?.key;
    default:
      return undefined;
  }
}

/** The label an edge shows on the canvas: its outcome, expression or variant ('' for a plain edge). */
export function edgeLabel(sourceType: string | undefined, when: string | undefined, t: (key: string) => string): string {
  if (when === undefined || when === '') return sourceType === 'approval' ? t('flows.when.approved') : '';
  if (sourceType === 'approval' && (when === 'approved' || when === 'rejected')) return t(`flows.when.${when}`);
  if (sourceType === 'condition' && when === ELSE) return t('flows.when.else');
  if (sourceType === 'wait' && when === 'timeout') return t('flows.when.timeout');
  return when;
}

// ------------------------------------------------------------------------------------ editing

/**
 * Draws an edge from `source` to `target`, with the `when` its source suggests; null when the edge
 * cannot be drawn (onto itself, into a trigger, out of an end).
 */
export function connect(
  nodes: readonly DesignerNode[],
  edges: readonly DesignerEdge[],
  source: string,
  target: string,
): DesignerEdge[] | null {
  const from = nodes.find((n) => n.id === source);
  const to = nodes.find((n) => n.id === target);
  if (!from || !to || source === target || !allowsOutgoing(from.data.type) || !acceptsIncoming(to.data.type)) return null;
  const leaving = edges.filter((e) => e.source === source).map((e) => e.data?.when);
  const when = suggestWhen(from.data.type, from.data.config, leaving);
  if (edges.some((e) => e.source === source && e.target === target && (e.data?.when ?? '') === (when ?? ''))) return null;
  return [...edges, { id: nextEdgeId(edges), source, target, data: when !== undefined ? { when } : {} }];
}

/** Removes nodes (with every edge touching them) and edges. */
export function removeElements(
  nodes: readonly DesignerNode[],
  edges: readonly DesignerEdge[],
  nodeIds: readonly string[],
  edgeIds: readonly string[],
): { nodes: DesignerNode[]; edges: DesignerEdge[] } {
  const goneNodes = new Set(nodeIds);
  const goneEdges = new Set(edgeIds);
  return {
    nodes: nodes.filter((n) => !goneNodes.has(n.id)),
    edges: edges.filter((e) => !goneEdges.has(e.id) && !goneNodes.has(e.source) && !goneNodes.has(e.target)),
  };
}

export function setEdgeWhen(edges: readonly DesignerEdge[], edgeId: string, when: string | null | undefined): DesignerEdge[] {
  return edges.map((e) => (e.id === edgeId ? { ...e, data: when === null || when === undefined ? {} : { when } } : e));
}

/**
 * An A/B split's variants changed: edges leaving it follow renamed keys (variant i was `from`, is
 * now `to`), so renaming "A" to "control" keeps its edge.
 */
export function followVariantRenames(
  edges: readonly DesignerEdge[],
  nodeId: string,
  before: readonly { key: string }[],
  after: readonly { key: string }[],
): DesignerEdge[] {
  const renames = new Map<string, string>();
  before.forEach((v, i) => {
    if (after.length === before.length && after[i] && after[i].key !== v.key && !before.some((b) => b.key === after[i].key)) renames.set(v.key, after[i].key);
  });
  if (!renames.size) return [...edges];
  return edges.map((e) => {
    const when = e.data?.when;
    return e.source === nodeId && when !== undefined && renames.has(when) ? { ...e, data: { when: renames.get(when) } } : e;
  });
}

// ------------------------------------------------------------------------------------ problems

export interface PlacedProblems {
  /** per node id */
  nodes: Record<string, FlowProblem[]>;
  /** per React Flow edge id */
  edges: Record<string, FlowProblem[]>;
  /** about the whole graph (no trigger, no end, an invalid node id, …) or of nothing drawn anymore */
  graph: FlowProblem[];
  count: number;
}

export const NO_PROBLEMS: PlacedProblems = { nodes: {}, edges: {}, graph: [], count: 0 };

/**
 * Places the server's problems: `nodes.<id>` on the node, `edges[<i>]` on the edge that was the
 * i-th of the graph the server checked (`edgeIds`: the React Flow ids of that graph's edges, in
 * order), the rest on the graph. Works for the draft's `problems` (with nodeId / edgeIndex) and for
 * the `errors[]` of a refused publish (field only).
 */
export function placeProblems(problems: readonly FlowProblem[], edgeIds: readonly string[]): PlacedProblems {
  const out: PlacedProblems = { nodes: {}, edges: {}, graph: [], count: problems.length };
  for (const p of problems) {
    const nodeId = p.nodeId ?? /^nodes\.(.+)$/.exec(p.field)?.[1];
    const edgeMatch = /^edges\[(\d+)\]$/.exec(p.field);
    const edgeIndex = p.edgeIndex ?? (edgeMatch ? Number(edgeMatch[1]) : undefined);
    if (nodeId) {
      (out.nodes[nodeId] ??= []).push(p);
    } else if (edgeIndex !== undefined && edgeIndex !== null && edgeIds[edgeIndex] !== undefined) {
      (out.edges[edgeIds[edgeIndex]] ??= []).push(p);
    } else {
      out.graph.push(p);
    }
  }
  return out;
}
