/**
 * Saved views without a page: the API calls (If-Match on a change), a grid's state as a config and
 * back, what the view settings save (the rest of the config kept), a board's columns and their queries, cards moved before the server answered, and the
 * month a calendar asks for (a date field by days, a datetime field by instants).
 */
import dayjs from 'dayjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/problem';
import { json } from '../../../testing/dom';
import { inTimeZone } from '../../../testing/timeZone';
import { DEFAULT_SORT } from '../api';
import { buildFilter, conditionsOf, countConditions, type FilterNode } from '../filter';
import type { FieldDefinition, FormRecord } from '../types';
import { viewsApi } from './api';
import { calendarQuery, dayOf, monthRange, recordsByDay } from './calendar';
import { andWith, gridConfigOf, gridStateOf, sameConfig } from './gridState';
import { boardColumns, cardLayout, columnCount, columnQuery, placeCards, type CardMove } from './kanban';
import type { SavedView } from './types';
import { buildNewView, buildViewChanges, fieldChoices, problemText, settingsValuesOf, viewFormProblems } from './viewForm';

const FIELDS: FieldDefinition[] = [
  { key: 'name', label: '姓名', type: 'text' },
  {
    key: 'level',
    label: '等级',
    type: 'select',
    options: {
      choices: [
        { value: 'gold', label: '金卡', color: 'gold' },
        { value: 'diamond', label: '钻石' },
        { value: 'silver' },
      ],
    },
  },
  { key: 'spend', label: '消费', type: 'money' },
  { key: 'visit', label: '回访日', type: 'date' },
  { key: 'meetAt', label: '会面', type: 'datetime' },
];

const t = (key: string, options?: Record<string, unknown>) => (options ? `${key} ${JSON.stringify(options)}` : key);

function record(id: string, data: Record<string, unknown>, version = 1): FormRecord {
  return { id, formVersion: 1, version, data, createdBy: null, createdAt: '2026-11-01T00:00:00Z', updatedBy: null, updatedAt: '2026-11-01T00:00:00Z' };
}

describe('views api', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists, creates, changes with If-Match and deletes under the form', async () => {
    const calls: { url: string; method: string; headers: Record<string, string>; body?: unknown }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push({ url, method: init.method ?? 'GET', headers: init.headers as Record<string, string>, body: init.body ? JSON.parse(String(init.body)) : undefined });
        return init.method === 'DELETE' ? json(204) : json(200, init.method === 'GET' ? [] : { id: 'v1' });
      }),
    );
    await viewsApi.list('w 1', 'a1', 'f1');
    await viewsApi.create('w 1', 'a1', 'f1', { name: '大客户', kind: 'grid', config: { sort: '-spend' }, shared: true });
    await viewsApi.update('w 1', 'a1', 'f1', 'v1', { config: { sort: 'spend' } }, 4);
    await viewsApi.update('w 1', 'a1', 'f1', 'v1', { name: '改名' });
    await viewsApi.update('w 1', 'a1', 'f1', 'v1', { shared: true }, 5);
    await viewsApi.remove('w 1', 'a1', 'f1', 'v1');

    const base = '/api/v1/workspaces/w%201/apps/a1/forms/f1/views';
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([`GET ${base}`, `POST ${base}`, `PUT ${base}/v1`, `PUT ${base}/v1`, `PUT ${base}/v1`, `DELETE ${base}/v1`]);
    expect(calls[1].body).toEqual({ name: '大客户', kind: 'grid', config: { sort: '-spend' }, shared: true });
    expect(calls[2].headers['If-Match']).toBe('"4"');
    expect(calls[2].body).toEqual({ config: { sort: 'spend' } });
    expect(calls[3].headers['If-Match']).toBeUndefined();
    // shared with everyone: the same view, not a copy
    expect(calls[4].body).toEqual({ shared: true });
    expect(calls[4].headers['If-Match']).toBe('"5"');
  });
});

describe('grid state and config', () => {
  const filter: FilterNode = { and: [{ field: 'level', op: 'eq', value: 'gold' }] };

  it('saves the columns in order with their widths, the filter and a sort that is not the default', () => {
    const config = gridConfigOf({ filter, sort: '-spend', columns: ['spend', 'name'], widths: { spend: 212.4, level: 90 } });
    expect(config).toEqual({ columns: [{ field: 'spend', width: 212 }, { field: 'name' }], filter, sort: '-spend' });
    // the defaults are left out; widths within the server's bounds
    expect(gridConfigOf({ filter: null, sort: DEFAULT_SORT, columns: ['name'], widths: { name: 5 } })).toEqual({ columns: [{ field: 'name', width: 40 }] });
    expect(gridConfigOf({ filter: null, sort: DEFAULT_SORT, columns: ['name'], widths: { name: 99999 } }).columns).toEqual([{ field: 'name', width: 2000 }]);
  });

  it('reads a view back into the state, without fields that are gone', () => {
    const state = gridStateOf(
      { columns: [{ field: 'spend', width: 200 }, { field: 'gone', width: 90 }, { field: 'name' }, { field: 'spend' }], filter, sort: 'spend' },
      FIELDS,
      () => ['fallback'],
    );
    expect(state).toEqual({ filter, sort: 'spend', columns: ['spend', 'name'], widths: { spend: 200 } });
    // no columns: the fallback; a sort by a field that is gone: the default
    expect(gridStateOf({ sort: '-gone' }, FIELDS, () => ['name'])).toEqual({ filter: null, sort: DEFAULT_SORT, columns: ['name'], widths: {} });
    expect(gridStateOf({ sort: 'createdAt' }, FIELDS, () => ['name']).sort).toBe('createdAt');
    // a round trip changes nothing: an untouched view is not "changed"
    const saved = { columns: [{ field: 'spend', width: 200 }, { field: 'name' }], filter, sort: 'spend' };
    expect(sameConfig(gridConfigOf(gridStateOf(saved, FIELDS, () => [])), saved)).toBe(true);
  });

  it('compares configs by content, not by the order of their keys', () => {
    expect(sameConfig({ sort: 'a', columns: [{ width: 50, field: 'x' }] }, { columns: [{ field: 'x', width: 50 }], sort: 'a' })).toBe(true);
    expect(sameConfig({ columns: [{ field: 'x' }, { field: 'y' }] }, { columns: [{ field: 'y' }, { field: 'x' }] })).toBe(false);
    expect(sameConfig({ columns: [{ field: 'x', width: 50 }] }, { columns: [{ field: 'x', width: 51 }] })).toBe(false);
  });

  it("puts a saved filter back into the builder's conditions, which build the same filter", () => {
    const saved: FilterNode = {
      or: [
        { field: 'level', op: 'in', value: ['gold', 'diamond'] },
        { field: 'spend', op: 'between', value: [100, 500] },
        { field: 'visit', op: 'is_empty', value: false },
        { field: 'name', op: 'is_empty' },
      ],
    };
    const editable = conditionsOf(saved)!;
    expect(editable.match).toBe('or');
    expect(editable.conditions.map((c) => c.op)).toEqual(['in', 'between', 'not_empty', 'is_empty']);
    const fieldOf = (key: string) => FIELDS.find((f) => f.key === key);
    expect(buildFilter(editable.match, editable.conditions, fieldOf)).toEqual({ filter: saved, incomplete: [] });
    expect(conditionsOf({ field: 'name', op: 'eq', value: 'x' })).toMatchObject({ match: 'and', conditions: [{ field: 'name', op: 'eq', value: 'x' }] });
    // more structure than the builder has: not shown as conditions, but counted
    const nested: FilterNode = { and: [{ or: [{ field: 'name', op: 'eq', value: 'a' }, { field: 'name', op: 'eq', value: 'b' }] }, { not: { field: 'spend', op: 'gt', value: 1 } }] };
    expect(conditionsOf(nested)).toBeNull();
    expect(countConditions(nested)).toBe(3);
    expect(countConditions(null)).toBe(0);
  });

  it('narrows a filter by one more condition', () => {
    const clause = { field: 'level', op: 'eq', value: 'gold' };
    expect(andWith(null, clause)).toEqual({ and: [clause] });
    expect(andWith(filter, clause)).toEqual({ and: [filter, clause] });
  });
});

describe('new view form', () => {
  const grid = { columns: [{ field: 'name' }], filter: { and: [{ field: 'spend', op: 'gt', value: 5000 }] }, sort: '-spend' };

  it('saves a grid as it is, and gives a board or a calendar its fields and the grid filter', () => {
    expect(buildNewView({ name: ' 大客户 ', kind: 'grid' }, grid, 3)).toEqual({ name: '大客户', kind: 'grid', config: grid, position: 3 });
    expect(buildNewView({ name: '看板', kind: 'kanban', groupBy: 'level', cardFields: ['name', 'spend'], shared: true }, grid, 0)).toEqual({
      name: '看板',
      kind: 'kanban',
      position: 0,
      shared: true,
      config: { groupBy: 'level', cardFields: ['name', 'spend'], filter: grid.filter, sort: '-spend' },
    });
    expect(buildNewView({ name: '日历', kind: 'calendar', dateField: 'visit', cardFields: ['name'] }, { columns: [] }, 1)).toEqual({
      name: '日历',
      kind: 'calendar',
      position: 1,
      config: { dateField: 'visit' },
    });
  });

  it("puts the server's problems under the form's fields, the rest on top", () => {
    const refused = new ApiError(
      {
        status: 400,
        detail: '有 3 个字段不合法',
        errors: [
          { field: 'config.groupBy', code: 'view.groupBy', message: '看板要按一个单选字段分组。' },
          { field: 'config.cardFields[1]', code: 'form.value.unknownField', message: '表单中没有这个字段。' },
          { field: 'config.filter', code: 'form.filter.op', message: '这个字段不能用“gt”比较。' },
        ],
      },
      'x',
    );
    const problems = viewFormProblems(refused, t);
    expect(problems.fields).toEqual({ groupBy: ['看板要按一个单选字段分组。'], cardFields: ['表单中没有这个字段。'] });
    expect(problems.message).toBe('有 3 个字段不合法 这个字段不能用“gt”比较。');
    const forbidden = new ApiError({ status: 403, detail: '你没有权限执行这个操作' }, 'x');
    expect(viewFormProblems(forbidden, t)).toEqual({ fields: {}, message: '你没有权限执行这个操作' });
    expect(problemText(new Error('boom'), t)).toBe('errors.unexpected');
  });
});

describe('view settings form', () => {
  const base = { id: 'v1', shared: false, editable: true, position: 0, version: 3, updatedAt: '2026-11-01T00:00:00Z' };
  const filter: FilterNode = { and: [{ field: 'spend', op: 'gt', value: 100 }] };
  const board: SavedView = { ...base, name: '看板', kind: 'kanban', config: { groupBy: 'level', cardFields: ['name', 'spend'], filter, sort: '-spend' } };
  const calendar: SavedView = { ...base, name: '日历', kind: 'calendar', config: { dateField: 'visit', titleField: 'name', filter } };

  it('offers single-select fields to group by, date fields for a calendar, and every field for cards and titles', () => {
    expect(fieldChoices(FIELDS)).toEqual({
      groupable: [{ value: 'level', label: '等级' }],
      dated: [
        { value: 'visit', label: '回访日' },
        { value: 'meetAt', label: '会面' },
      ],
      all: FIELDS.map((f) => ({ value: f.key, label: f.label })),
    });
  });

  it('starts from the view as saved, without the fields the form no longer has', () => {
    expect(settingsValuesOf(board, FIELDS)).toEqual({ name: '看板', kind: 'kanban', groupBy: 'level', cardFields: ['name', 'spend'] });
    expect(settingsValuesOf(calendar, FIELDS)).toEqual({ name: '日历', kind: 'calendar', dateField: 'visit', titleField: 'name' });
    expect(settingsValuesOf({ ...base, name: '表格', kind: 'grid', config: { sort: 'name' } }, FIELDS)).toEqual({ name: '表格', kind: 'grid' });
    // grouped by a field that is no longer a single select, a card field and a title that are gone: chosen again
    const stale: SavedView = { ...board, config: { groupBy: 'name', cardFields: ['gone', 'spend'] } };
    expect(settingsValuesOf(stale, FIELDS)).toMatchObject({ groupBy: undefined, cardFields: ['spend'] });
    expect(settingsValuesOf({ ...calendar, config: { dateField: 'spend', titleField: 'gone' } }, FIELDS)).toMatchObject({ dateField: undefined, titleField: undefined });
  });

  it("saves the name and the fields chosen, keeping the rest of the view's config", () => {
    expect(buildViewChanges(board, { name: ' 阶段看板 ', kind: 'kanban', groupBy: 'stage', cardFields: ['spend'] })).toEqual({
      name: '阶段看板',
      config: { groupBy: 'stage', cardFields: ['spend'], filter, sort: '-spend' },
    });
    // no card fields, no title: left out, as a new view leaves them out
    expect(buildViewChanges(board, { name: '看板', kind: 'kanban', groupBy: 'level', cardFields: [] })).toEqual({ name: '看板', config: { groupBy: 'level', filter, sort: '-spend' } });
    expect(buildViewChanges(calendar, { name: '日历', kind: 'calendar', dateField: 'meetAt' })).toEqual({ name: '日历', config: { dateField: 'meetAt', filter } });
    expect(buildViewChanges(calendar, { name: '日历', kind: 'calendar', dateField: 'meetAt', titleField: 'spend' }).config).toEqual({ dateField: 'meetAt', titleField: 'spend', filter });
    // a grid: its name only, its columns, filter and sort are saved from the grid
    expect(buildViewChanges({ ...base, name: '表格', kind: 'grid', config: { sort: 'name' } }, { name: '大客户', kind: 'grid' })).toEqual({ name: '大客户' });
  });

  it('puts a problem of a field the form does not show on top', () => {
    const refused = new ApiError(
      {
        status: 400,
        detail: '有 2 个字段不合法',
        errors: [
          { field: 'config.groupBy', code: 'view.groupBy', message: '看板要按一个单选字段分组。' },
          { field: 'config.dateField', code: 'view.dateField', message: '日历要按一个日期字段排列。' },
        ],
      },
      'x',
    );
    expect(viewFormProblems(refused, t, ['name', 'groupBy', 'cardFields'])).toEqual({
      fields: { groupBy: ['看板要按一个单选字段分组。'] },
      message: '有 2 个字段不合法 日历要按一个日期字段排列。',
    });
  });
});

describe('kanban', () => {
  const level = FIELDS[1];

  it('has a column per choice, in the choices order, then one for no value', () => {
    expect(boardColumns(level)).toEqual([
      { value: 'gold', key: 'gold', label: '金卡', color: 'gold' },
      { value: 'diamond', key: 'diamond', label: '钻石', color: undefined },
      { value: 'silver', key: 'silver', label: 'silver', color: undefined },
      { value: null, key: 'none' },
    ]);
  });

  it("asks each column's records with the view's filter and sort, 50 at a time", () => {
    const filter: FilterNode = { and: [{ field: 'spend', op: 'gt', value: 100 }] };
    expect(columnQuery({ groupBy: 'level', filter, sort: '-spend' }, level, 'gold')).toEqual({
      filter: { and: [filter, { field: 'level', op: 'eq', value: 'gold' }] },
      sort: '-spend',
      limit: 50,
    });
    // the last column also holds values that are no choice any more (an option removed since): no record is lost
    expect(columnQuery({ groupBy: 'level' }, level, null)).toEqual({
      filter: { and: [{ or: [{ field: 'level', op: 'is_empty' }, { not: { field: 'level', op: 'in', value: ['gold', 'diamond', 'silver'] } }] }] },
      sort: DEFAULT_SORT,
      limit: 50,
    });
  });

  it('titles a card by the first card field, else by the first text field', () => {
    expect(cardLayout({ groupBy: 'level', cardFields: ['spend', 'gone', 'visit'] }, FIELDS)).toEqual({ title: FIELDS[2], details: [FIELDS[3]] });
    expect(cardLayout({ groupBy: 'level' }, FIELDS)).toEqual({ title: FIELDS[0], details: [] });
  });

  it('shows a moved card in its new column only, and counts it there', () => {
    const a = record('a', { level: 'gold' });
    const b = record('b', { level: 'gold' });
    const c = record('c', { level: 'diamond' });
    const moves = new Map<string, CardMove>([['a', { record: { ...a, data: { level: 'diamond' } }, to: 'diamond' }]]);
    expect(placeCards('gold', [a, b], moves).map((r) => r.id)).toEqual(['b']);
    expect(placeCards('diamond', [c], moves).map((r) => [r.id, r.data.level])).toEqual([
      ['a', 'diamond'],
      ['c', 'diamond'],
    ]);
    expect(columnCount('gold', 2, [a, b], moves)).toBe(1);
    expect(columnCount('diamond', 1, [c], moves)).toBe(2);
    // read again before the move is settled: still once, still counted once
    const again = { ...a, data: { level: 'diamond' } };
    expect(placeCards('diamond', [again, c], moves).map((r) => r.id)).toEqual(['a', 'c']);
    expect(columnCount('diamond', 2, [again, c], moves)).toBe(2);
    expect(columnCount('gold', 1, [b], moves)).toBe(1);
    // no moves: the server's
    expect(placeCards('gold', [a, b], new Map())).toEqual([a, b]);
  });
});

describe('calendar', () => {
  inTimeZone('Asia/Shanghai'); // UTC+8 all year: the instants below are fixed
  const visit = FIELDS[3];
  const meetAt = FIELDS[4];

  it('asks for a date field between the first and the last day of the month', () => {
    const month = dayjs('2026-02-14');
    expect(monthRange(visit, month)).toEqual(['2026-02-01', '2026-02-28']);
    expect(calendarQuery({ dateField: 'visit' }, visit, month)).toEqual({
      filter: { and: [{ field: 'visit', op: 'between', value: ['2026-02-01', '2026-02-28'] }] },
      sort: 'visit',
      limit: 500,
    });
  });

  it("asks for a datetime field between the instants of the month's local midnights, with the view's filter", () => {
    const filter: FilterNode = { and: [{ field: 'level', op: 'eq', value: 'gold' }] };
    expect(calendarQuery({ dateField: 'meetAt', filter }, meetAt, dayjs('2026-11-20T10:00:00'))).toEqual({
      filter: { and: [filter, { field: 'meetAt', op: 'between', value: ['2026-10-31T16:00:00.000Z', '2026-11-30T15:59:59.999Z'] }] },
      sort: 'meetAt',
      limit: 500,
    });
  });

  it('puts each record on its day (a datetime on the local day)', () => {
    expect(dayOf(visit, '2026-11-03')).toBe('2026-11-03');
    expect(dayOf(meetAt, '2026-11-02T17:30:00Z')).toBe('2026-11-03'); // 01:30 in Shanghai
    expect(dayOf(meetAt, 'nonsense')).toBeNull();
    expect(dayOf(visit, null)).toBeNull();
    const days = recordsByDay([record('a', { meetAt: '2026-11-02T17:30:00Z' }), record('b', { meetAt: '2026-11-03T01:00:00Z' }), record('c', {})], meetAt);
    expect([...days.entries()].map(([d, rs]) => [d, rs.map((r) => r.id)])).toEqual([['2026-11-03', ['a', 'b']]]);
  });
});
