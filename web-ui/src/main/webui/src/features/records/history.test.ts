import { beforeAll, describe, expect, it } from 'vitest';
import type { FormatContext } from './format';
import { changedByLabel, changeLine } from './history';
import { idsFilter, labelFieldOf, recordLabel, searchFilter, collectIds } from './relations';
import { recordsI18n } from './testing';
import type { FieldDefinition } from './types';

let ctx: FormatContext;
beforeAll(async () => {
  ctx = { t: await recordsI18n('zh-CN') };
});

const city: FieldDefinition = { key: 'city', label: '城市', type: 'select', options: { choices: [{ value: 'sh', label: '上海' }, { value: 'hz', label: '杭州' }] } };

describe('history lines', () => {
  it('writes "label: old → new" with labels of fields and choices', () => {
    expect(changeLine({ field: 'city', from: 'sh', to: 'hz' }, city, 'updated', ctx)).toBe('城市: 上海 → 杭州');
    expect(changeLine({ field: 'city', from: null, to: 'hz' }, city, 'updated', ctx)).toBe('城市: （空） → 杭州');
    expect(changeLine({ field: 'spend', from: 1, to: 2 }, { key: 'spend', label: '消费', type: 'money' }, 'computed', ctx)).toBe('消费: ¥1.00 → ¥2.00');
  });

  it('lists the values of a creation without an arrow', () => {
    expect(changeLine({ field: 'city', to: 'hz' }, city, 'created', ctx)).toBe('城市: 杭州');
  });

  it('shows a field the form no longer has by its key', () => {
    expect(changeLine({ field: 'old', from: 'a', to: { x: 1 } }, undefined, 'updated', ctx)).toBe('old: a → {"x":1}');
  });

  it('names the engine "系统"', () => {
    expect(changedByLabel({ changedByName: null }, ctx)).toBe('系统');
    expect(changedByLabel({ changedByName: '张三' }, ctx)).toBe('张三');
  });
});

describe('related records', () => {
  const fields: FieldDefinition[] = [
    { key: 'amount', label: '金额', type: 'money' },
    { key: 'no', label: '编号', type: 'serial' },
    { key: 'name', label: '名称', type: 'text' },
  ];

  it('are named by the first text field', () => {
    expect(labelFieldOf(fields)?.key).toBe('name');
    expect(labelFieldOf(fields.slice(0, 2))?.key).toBe('no');
    expect(labelFieldOf(fields.slice(0, 1))).toBeUndefined();
    expect(recordLabel({ id: 'abcdefgh-1234', data: { name: '客户A' } }, fields[2])).toBe('客户A');
    expect(recordLabel({ id: 'abcdefgh-1234', data: {} }, fields[2])).toBe('abcdefgh');
  });

  it('are named by the form\'s title field when its settings name one of a type that can', () => {
    expect(labelFieldOf(fields, 'no')?.key).toBe('no');
    expect(labelFieldOf(fields, 'amount')?.key).toBe('name');
    expect(labelFieldOf(fields, 'gone')?.key).toBe('name');
  });

  it('are searched by that field and looked up by id', () => {
    expect(searchFilter(fields[2], ' 客户 ')).toEqual({ field: 'name', op: 'contains', value: '客户' });
    expect(searchFilter(fields[2], '  ')).toBeNull();
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(idsFilter([id, id, 'not-a-uuid'])).toEqual({ field: 'id', op: 'in', value: [id] });
    expect(collectIds([{ data: { c: id } }, { data: { c: [id, 'x'] } }, { data: {} }], 'c')).toEqual([id, 'x']);
  });
});
