import { describe, expect, it } from 'vitest';
import { columnsStorageKey, defaultColumns, loadColumns, moveColumn, saveColumns, visibleFields, withColumn } from './columnPrefs';
import { currentCursor, FIRST_PAGE, hasPrevious, nextPage, pageNumber, previousPage } from './cursorStack';
import { sortFromHeader, sortOrderOf } from './sorting';
import type { FieldDefinition } from './types';

describe('cursor stack', () => {
  it('walks forward with the next cursors and back to the first page', () => {
    let s = FIRST_PAGE;
    expect([currentCursor(s), pageNumber(s), hasPrevious(s)]).toEqual([null, 1, false]);
    s = nextPage(s, 'c2');
    s = nextPage(s, 'c3');
    expect([currentCursor(s), pageNumber(s), hasPrevious(s)]).toEqual(['c3', 3, true]);
    s = previousPage(s);
    expect(currentCursor(s)).toBe('c2');
    s = previousPage(previousPage(s));
    expect(s.cursors).toEqual([null]);
  });

  it('stays on the last page without a next cursor', () => {
    expect(nextPage(FIRST_PAGE, null)).toBe(FIRST_PAGE);
    expect(nextPage(FIRST_PAGE, undefined)).toBe(FIRST_PAGE);
  });
});

describe('sorting', () => {
  it('reads the order of a column from the sort parameter', () => {
    expect(sortOrderOf('spend', 'spend')).toBe('ascend');
    expect(sortOrderOf('-spend', 'spend')).toBe('descend');
    expect(sortOrderOf('-createdAt', 'spend')).toBeNull();
  });

  it('turns a header click into the sort parameter, no order into the default', () => {
    expect(sortFromHeader('spend', 'ascend')).toBe('spend');
    expect(sortFromHeader('spend', 'descend')).toBe('-spend');
    expect(sortFromHeader('spend', null)).toBe('-createdAt');
    expect(sortFromHeader(undefined, 'ascend')).toBe('-createdAt');
  });
});

class MemoryStorage implements Storage {
  private data = new Map<string, string>();
  get length() {
    return this.data.size;
  }
  clear() {
    this.data.clear();
  }
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
}

describe('column choice', () => {
  const fields: FieldDefinition[] = Array.from({ length: 10 }, (_, i) => ({ key: `f${i}`, label: `F${i}`, type: 'text' }));

  it('shows the first 8 fields by default', () => {
    expect(loadColumns('form1', fields, new MemoryStorage())).toEqual(defaultColumns(fields));
    expect(defaultColumns(fields)).toHaveLength(8);
  });

  it('remembers the choice per form and forgets fields that are gone', () => {
    const store = new MemoryStorage();
    saveColumns('form1', ['f9', 'f2', 'gone'], store);
    expect(store.getItem(columnsStorageKey('form1'))).toBe('["f9","f2","gone"]');
    expect(loadColumns('form1', fields, store)).toEqual(['f9', 'f2']);
    expect(loadColumns('form2', fields, store)).toEqual(defaultColumns(fields));
    // the order is the choice's (a saved view's, or dragged in the chooser)
    expect(visibleFields(fields, ['f9', 'f2', 'gone']).map((f) => f.key)).toEqual(['f9', 'f2']);
  });

  it('puts a ticked field after the one before it in the form, and moves a dragged one', () => {
    // in the form's order, ticking keeps the form's order (not the order of the clicks)
    expect(withColumn(['f0', 'f3'], 'f1', fields)).toEqual(['f0', 'f1', 'f3']);
    expect(withColumn(['f3'], 'f0', fields)).toEqual(['f0', 'f3']);
    // in an order of the user's, after its predecessor in the form, wherever that one was dragged
    expect(withColumn(['f5', 'f0', 'f9'], 'f1', fields)).toEqual(['f5', 'f0', 'f1', 'f9']);
    expect(withColumn(['f0', 'f1'], 'f1', fields)).toEqual(['f0', 'f1']);
    expect(moveColumn(['f0', 'f1', 'f2'], 'f2', 'f0')).toEqual(['f2', 'f0', 'f1']);
    expect(moveColumn(['f0', 'f1', 'f2'], 'f0', 'f2')).toEqual(['f1', 'f2', 'f0']);
    expect(moveColumn(['f0', 'f1'], 'f0', 'gone')).toEqual(['f0', 'f1']);
  });

  it('falls back to the default for garbage', () => {
    const store = new MemoryStorage();
    store.setItem(columnsStorageKey('form1'), '{not json');
    expect(loadColumns('form1', fields, store)).toEqual(defaultColumns(fields));
    store.setItem(columnsStorageKey('form1'), '["gone"]');
    expect(loadColumns('form1', fields, store)).toEqual(defaultColumns(fields));
  });
});
