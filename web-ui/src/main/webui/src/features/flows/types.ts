/** Flows as the flow engine keeps them (flow-engine/README.md): approvals and journeys, drawn as one graph. */
export type FlowKind = 'approval' | 'journey';

export type NodeType = 'trigger' | 'approval' | 'condition' | 'parallel' | 'join' | 'action' | 'wait' | 'ab' | 'end';

export type NodeConfig = Record<string, unknown>;

/** One step: `type` is kept as text (an unknown type is the server's to report on its node). */
export interface FlowNode {
  id: string;
  type: string;
  name?: string;
  config: NodeConfig;
  position?: { x: number; y: number };
}

/** A way from one node to the next; `when` depends on the node it leaves (see `whenChoices`). */
export interface FlowEdge {
  from: string;
  to: string;
  when?: string;
}

/**
 * What a journey is for: an event (e.g. an order created) matched to the journey's customer on a field
 * of the event's record, reached within `within` (ISO duration, default 30 days) of entering.
 */
export interface FlowGoal {
  event: string;
  form?: string | null;
  match?: string | null;
  within?: string | null;
}

export interface FlowGraph {
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** journeys: the goal whose reaching ends the journey and counts as a conversion */
  goal?: FlowGoal | null;
  /** journeys: a condition that takes a customer out before their next step */
  exitWhen?: string | null;
}

/** A problem of the draft, in the reader's language: `nodes.<id>`, `edges[<i>]` or `graph`. */
export interface FlowProblem {
  field: string;
  nodeId?: string | null;
  edgeIndex?: number | null;
  code: string;
  message: string;
}

export interface FlowSummary {
  id: string;
  kind: FlowKind;
  name: string;
  description?: string | null;
  nodeCount: number;
  draftVersion: number;
  /** absent or null until the first publish */
  publishedVersion?: number | null;
  changedSincePublish: boolean;
  problemCount: number;
  updatedAt: string;
}

export interface FlowView {
  id: string;
  appId: string;
  kind: FlowKind;
  name: string;
  description?: string | null;
  draft: FlowGraph;
  draftVersion: number;
  publishedVersion?: number | null;
  changedSincePublish: boolean;
  problems: FlowProblem[];
  updatedAt: string;
}

export interface NewFlow {
  kind: FlowKind;
  name: string;
  description?: string;
  graph?: FlowGraph;
}

export interface DraftChange {
  name?: string;
  description?: string;
  graph: FlowGraph;
}

export interface FlowVersion {
  version: number;
  publishedBy?: string | null;
  publishedAt: string;
}

/** When a schedule fires: its cron as the server reads it, the workspace's zone, the next firings (ISO instants). */
export interface SchedulePreview {
  cron: string;
  zone: string;
  next: string[];
}

/** A published flow someone may start by hand about a record. */
export interface StartableFlow {
  id: string;
  kind: string;
  name: string;
}
