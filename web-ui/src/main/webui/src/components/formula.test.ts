import { describe, expect, it } from 'vitest';
import type { ExpressionFunctionInfo } from '../api/types';
import {
  applyCompletion,
  caretLine,
  fieldNames,
  formatValue,
  groupFunctions,
  identifierAt,
  inStringLiteral,
  insertAt,
  suggest,
} from './formula';

const fn = (name: string, alias: string, category = 'date'): ExpressionFunctionInfo => ({
  name,
  alias,
  category,
  signature: `${name}(x)`,
  descriptionZh: `${alias}说明`,
  descriptionEn: `${name} description`,
  example: `${name}(x)`,
});

const FUNCTIONS = [fn('daysSince', '距今天数'), fn('daysBetween', '相差天数'), fn('today', '今天'), fn('sum', '求和', 'list'), fn('round', '四舍五入', 'number')];

describe('identifierAt', () => {
  it('finds the identifier being typed at the cursor', () => {
    expect(identifierAt('totalSpend > 5000 && day', 24)).toEqual({ start: 21, end: 24, prefix: 'day', afterDot: false });
    expect(identifierAt('tot', 3)).toEqual({ start: 0, end: 3, prefix: 'tot', afterDot: false });
  });

  it('handles Chinese identifiers and an identifier continuing after the cursor', () => {
    expect(identifierAt('距今 > 3', 1)).toEqual({ start: 0, end: 2, prefix: '距', afterDot: false });
    expect(identifierAt('a + 距今天数(x)', 6)).toEqual({ start: 4, end: 8, prefix: '距今', afterDot: false });
  });

  it('is null between tokens, in numbers and inside string literals', () => {
    expect(identifierAt('totalSpend > ', 13)).toBeNull();
    expect(identifierAt('x > 5000', 8)).toBeNull();
    expect(identifierAt("level == '金卡", 12)).toBeNull();
    expect(identifierAt('"a" + b', 7)).toEqual({ start: 6, end: 7, prefix: 'b', afterDot: false });
  });

  it('marks property access', () => {
    expect(identifierAt('event.ty', 8)?.afterDot).toBe(true);
  });
});

describe('inStringLiteral', () => {
  it('follows quotes and escapes', () => {
    expect(inStringLiteral("'abc", 2)).toBe(true);
    expect(inStringLiteral("'abc' + x", 8)).toBe(false);
    expect(inStringLiteral("'it\\'s", 6)).toBe(true);
    expect(inStringLiteral('"a\'b" + ', 8)).toBe(false);
  });
});

describe('suggest', () => {
  const fields = ['totalSpend', 'lastOrderDate', 'level', 'daysLeft'];

  it('offers fields before functions, prefix matches before substring matches', () => {
    const labels = suggest('day', fields, FUNCTIONS).map((s) => `${s.kind}:${s.label}`);
    expect(labels).toEqual(['field:daysLeft', 'function:daysSince', 'function:daysBetween', 'function:today']);
    expect(suggest('date', fields, FUNCTIONS).map((s) => s.label)).toEqual(['lastOrderDate']);
  });

  it('finds functions by their Chinese alias and shows the other name', () => {
    const s = suggest('距今', fields, FUNCTIONS);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ kind: 'function', label: '距今天数', detail: 'daysSince' });
    expect(suggest('天数', fields, FUNCTIONS).map((x) => x.label)).toEqual(['距今天数', '相差天数']);
  });

  it('is case-insensitive, limited, and silent for keywords and fully typed fields', () => {
    expect(suggest('TOT', fields, FUNCTIONS)[0].label).toBe('totalSpend');
    expect(suggest('a', fields, FUNCTIONS, 2)).toHaveLength(2);
    expect(suggest('true', fields, FUNCTIONS)).toEqual([]);
    expect(suggest('level', fields, FUNCTIONS)).toEqual([]);
    expect(suggest('', fields, FUNCTIONS)).toEqual([]);
  });
});

describe('applyCompletion', () => {
  it('inserts a function with an opening parenthesis and puts the cursor inside', () => {
    const text = 'totalSpend > 5000 && 距今';
    const ident = identifierAt(text, text.length)!;
    const edit = applyCompletion(text, ident, { kind: 'function', label: '距今天数' });
    expect(edit.text).toBe('totalSpend > 5000 && 距今天数(');
    expect(edit.cursor).toBe(edit.text.length);
  });

  it('does not double a parenthesis that is already there', () => {
    const edit = applyCompletion('dayS(x)', { start: 0, end: 4 }, { kind: 'function', label: 'daysSince' });
    expect(edit).toEqual({ text: 'daysSince(x)', cursor: 10 });
  });

  it('inserts a field name, replacing the whole identifier', () => {
    const edit = applyCompletion('tot + 1', { start: 0, end: 3 }, { kind: 'field', label: 'totalSpend' });
    expect(edit).toEqual({ text: 'totalSpend + 1', cursor: 10 });
  });
});

describe('insertAt', () => {
  it('replaces the selection', () => {
    expect(insertAt('a + b', 4, 5, 'today()')).toEqual({ text: 'a + today()', cursor: 11 });
    expect(insertAt('', 3, 9, 'x')).toEqual({ text: 'x', cursor: 1 });
  });
});

describe('caretLine', () => {
  it('points at a character of a one-line expression', () => {
    const c = caretLine('totalSpend >> 5', 12);
    expect(c).toMatchObject({ line: 'totalSpend >> 5', lineNumber: 1, column: 12, before: 'totalSpend >', at: '>', after: ' 5' });
    expect(c.pad).toBe(' '.repeat(12));
  });

  it('points past the end with a blank', () => {
    const c = caretLine('totalSpend >', 12);
    expect(c.at).toBe(' ');
    expect(c.after).toBe('');
    expect(c.pad).toHaveLength(12);
  });

  it('uses full-width blanks under Chinese characters and finds the right line', () => {
    const text = 'a > 1 &&\n距今天数(x) <';
    const c = caretLine(text, text.indexOf('('));
    expect(c.lineNumber).toBe(2);
    expect(c.line).toBe('距今天数(x) <');
    expect(c.at).toBe('(');
    expect(c.pad).toBe('\u3000'.repeat(4));
  });

  it('clamps a position out of range', () => {
    expect(caretLine('ab', 99).column).toBe(2);
    expect(caretLine('ab', -3).column).toBe(0);
  });
});

describe('formatValue', () => {
  it('shows numbers, texts, booleans, dates, lists and null', () => {
    expect(formatValue(4160.4, 'number')).toBe('4160.4');
    expect(formatValue('钻石', 'text')).toBe('"钻石"');
    expect(formatValue(true, 'boolean')).toBe('true');
    expect(formatValue('2026-11-24', 'date')).toBe('2026-11-24');
    expect(formatValue([1, 'a'], 'list')).toBe('[1,"a"]');
    expect(formatValue(null, 'null')).toBe('null');
    expect(formatValue('x'.repeat(50), 'text', 10)).toBe('"xxxxxxxx…');
  });
});

describe('groupFunctions and fieldNames', () => {
  it('groups by category in the documented order', () => {
    expect(groupFunctions(FUNCTIONS).map(([c, list]) => `${c}:${list.length}`)).toEqual(['date:3', 'list:1', 'number:1']);
  });

  it('collects top-level keys of sample objects once', () => {
    expect(fieldNames({ a: 1, b: 2 }, null, [1], { b: 3, c: 4 })).toEqual(['a', 'b', 'c']);
  });
});
