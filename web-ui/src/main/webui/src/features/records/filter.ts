/**
 * The filter builder's model and its translation into the filter language of
 * `GET .../records?filter=`: `{"and": [{"field": "city", "op": "eq", "value": "杭州"}, ...]}`.
 * Values are kept JSON-ready in the conditions (dates as "YYYY-MM-DD", datetimes as ISO text), so
 * building the filter is a pure function the tests can pin down.
 */
import { operatorsFor, storageOf, type FilterOp } from './fieldTypes';
import type { FieldDefinition } from './types';

export type Match = 'and' | 'or';

/** On department fields: "one of the current user's departments", and "… or one below them". */
export const MY_DEPARTMENTS = '$myDepartments';
export const MY_DEPARTMENTS_AND_BELOW = '$myDepartmentsAndBelow';
export const DEPARTMENT_TOKENS: readonly string[] = [MY_DEPARTMENTS, MY_DEPARTMENTS_AND_BELOW];

export function isDepartmentToken(value: unknown): boolean {
  return typeof value === 'string' && DEPARTMENT_TOKENS.includes(value);
}

/** The server takes the department tokens with eq and ne only. */
export function allowsDepartmentTokens(op: FilterOp | undefined): boolean {
  return op === 'eq' || op === 'ne';
}

export type FilterScalar = string | number | boolean;
export type FilterValue = FilterScalar | FilterScalar[] | null | undefined;

export interface FilterCondition {
  /** stable React key */
  id: string;
  field?: string;
  op?: FilterOp;
  value?: FilterValue;
}

export interface FilterClause {
  field: string;
  op: string;
  value?: unknown;
}

export type FilterNode = { and: FilterNode[] } | { or: FilterNode[] } | { not: FilterNode } | FilterClause;

/** Which input a condition's value needs. */
export type ValueKind =
  | 'none'
  | 'text'
  | 'texts'
  | 'number'
  | 'numbers'
  | 'numberRange'
  | 'date'
  | 'dateRange'
  | 'datetime'
  | 'datetimeRange'
  | 'days'
  | 'boolean'
  | 'choice'
  | 'choices'
  | 'member'
  | 'members'
  | 'department'
  | 'departments'
  | 'relation'
  | 'relations';

const LIST_OPS: ReadonlySet<FilterOp> = new Set(['in', 'not_in']);

export function valueKind(field: FieldDefinition | undefined, op: FilterOp | undefined): ValueKind {
  if (!field || !op || op === 'is_empty' || op === 'not_empty') return 'none';
  if (op === 'within_days') return 'days';
  const many = LIST_OPS.has(op);
  const storage = storageOf(field);
  if (storage === 'BOOLEAN') return 'boolean';
  if ((field.type === 'select' || field.type === 'multiselect') && (field.options?.choices?.length ?? 0) > 0) {
    return many ? 'choices' : 'choice';
  }
  if (field.type === 'member') return many ? 'members' : 'member';
  if (field.type === 'department') return many ? 'departments' : 'department';
  if (field.type === 'relation') return many ? 'relations' : 'relation';
  switch (storage) {
    case 'NUMBER':
      return op === 'between' ? 'numberRange' : many ? 'numbers' : 'number';
    case 'DATE':
      return op === 'between' ? 'dateRange' : 'date';
    case 'DATETIME':
      return op === 'between' ? 'datetimeRange' : 'datetime';
    case 'STRUCTURED':
      return 'none';
    default:
      return many ? 'texts' : 'text';
  }
}

const filled = (v: unknown): boolean =>
  v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '') && !(typeof v === 'number' && !Number.isFinite(v));

/** Whether the value fits the kind well enough to send (the server checks the rest). */
export function isValueComplete(kind: ValueKind, value: FilterValue): boolean {
  switch (kind) {
    case 'none':
      return true;
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'days':
      return typeof value === 'number' && Number.isInteger(value);
    case 'numberRange':
    case 'dateRange':
    case 'datetimeRange':
      return Array.isArray(value) && value.length === 2 && value.every(filled);
    case 'texts':
    case 'numbers':
    case 'choices':
    case 'members':
    case 'departments':
    case 'relations':
      return Array.isArray(value) && value.length > 0 && value.every(filled);
    default:
      return typeof value === 'string' && value.trim() !== '';
  }
}

/** One condition in the filter language; null while it is incomplete. */
export function conditionToClause(condition: FilterCondition, field: FieldDefinition | undefined): FilterClause | null {
  if (!field || !condition.op || !operatorsFor(field).includes(condition.op)) return null;
  const kind = valueKind(field, condition.op);
  if (!isValueComplete(kind, condition.value)) return null;
  // "my departments" compares with eq / ne only: elsewhere it is no value yet
  if (field.type === 'department' && isDepartmentToken(condition.value) && !allowsDepartmentTokens(condition.op)) return null;
  if (condition.op === 'is_empty') return { field: field.key, op: 'is_empty' };
  if (condition.op === 'not_empty') return { field: field.key, op: 'is_empty', value: false };
  const value = condition.value;
  const clean = (v: FilterScalar) => (typeof v === 'string' ? v.trim() : v);
  return { field: field.key, op: condition.op, value: Array.isArray(value) ? value.map(clean) : clean(value as FilterScalar) };
}

export interface BuiltFilter {
  /** null: no condition, list everything */
  filter: FilterNode | null;
  /** indexes of conditions that are not filled in yet */
  incomplete: number[];
}

export function buildFilter(match: Match, conditions: readonly FilterCondition[], fieldOf: (key: string) => FieldDefinition | undefined): BuiltFilter {
  const clauses: FilterClause[] = [];
  const incomplete: number[] = [];
  conditions.forEach((c, i) => {
    const clause = conditionToClause(c, c.field ? fieldOf(c.field) : undefined);
    if (clause) clauses.push(clause);
    else incomplete.push(i);
  });
  if (clauses.length === 0) return { filter: null, incomplete };
  return { filter: match === 'and' ? { and: clauses } : { or: clauses }, incomplete };
}

/** A relation's target fields under their path ("customer.level"), labelled with both names: conditions on related records. */
export function relatedFields(relation: FieldDefinition, targetFields: readonly FieldDefinition[]): FieldDefinition[] {
  return targetFields.map((f) => ({ ...f, key: `${relation.key}.${f.key}`, label: `${relation.label} · ${f.label}`, required: false, unique: false }));
}

let nextId = 0;
export function newCondition(): FilterCondition {
  nextId += 1;
  return { id: `c${nextId}` };
}

/** A new field: its first operator, and no value (the old one rarely fits). */
export function withField(condition: FilterCondition, field: FieldDefinition | undefined): FilterCondition {
  return { id: condition.id, field: field?.key, op: field ? operatorsFor(field)[0] : undefined, value: undefined };
}

/**
 * A new operator keeps the value when it takes the same kind of input (eq -> ne), drops it otherwise
 * (and drops "my departments" where the new operator cannot take it).
 */
export function withOp(condition: FilterCondition, op: FilterOp, field: FieldDefinition | undefined): FilterCondition {
  const same = valueKind(field, condition.op) === valueKind(field, op);
  const tokenLost = isDepartmentToken(condition.value) && !allowsDepartmentTokens(op);
  return { ...condition, op, value: same && !tokenLost ? condition.value : undefined };
}


/** What the builder edits: all or any of a list of conditions. */
export interface EditableFilter {
  match: Match;
  conditions: FilterCondition[];
}

const isClause = (node: FilterNode): node is FilterClause => typeof (node as FilterClause).field === 'string' && typeof (node as FilterClause).op === 'string';

function clauseToCondition(clause: FilterClause): FilterCondition {
  const { id } = newCondition();
  if (clause.op === 'is_empty') return { id, field: clause.field, op: clause.value === false ? 'not_empty' : 'is_empty' };
  return { id, field: clause.field, op: clause.op as FilterOp, value: clause.value as FilterValue };
}

/**
 * A saved filter (a view's) back into the builder's conditions: one clause, or all / any of
 * clauses. Null when it has more structure than the builder shows (groups in groups, `not`).
 */
export function conditionsOf(filter: FilterNode | null | undefined): EditableFilter | null {
  if (!filter) return null;
  if (isClause(filter)) return { match: 'and', conditions: [clauseToCondition(filter)] };
  const match: Match | null = 'and' in filter ? 'and' : 'or' in filter ? 'or' : null;
  const items = match === 'and' ? (filter as { and: FilterNode[] }).and : match === 'or' ? (filter as { or: FilterNode[] }).or : null;
  if (!match || !Array.isArray(items) || !items.every(isClause)) return null;
  return { match, conditions: items.map(clauseToCondition) };
}

/** How many conditions a filter has, however it nests them. */
export function countConditions(filter: FilterNode | null | undefined): number {
  if (!filter) return 0;
  if (isClause(filter)) return 1;
  if ('and' in filter && Array.isArray(filter.and)) return filter.and.reduce((n, f) => n + countConditions(f), 0);
  if ('or' in filter && Array.isArray(filter.or)) return filter.or.reduce((n, f) => n + countConditions(f), 0);
  if ('not' in filter) return countConditions(filter.not);
  return 0;
}
