import { describe, expect, it } from 'vitest';
import type { JsonSchema, RuleDraft } from '../../api/types';
import {
  clientProblems,
  comparableKey,
  editorSlots,
  expressionAt,
  emptyState,
  formulaFields,
  move,
  newTestCase,
  ruleToState,
  sampleContext,
  samplePayload,
  stateToDraft,
  withoutProblemsUnder,
} from './ruleForm';

const t = (key: string, options?: Record<string, unknown>) => (options ? `${key}:${JSON.stringify(options)}` : key);

const SCHEMAS: Record<string, JsonSchema> = {
  'event.publish': {
    type: 'object',
    required: ['eventType'],
    properties: { eventType: { type: 'string' }, payload: { type: 'object', additionalProperties: true } },
  },
};

const DRAFT: RuleDraft = {
  name: '高消费升级钻石',
  trigger: { type: 'fieldChange', eventType: 'record.updated', field: 'totalSpend' },
  condition: 'totalSpend > 5000',
  actions: [{ action: 'event.publish', config: { eventType: 'customer.vip', payload: { level: "=totalSpend > 5000 ? '钻石' : '金卡'" } } }],
  priority: 10,
  testCases: [
    { name: '高', payload: { totalSpend: 6000 }, expect: 'match' },
    { name: '低', payload: { totalSpend: 100 }, expect: 'noMatch' },
  ],
};

describe('editor state', () => {
  it('round-trips a draft', () => {
    expect(stateToDraft(ruleToState(DRAFT))).toEqual(DRAFT);
  });

  it('trims, defaults the priority and sees unsaved changes', () => {
    const s = { ...ruleToState(DRAFT), name: '  x  ', priority: null, condition: ' a > 1 ' };
    expect(stateToDraft(s)).toMatchObject({ name: 'x', priority: 100, condition: 'a > 1' });
    const saved = comparableKey(ruleToState(DRAFT));
    expect(comparableKey(ruleToState(DRAFT))).toBe(saved);
    const broken = ruleToState(DRAFT);
    broken.testCases[0].payloadText = '{"totalSpend": ';
    expect(comparableKey(broken)).not.toBe(saved);
  });
});

describe('clientProblems', () => {
  it('finds what the server would refuse anyway', () => {
    const s = emptyState();
    s.trigger = { ...s.trigger, type: 'schedule', cron: '0 9 * *' };
    s.actions = [
      { uid: 1, action: '', config: {} },
      { uid: 2, action: 'event.publish', config: {} },
    ];
    s.testCases = [newTestCase('', '{"a": 1'), newTestCase('ok', '[1]')];
    expect(clientProblems(s, SCHEMAS, t).map((p) => p.field)).toEqual([
      'name',
      'trigger.cron',
      'actions[0].action',
      'actions[1].config.eventType',
      'testCases[0].name',
      'testCases[0].payload',
      'testCases[1].payload',
    ]);
    expect(clientProblems(ruleToState(DRAFT), SCHEMAS, t)).toEqual([]);
  });
});

describe('editorSlots', () => {
  it('lists the fields a problem can be shown at, generated config fields included', () => {
    const slots = editorSlots(ruleToState(DRAFT), SCHEMAS);
    expect(slots).toEqual(
      expect.arrayContaining([
        'name',
        'trigger.cron',
        'condition',
        'actions[0].action',
        'actions[0].config.eventType',
        'actions[0].config.payload',
        'actions[0].config.payload.level',
        'testCases[1]',
        'testCases[1].payload',
      ]),
    );
  });
});

describe('samples for formulas', () => {
  it('takes the console payload, else the first test case with values', () => {
    const s = ruleToState(DRAFT);
    expect(samplePayload('{"totalSpend": 1}', s)).toEqual({ totalSpend: 1 });
    expect(samplePayload('{}', s)).toEqual({ totalSpend: 6000 });
    expect(samplePayload('not json', s)).toEqual({ totalSpend: 6000 });
    expect(sampleContext({ a: 1 }, 'record.updated', '2026-11-24T02:00:00Z')).toEqual({
      a: 1,
      event: { type: 'record.updated', id: null, occurredAt: '2026-11-24T02:00:00Z', payload: { a: 1 } },
    });
    // a record event: the record's fields from payload.data on top; "_" fields stay hidden
    const record = { data: { totalSpend: 6000 }, _meta: 1, recordId: 'x' };
    expect(sampleContext(record, undefined, 'T')).toEqual({
      data: { totalSpend: 6000 },
      recordId: 'x',
      totalSpend: 6000,
      event: { type: null, id: null, occurredAt: 'T', payload: record },
    });
  });

  it('offers the payload keys, the changed field, event and now', () => {
    const s = ruleToState(DRAFT);
    s.testCases[1].payloadText = '{"level": "金卡", "event": 1}';
    expect(formulaFields('{"lastOrderDate": "2026-11-24"}', s)).toEqual(['lastOrderDate', 'totalSpend', 'level', 'event', 'now']);
  });
});

describe('list helpers', () => {
  it('moves an element and drops the problems under a path', () => {
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(move(['a', 'b'], 1, 2)).toEqual(['a', 'b']);
    const p = (field: string) => ({ field, code: 'x', message: 'm' });
    expect(withoutProblemsUnder([p('actions[0].config.x'), p('actions.0'), p('actions[1]'), p('name')], 'actions[0]').map((x) => x.field)).toEqual([
      'actions[1]',
      'name',
    ]);
  });
});

describe('expressionAt', () => {
  it('finds the text a problem points into', () => {
    const s = ruleToState(DRAFT);
    expect(expressionAt(s, 'condition')).toBe('totalSpend > 5000');
    expect(expressionAt(s, 'actions[0].config.payload.level')).toBe("totalSpend > 5000 ? '钻石' : '金卡'");
    expect(expressionAt(s, 'actions[0].config.eventType')).toBeUndefined();
    expect(expressionAt(s, 'actions[3].config.x')).toBeUndefined();
    expect(expressionAt(s, 'name')).toBeUndefined();
    expect(expressionAt(s, null)).toBeUndefined();
  });
});
