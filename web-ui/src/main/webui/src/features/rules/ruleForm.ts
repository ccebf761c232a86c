/** The rule editor's state, its conversion to and from the API's RuleDraft, and client-side checks. */
import type { FieldProblem } from '../../api/problem';
import type { JsonSchema, RuleDraft, RuleTestCase, TestExpectation } from '../../api/types';
import { childPath, normalizePath } from '../../components/fieldProblems';
import { fieldPath } from '../../api/problem';
import { fieldNames } from '../../components/formula';
import { fieldKind, isFormula, isRecord, missingRequired, parseJsonObject } from '../../components/schemaForm';
import { DEFAULT_TRIGGER_FORM, formToTrigger, looksLikeCron, triggerToForm, type TriggerForm } from './trigger';

export const DEFAULT_PRIORITY = 100;

export interface ActionState {
  /** Stable React key across reordering. */
  uid: number;
  action: string;
  config: Record<string, unknown>;
}

export interface TestCaseState {
  uid: number;
  name: string;
  /** Edited as JSON text; parsed on save. */
  payloadText: string;
  expect: TestExpectation;
}

export interface EditorState {
  name: string;
  priority: number | null;
  trigger: TriggerForm;
  condition: string;
  actions: ActionState[];
  testCases: TestCaseState[];
}

let uidSeq = 0;
export const nextUid = () => ++uidSeq;

export function emptyState(): EditorState {
  return { name: '', priority: DEFAULT_PRIORITY, trigger: { ...DEFAULT_TRIGGER_FORM }, condition: '', actions: [], testCases: [] };
}

export function payloadToText(payload: unknown): string {
  return JSON.stringify(isRecord(payload) ? payload : {}, null, 2);
}

export function newTestCase(name: string, payloadText = '{}', expect: TestExpectation = 'match'): TestCaseState {
  return { uid: nextUid(), name, payloadText, expect };
}

export function ruleToState(rule: RuleDraft): EditorState {
  return {
    name: rule.name ?? '',
    priority: typeof rule.priority === 'number' ? rule.priority : DEFAULT_PRIORITY,
    trigger: triggerToForm(rule.trigger),
    condition: rule.condition ?? '',
    actions: (rule.actions ?? []).map((a) => ({ uid: nextUid(), action: a.action ?? '', config: isRecord(a.config) ? a.config : {} })),
    testCases: (rule.testCases ?? []).map((c) => newTestCase(c.name ?? '', payloadToText(c.payload), c.expect === 'noMatch' ? 'noMatch' : 'match')),
  };
}

/** The draft to send; payloads that are not valid JSON objects are sent as empty (checks refuse them first). */
export function stateToDraft(s: EditorState): RuleDraft {
  return {
    name: s.name.trim(),
    trigger: formToTrigger(s.trigger),
    condition: s.condition.trim(),
    actions: s.actions.map((a) => ({ action: a.action, config: a.config })),
    priority: s.priority ?? DEFAULT_PRIORITY,
    testCases: s.testCases.map(
      (c): RuleTestCase => ({ name: c.name.trim(), payload: (() => {
        const p = parseJsonObject(c.payloadText);
        return p.ok ? p.value : {};
      })(), expect: c.expect }),
    ),
  };
}

/** What "unsaved changes" compares: the draft, with unparsable payload texts kept as text. */
export function comparableKey(s: EditorState): string {
  const draft = stateToDraft(s);
  return JSON.stringify({
    ...draft,
    testCases: draft.testCases.map((c, i) => (parseJsonObject(s.testCases[i].payloadText).ok ? c : { ...c, payload: s.testCases[i].payloadText })),
  });
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Problems the browser can find before saving, in the server's field-path spelling. */
export function clientProblems(s: EditorState, schemas: Record<string, JsonSchema | undefined>, t: Translate): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (field: string, code: string, message: string) => out.push({ field, code, message });
  if (!s.name.trim()) add('name', 'client.required', t('rules.nameRequired'));
  if (s.trigger.type === 'event' && !s.trigger.eventType.trim()) add('trigger.eventType', 'client.required', t('rules.eventTypeRequired'));
  if (s.trigger.type === 'fieldChange' && !s.trigger.field.trim()) add('trigger.field', 'client.required', t('rules.fieldRequired'));
  if (s.trigger.type === 'schedule' && !looksLikeCron(s.trigger.cron)) add('trigger.cron', 'client.cron', t('rules.cronInvalid'));
  s.actions.forEach((a, i) => {
    if (!a.action) {
      add(`actions[${i}].action`, 'client.required', t('rules.actionRequired'));
      return;
    }
    const schema = schemas[a.action];
    if (schema) {
      for (const p of missingRequired(schema, a.config)) add(`actions[${i}].config.${p}`, 'client.required', t('schemaForm.required'));
    }
  });
  s.testCases.forEach((c, i) => {
    if (!c.name.trim()) add(`testCases[${i}].name`, 'client.required', t('rules.testCaseNameRequired'));
    const parsed = parseJsonObject(c.payloadText);
    if (!parsed.ok) {
      add(`testCases[${i}].payload`, 'client.json', parsed.error === 'notObject' ? t('schemaForm.notAnObject') : t('schemaForm.invalidJson', { message: parsed.error }));
    }
  });
  return out;
}

/** Paths inside a config the generated form shows problems at. */
export function schemaSlots(schema: JsonSchema | undefined, value: unknown, base: string): string[] {
  const out: string[] = [];
  const obj = isRecord(value) ? value : {};
  for (const [key, prop] of Object.entries(schema?.properties ?? {})) {
    const path = childPath(base, key);
    out.push(path);
    const kind = fieldKind(prop);
    if (kind === 'object') out.push(...schemaSlots(prop, obj[key], path));
    if (kind === 'freeObject' && isRecord(obj[key])) for (const k of Object.keys(obj[key])) out.push(childPath(path, k));
  }
  return out;
}

/** Every path the editor renders problems at; a problem goes to the deepest one that prefixes it. */
export function editorSlots(s: EditorState, schemas: Record<string, JsonSchema | undefined>): string[] {
  const out = ['name', 'priority', 'trigger', 'trigger.type', 'trigger.eventType', 'trigger.field', 'trigger.cron', 'condition', 'actions', 'testCases'];
  s.actions.forEach((a, i) => {
    const base = `actions[${i}]`;
    out.push(base, `${base}.action`, `${base}.config`, ...schemaSlots(schemas[a.action], a.config, `${base}.config`));
  });
  s.testCases.forEach((_, i) => {
    const base = `testCases[${i}]`;
    out.push(base, `${base}.name`, `${base}.payload`, `${base}.expect`);
  });
  return out;
}

/** The sample values formulas are checked with: the console's payload if it parses, else the first test case's. */
export function samplePayload(consoleText: string, s: EditorState): Record<string, unknown> {
  const fromConsole = parseJsonObject(consoleText);
  if (fromConsole.ok && Object.keys(fromConsole.value).length) return fromConsole.value;
  for (const c of s.testCases) {
    const p = parseJsonObject(c.payloadText);
    if (p.ok && Object.keys(p.value).length) return p.value;
  }
  return {};
}

/**
 * The variables a rule sees for a payload, as the server builds them: the payload's fields (not
 * those starting with "_"), a record's fields from `payload.data` on top, and `event`.
 */
export function payloadVariables(payload: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(payload)) if (!k.startsWith('_')) out[k] = v;
  if (isRecord(payload.data)) Object.assign(out, payload.data);
  return out;
}

/** The context of a live check: the payload's variables, and the event that carries them (`now` is built in). */
export function sampleContext(payload: Record<string, unknown>, eventType: string | undefined, occurredAt: string): Record<string, unknown> {
  return { ...payloadVariables(payload), event: { type: eventType ?? null, id: null, occurredAt, payload } };
}

/** Names to complete in formulas: the sample payloads' keys, then `event` and `now`. */
export function formulaFields(consoleText: string, s: EditorState): string[] {
  const samples: unknown[] = [];
  const c = parseJsonObject(consoleText);
  if (c.ok) samples.push(payloadVariables(c.value));
  for (const tc of s.testCases) {
    const p = parseJsonObject(tc.payloadText);
    if (p.ok) samples.push(payloadVariables(p.value));
  }
  if (s.trigger.type === 'fieldChange' && s.trigger.field.trim()) samples.push({ [s.trigger.field.trim()]: null });
  return [...fieldNames(...samples).filter((f) => f !== 'event' && f !== 'now'), 'event', 'now'];
}

/** Moves element `from` to `to` (a copy). */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/** Drops the problems at `path` and below (the user is editing there). */
export function withoutProblemsUnder(problems: readonly FieldProblem[], path: string): FieldProblem[] {
  const base = normalizePath(path);
  return problems.filter((p) => {
    const f = normalizePath(p.field);
    return !(f === base || f.startsWith(`${base}.`) || f.startsWith(`${base}[`));
  });
}

/** The expression text a problem's field names: the condition, or a "=formula" inside an action config (without "="). */
export function expressionAt(s: EditorState, field: string | null | undefined): string | undefined {
  if (!field) return undefined;
  const path = fieldPath(normalizePath(field));
  if (path.length === 1 && path[0] === 'condition') return s.condition;
  if (path[0] !== 'actions' || typeof path[1] !== 'number' || path[2] !== 'config') return undefined;
  let node: unknown = s.actions[path[1]]?.config;
  for (const key of path.slice(3)) {
    if (Array.isArray(node) && typeof key === 'number') node = node[key];
    else if (isRecord(node)) node = node[String(key)];
    else return undefined;
  }
  return isFormula(node) ? node.slice(1) : undefined;
}
