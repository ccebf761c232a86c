import { describe, expect, it } from 'vitest';
import type { FieldProblem } from '../api/problem';
import type { JsonSchema } from '../api/types';
import { childPath, normalizePath, pathKey, placeProblems } from './fieldProblems';
import {
  breaksPattern,
  canToggleFormula,
  defaultsFor,
  duplicateKeys,
  fieldKind,
  isFlatTextObject,
  isFormula,
  missingRequired,
  newRow,
  objectFromRows,
  parseJsonObject,
  rowsFromObject,
  setKey,
  toggleFormula,
} from './schemaForm';

const PUBLISH: JsonSchema = {
  type: 'object',
  required: ['eventType'],
  properties: {
    eventType: { type: 'string', title: '事件类型' },
    payload: { type: 'object', title: '内容', additionalProperties: true },
  },
};

describe('fieldKind', () => {
  it('maps schema types to widgets', () => {
    expect(fieldKind({ type: 'string' })).toBe('string');
    expect(fieldKind({ type: 'string', enum: ['a', 'b'] })).toBe('enum');
    expect(fieldKind({ type: 'integer' })).toBe('integer');
    expect(fieldKind({ type: 'number' })).toBe('number');
    expect(fieldKind({ type: 'boolean' })).toBe('boolean');
    expect(fieldKind(PUBLISH)).toBe('object');
    expect(fieldKind(PUBLISH.properties!.payload)).toBe('freeObject');
    expect(fieldKind({ type: 'array', items: { type: 'string' } })).toBe('stringArray');
    expect(fieldKind({ type: 'array', items: { type: 'object' } })).toBe('json');
    expect(fieldKind(undefined)).toBe('json');
    expect(canToggleFormula('number')).toBe(true);
    expect(canToggleFormula('string')).toBe(false);
  });
});

describe('values', () => {
  it('recognizes formulas', () => {
    expect(isFormula("=totalSpend > 5000 ? '钻石' : '金卡'")).toBe(true);
    expect(isFormula('钻石')).toBe(false);
    expect(isFormula(5)).toBe(false);
  });

  it('sets and clears keys without touching the original', () => {
    const orig = { a: 1 };
    expect(setKey(orig, 'b', 'x')).toEqual({ a: 1, b: 'x' });
    expect(setKey(orig, 'a', '')).toEqual({});
    expect(setKey(undefined, 'a', false)).toEqual({ a: false });
    expect(orig).toEqual({ a: 1 });
  });

  it('fills defaults, nested ones included', () => {
    expect(defaultsFor({ type: 'object', properties: { n: { type: 'integer', default: 3 }, o: { type: 'object', properties: { b: { type: 'boolean', default: true } } }, s: { type: 'string' } } })).toEqual({ n: 3, o: { b: true } });
    expect(defaultsFor(undefined)).toEqual({});
  });

  it('lists blank required fields', () => {
    expect(missingRequired(PUBLISH, {})).toEqual(['eventType']);
    expect(missingRequired(PUBLISH, { eventType: '  ' })).toEqual(['eventType']);
    expect(missingRequired(PUBLISH, { eventType: 'customer.vip' })).toEqual([]);
    const nested: JsonSchema = { type: 'object', properties: { to: { type: 'object', required: ['email'], properties: { email: { type: 'string' } } } } };
    expect(missingRequired(nested, { to: {} })).toEqual(['to.email']);
  });

  it('switches non-text fields to a formula and back', () => {
    expect(toggleFormula(5, 'number')).toBe('=5');
    expect(toggleFormula(undefined, 'boolean')).toBe('=');
    expect(toggleFormula('gold', 'enum')).toBe("='gold'");
    expect(toggleFormula('=5', 'integer')).toBe(5);
    expect(toggleFormula('=5.5', 'integer')).toBeUndefined();
    expect(toggleFormula('=total * 2', 'number')).toBeUndefined();
    expect(toggleFormula('= true', 'boolean')).toBe(true);
  });
});

describe('breaksPattern', () => {
  it('checks literal texts only', () => {
    const schema: JsonSchema = { type: 'string', pattern: '^[a-z][a-zA-Z0-9_]*(\\.[a-zA-Z0-9_]+)+$' };
    expect(breaksPattern(schema, 'customer.vip')).toBe(false);
    expect(breaksPattern(schema, 'customer')).toBe(true);
    expect(breaksPattern(schema, "='customer' + '.vip'")).toBe(false);
    expect(breaksPattern(schema, '')).toBe(false);
    expect(breaksPattern({ type: 'string', pattern: '(' }, 'x')).toBe(false);
    expect(breaksPattern({ type: 'string' }, 'x')).toBe(false);
  });
});

describe('key-value rows', () => {
  it('round-trips a flat text object, skipping blank and duplicate keys', () => {
    const rows = rowsFromObject({ level: "=totalSpend > 5000 ? '钻石' : '金卡'", note: 'x' });
    expect(rows.map((r) => [r.key, r.value])).toEqual([
      ['level', "=totalSpend > 5000 ? '钻石' : '金卡'"],
      ['note', 'x'],
    ]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
    const more = [...rows, newRow('', 'ignored'), newRow('level', 'second')];
    expect(objectFromRows(more)).toEqual({ level: "=totalSpend > 5000 ? '钻石' : '金卡'", note: 'x' });
    expect(duplicateKeys(more)).toEqual(['level']);
  });

  it('knows when the key-value editor cannot show an object', () => {
    expect(isFlatTextObject({ a: 'x' })).toBe(true);
    expect(isFlatTextObject(undefined)).toBe(true);
    expect(isFlatTextObject({ a: 1 })).toBe(false);
    expect(isFlatTextObject({ a: { b: 'c' } })).toBe(false);
  });
});

describe('parseJsonObject', () => {
  it('accepts objects and blank text only', () => {
    expect(parseJsonObject('{"totalSpend": 6000}')).toEqual({ ok: true, value: { totalSpend: 6000 } });
    expect(parseJsonObject('  ')).toEqual({ ok: true, value: {} });
    expect(parseJsonObject('[1]')).toEqual({ ok: false, error: 'notObject' });
    expect(parseJsonObject('{"a":').ok).toBe(false);
  });
});

describe('placeProblems', () => {
  const p = (field: string): FieldProblem => ({ field, code: 'x', message: field });

  it('puts each problem on the deepest rendered field whose path is its prefix', () => {
    const slots = ['name', 'condition', 'trigger', 'trigger.cron', 'actions[0]', 'actions[0].config.eventType', 'actions[0].config.payload', 'actions[0].config.payload.level', 'testCases[1]'];
    const placed = placeProblems(
      [p('name'), p('trigger.cron'), p('trigger.type'), p('actions[0].config.payload.level'), p('actions.0.config.payload.other'), p('actions[0].action'), p('testCases[1]'), p('priority')],
      slots,
    );
    expect(Object.fromEntries(Object.entries(placed.bySlot).map(([k, v]) => [k, v.map((x) => x.field)]))).toEqual({
      name: ['name'],
      'trigger.cron': ['trigger.cron'],
      trigger: ['trigger.type'],
      'actions[0].config.payload.level': ['actions[0].config.payload.level'],
      'actions[0].config.payload': ['actions.0.config.payload.other'],
      'actions[0]': ['actions[0].action'],
      'testCases[1]': ['testCases[1]'],
    });
    expect(placed.unplaced.map((x) => x.field)).toEqual(['priority']);
  });

  it('spells paths canonically', () => {
    expect(pathKey(['actions', 0, 'config', 'level'])).toBe('actions[0].config.level');
    expect(normalizePath('actions.0.config')).toBe('actions[0].config');
    expect(childPath('actions', 2)).toBe('actions[2]');
    expect(childPath('', 'name')).toBe('name');
    expect(childPath('actions[2].config', 'eventType')).toBe('actions[2].config.eventType');
  });
});
