import { describe, expect, it } from 'vitest';
import { isComputed, isSortable, operatorsFor, propertyFields, storageOf } from './fieldTypes';
import type { FieldDefinition } from './types';

const f = (type: string, options?: FieldDefinition['options']): FieldDefinition => ({ key: type, label: type, type, options });

describe('storageOf', () => {
  it.each([
    ['text', 'TEXT'],
    ['textarea', 'TEXT'],
    ['phone', 'TEXT'],
    ['email', 'TEXT'],
    ['url', 'TEXT'],
    ['richtext', 'TEXT'],
    ['select', 'TEXT'],
    ['serial', 'TEXT'],
    ['member', 'TEXT'],
    ['relation', 'TEXT'],
    ['number', 'NUMBER'],
    ['money', 'NUMBER'],
    ['percent', 'NUMBER'],
    ['rating', 'NUMBER'],
    ['rollup', 'NUMBER'],
    ['boolean', 'BOOLEAN'],
    ['date', 'DATE'],
    ['datetime', 'DATETIME'],
    ['multiselect', 'LIST'],
    ['tags', 'LIST'],
    ['address', 'STRUCTURED'],
    ['subform', 'STRUCTURED'],
    ['signature', 'STRUCTURED'],
    ['lookup', 'STRUCTURED'],
  ])('%s is stored as %s', (type, storage) => {
    expect(storageOf(f(type))).toBe(storage);
  });

  it('keeps several members or related records in a list', () => {
    expect(storageOf(f('member', { multiple: true }))).toBe('LIST');
    expect(storageOf(f('relation', { multiple: true, form: 'customers' }))).toBe('LIST');
  });

  it('stores a formula by its result type (number when unset)', () => {
    expect(storageOf(f('formula'))).toBe('NUMBER');
    expect(storageOf(f('formula', { resultType: 'money' }))).toBe('NUMBER');
    expect(storageOf(f('formula', { resultType: 'text' }))).toBe('TEXT');
    expect(storageOf(f('formula', { resultType: 'boolean' }))).toBe('BOOLEAN');
    expect(storageOf(f('formula', { resultType: 'date' }))).toBe('DATE');
  });
});

describe('operatorsFor', () => {
  const server = (type: string, options?: FieldDefinition['options']) => operatorsFor(f(type, options)).filter((op) => op !== 'not_empty').sort();

  it('offers what the server accepts for each storage, plus "is not empty"', () => {
    expect(server('text')).toEqual(['contains', 'eq', 'gt', 'gte', 'in', 'is_empty', 'lt', 'lte', 'ne', 'not_in', 'starts_with']);
    expect(server('money')).toEqual(['between', 'eq', 'gt', 'gte', 'in', 'is_empty', 'lt', 'lte', 'ne', 'not_in']);
    expect(server('boolean')).toEqual(['eq', 'is_empty', 'ne']);
    expect(server('date')).toEqual(['after', 'before', 'between', 'eq', 'gt', 'gte', 'is_empty', 'lt', 'lte', 'ne', 'within_days']);
    expect(server('datetime')).toEqual(server('date'));
    expect(server('tags')).toEqual(['contains', 'eq', 'in', 'is_empty', 'ne', 'not_in']);
    expect(server('member', { multiple: true })).toEqual(server('tags'));
    expect(operatorsFor(f('address'))).toEqual(['is_empty', 'not_empty']);
    expect(operatorsFor(f('lookup'))).toEqual(['is_empty', 'not_empty']);
  });

  it('puts "equals" first where it exists, "contains" first for lists', () => {
    expect(operatorsFor(f('select'))[0]).toBe('eq');
    expect(operatorsFor(f('number'))[0]).toBe('eq');
    expect(operatorsFor(f('multiselect'))[0]).toBe('contains');
  });

  it('treats createdAt and updatedAt as datetimes', () => {
    const [createdAt, updatedAt] = propertyFields((k) => k);
    expect(createdAt).toMatchObject({ key: 'createdAt', type: 'datetime' });
    expect(updatedAt.key).toBe('updatedAt');
    expect(operatorsFor(createdAt)).toContain('within_days');
  });
});

describe('isSortable', () => {
  it('sorts by scalar values only', () => {
    for (const type of ['text', 'number', 'money', 'date', 'datetime', 'boolean', 'select', 'member', 'formula', 'rollup', 'serial']) {
      expect(isSortable(f(type)), type).toBe(true);
    }
    for (const type of ['multiselect', 'tags', 'address', 'subform', 'signature', 'lookup']) {
      expect(isSortable(f(type)), type).toBe(false);
    }
    expect(isSortable(f('relation', { multiple: true }))).toBe(false);
  });
});

describe('computed fields', () => {
  it('are formula, lookup, rollup and serial', () => {
    const all = ['text', 'formula', 'lookup', 'rollup', 'serial', 'number'].map((t) => f(t));
    expect(all.filter(isComputed).map((x) => x.type)).toEqual(['formula', 'lookup', 'rollup', 'serial']);
  });
});

describe('file fields (attachment, image)', () => {
  it('are structured values: only "is empty" / "is not empty", never sorted', () => {
    for (const type of ['attachment', 'image']) {
      expect(storageOf(f(type)), type).toBe('STRUCTURED');
      expect(operatorsFor(f(type)), type).toEqual(['is_empty', 'not_empty']);
      expect(operatorsFor(f(type)), type).toEqual(operatorsFor(f('signature')));
      expect(isSortable(f(type)), type).toBe(false);
      expect(isComputed(f(type)), type).toBe(false);
    }
  });
});

describe('department fields', () => {
  it('are stored as an id, or a list of ids when multiple, like members', () => {
    expect(storageOf(f('department'))).toBe('TEXT');
    expect(storageOf(f('department', { multiple: true }))).toBe('LIST');
    expect(isSortable(f('department'))).toBe(true);
    expect(isSortable(f('department', { multiple: true }))).toBe(false);
  });

  it('compare a single department as an id (no contains, no greater than), several as a list', () => {
    expect(operatorsFor(f('department'))).toEqual(['eq', 'ne', 'in', 'not_in', 'is_empty', 'not_empty']);
    expect(operatorsFor(f('department', { multiple: true }))).toEqual(operatorsFor(f('member', { multiple: true })));
  });
});
