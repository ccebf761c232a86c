import type { FlowGoal, FlowGraph } from './types';

/** Running flows as the flow engine reports them (flow-engine/README.md, "Running flows"). */
export type InstanceState = 'running' | 'completed' | 'rejected' | 'cancelled' | 'failed';
export type StepState = 'active' | 'waiting' | 'arrived' | 'done' | 'cancelled' | 'failed';
export type TaskState = 'pending' | 'queued' | 'approved' | 'rejected' | 'returned' | 'transferred' | 'cancelled';

export interface FlowInstance {
  id: string;
  appId: string;
  flowId: string;
  version: number;
  kind: 'approval' | 'journey';
  state: InstanceState;
  subjectForm?: string | null;
  subjectRecord?: string | null;
  customerKey?: string | null;
  startedBy?: string | null;
  startedByName?: string | null;
  startedAt: string;
  endedAt?: string | null;
  endNode?: string | null;
  error?: string | null;
  /** when the customer reached the journey's goal (also after the journey ended, within its window) */
  goalReachedAt?: string | null;
  /** why the journey let the customer go before an end: the goal, or its exit condition */
  exitReason?: 'goal' | 'condition' | null;
}

/** One group of a journey's instances: a version, or a variant of an A/B split within a version. */
export interface ConversionRow {
  version: number;
  split?: string | null;
  variant?: string | null;
  entered: number;
  converted: number;
  running: number;
  exited: number;
}

export interface ConversionReport {
  goal?: FlowGoal | null;
  versions: ConversionRow[];
  variants: ConversionRow[];
}

export interface InstanceStep {
  id: number;
  nodeId: string;
  nodeName?: string | null;
  nodeType?: string | null;
  visit: number;
  state: StepState;
  outcome?: string | null;
  enteredAt: string;
  dueAt?: string | null;
  leftAt?: string | null;
  detail?: Record<string, unknown> | null;
  /** why the step failed, in the reader's language */
  error?: string | null;
}

export interface InstanceTask {
  id: string;
  nodeId: string;
  assignee: string;
  assigneeName?: string | null;
  position: number;
  state: TaskState;
  comment?: string | null;
  transferredTo?: string | null;
  transferredToName?: string | null;
  createdAt: string;
  decidedAt?: string | null;
}

export interface FlowMessage {
  id: number;
  instanceId?: string | null;
  channel: string;
  recipient: string;
  template: string;
  body?: string | null;
  marketing: boolean;
  state: 'queued' | 'opted-out' | 'capped' | 'no-recipient';
  createdAt: string;
}

/** A recipient who unsubscribed (退订): no marketing message reaches them. */
export interface OptOutEntry {
  recipient: string;
  at: string;
}

export interface InstanceDetail {
  instance: FlowInstance;
  flowName: string;
  graph: FlowGraph;
  /** the nodes where the instance is now (active, waiting, arrived at a join) */
  currentNodes: string[];
  steps: InstanceStep[];
  tasks: InstanceTask[];
  messages: FlowMessage[];
  variants: Record<string, string>;
}

export type InboxBox = 'todo' | 'done' | 'started' | 'cc';

export interface InboxItem {
  taskId?: string | null;
  taskState?: TaskState | null;
  nodeId?: string | null;
  nodeName?: string | null;
  comment?: string | null;
  instanceId: string;
  instanceState: InstanceState;
  appId: string;
  flowId: string;
  flowName: string;
  startedBy?: string | null;
  startedByName?: string | null;
  startedAt: string;
  subjectForm?: string | null;
  subjectRecord?: string | null;
  at?: string | null;
  /** when its approver was reminded (the node's remindAfter) */
  remindedAt?: string | null;
}

export type DecisionAction = 'approve' | 'reject' | 'return' | 'transfer' | 'addSigner';

export interface Decision {
  action: DecisionAction;
  comment?: string;
  toNode?: string;
  toUser?: string;
}

/** Something the customer does in a test run, `after` entering (ISO duration): an event of a type, about a record of a form. */
export interface ScenarioEvent {
  event: string;
  form?: string | null;
  after: string;
}

export interface SimulationRequest {
  recordIds: string[];
  events: ScenarioEvent[];
  /** approvals in the test are approved (default) or rejected */
  approve?: boolean;
}

export interface SimulatedStep {
  nodeId: string;
  nodeName?: string | null;
  type: string;
  at: string;
  outcome?: string | null;
  note?: string | null;
}

export interface SimulatedMessage {
  nodeId: string;
  at: string;
  template: string;
  to: string;
  body?: string | null;
  marketing: boolean;
  state: 'queued' | 'opted-out' | 'capped' | 'no-recipient';
  /** when quiet hours held it back: the moment it was due */
  deferredFrom?: string | null;
}

export interface SimulatedChange {
  nodeId: string;
  at: string;
  action: string;
  config: Record<string, unknown>;
}

export type SimulationEnd = 'completed' | 'rejected' | 'goal' | 'exit' | 'waiting' | 'failed' | 'tooLong';

/** The path one sample would take in a test run. */
export interface SimulationPath {
  recordId?: string | null;
  customerKey?: string | null;
  steps: SimulatedStep[];
  messages: SimulatedMessage[];
  changes: SimulatedChange[];
  variants: Record<string, string>;
  end: SimulationEnd;
  endNode?: string | null;
  endedAt?: string | null;
  error?: string | null;
}
