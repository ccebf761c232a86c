export interface Me {
  id: string;
  username: string;
  displayName: string;
  platformAdmin: boolean;
  mustChangePassword: boolean;
}

export interface Workspace {
  id: string;
  name: string;
  createdAt: string;
  roleId: string;
  roleName: string;
  permissions: string[];
}

export interface App {
  id: string;
  name: string;
  description?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Role {
  id: string;
  name: string;
  description?: string | null;
  builtIn: boolean;
  permissions: string[];
  memberCount: number;
}

export interface PermissionInfo {
  key: string;
  group: string;
}

export interface Member {
  userId: string;
  username: string;
  displayName: string;
  roleId: string;
  roleName: string;
  mustChangePassword: boolean;
  joinedAt: string;
  /** the departments the member is in (older servers do not send it) */
  departmentIds?: string[];
}

/** A department of the workspace; the list is flat, ordered by position then name, nested by `parentId`. */
export interface Department {
  id: string;
  /** null: a top-level department */
  parentId: string | null;
  name: string;
  position: number;
  memberCount: number;
}

/** A member of a department. */
export interface DepartmentMember {
  userId: string;
  username: string;
  displayName: string;
}

export interface AuditEntry {
  id: number | string;
  at: string;
  actorId?: string | null;
  actorName?: string | null;
  type: string;
  workspaceId?: string | null;
  detail?: Record<string, unknown> | null;
  ip?: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  size: number;
}

export type JobState = 'READY' | 'RUNNING' | 'DEAD';

export interface Job {
  id: number | string;
  type: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError?: string | null;
  createdAt: string;
  updatedAt: string;
  workspaceId?: string | null;
}

export interface JobStats {
  ready: number;
  running: number;
  dead: number;
}

// ---- rule engine -------------------------------------------------------------------------------

export type FunctionCategory = 'date' | 'list' | 'number' | 'text' | 'null';

/** A function of the expression language; `name` and the Chinese `alias` are both callable. */
export interface ExpressionFunctionInfo {
  name: string;
  alias: string;
  category: FunctionCategory | string;
  signature: string;
  descriptionZh: string;
  descriptionEn: string;
  example: string;
}

export type ValueType = 'number' | 'text' | 'boolean' | 'date' | 'datetime' | 'list' | 'record' | 'null';

export interface EvaluateRequest {
  expression: string;
  context: Record<string, unknown>;
  outputs?: string[];
}

export interface EvaluateResult {
  value: unknown;
  type: ValueType | string;
  outputs?: Record<string, unknown>;
}

/** The subset of JSON Schema (draft 2020-12) that action configs use. */
export interface JsonSchema {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | string;
  title?: string;
  description?: string;
  enum?: unknown[];
  default?: unknown;
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
}

export interface ActionInfo {
  key: string;
  configSchema: JsonSchema;
}

/** `form`: a form key of the app; record events of other forms do not start the rule. */
export type RuleTrigger =
  | { type: 'event'; eventType: string; form?: string }
  | { type: 'fieldChange'; eventType: string; field: string; form?: string }
  | { type: 'schedule'; cron: string }
  | { type: 'manual' };

export type TriggerType = RuleTrigger['type'];

export interface RuleAction {
  action: string;
  config: Record<string, unknown>;
}

export type TestExpectation = 'match' | 'noMatch';

export interface RuleTestCase {
  name: string;
  payload: Record<string, unknown>;
  expect: TestExpectation;
}

export interface RuleDraft {
  name: string;
  trigger: RuleTrigger;
  condition: string;
  actions: RuleAction[];
  priority: number;
  testCases: RuleTestCase[];
}

export interface RuleTestResult {
  name: string;
  passed: boolean;
  conditionValue?: unknown;
  error?: string | null;
}

export type RunOutcome = 'skipped' | 'succeeded' | 'failed';

export interface RuleSummary {
  id: string;
  name: string;
  trigger: RuleTrigger;
  enabled: boolean;
  priority: number;
  draftVersion: number;
  publishedVersion: number | null;
  changedSincePublish: boolean;
  updatedAt: string;
  /** Not (yet) sent by every server: the list then derives it from the run log. */
  lastRun?: { outcome: RunOutcome | string; startedAt: string } | null;
}

export interface Rule extends RuleDraft {
  id: string;
  appId: string;
  enabled: boolean;
  draftVersion: number;
  publishedVersion: number | null;
  changedSincePublish: boolean;
  updatedAt: string;
  testResults?: RuleTestResult[] | null;
}

/** A rule with the `ETag` it was read with (sent back as `If-Match`). */
export interface VersionedRule {
  rule: Rule;
  etag: string | null;
}

/** An error inside an expression: `position` is the 0-based offset of the offending character. */
export interface ExpressionProblem {
  field?: string;
  code?: string;
  message: string;
  position?: number | null;
}

export interface DryRunAction {
  action: string;
  config: unknown;
  valid: boolean;
  error?: string | null;
}

export interface DryRun {
  conditionValue: boolean | null;
  matched: boolean;
  actions: DryRunAction[];
  error?: ExpressionProblem | null;
}

export interface RuleRunAction {
  action: string;
  config?: unknown;
  outcome: RunOutcome | string;
  summary?: string | null;
  error?: string | null;
}

export interface RuleRun {
  id: string;
  ruleId: string;
  ruleName: string;
  ruleVersion: number | null;
  triggerType: TriggerType | string;
  eventType?: string | null;
  eventId?: string | number | null;
  conditionResult?: boolean | null;
  outcome: RunOutcome | string;
  actions: RuleRunAction[];
  durationMs?: number | null;
  error?: string | null;
  startedAt: string;
}

export interface RuleVersion {
  version: number;
  publishedAt: string;
  publishedBy?: string | null;
}

export interface CursorPage<T> {
  items: T[];
  next: string | null;
}
