// @vitest-environment jsdom
/**
 * Saved views on the records page against an in-memory fake of the form engine (records and views),
 * with the data-testids the browser journey uses: a grid view applied to the list and saved back
 * (If-Match) or as a new view, the view in the URL, the new-view modal and its refusals, a view's
 * menu (settings, share and stop sharing on the same view, delete; share only for app managers), a
 * kanban board (columns, counts, load more, a card dragged with its PATCH and its rollback, grouped by
 * another field from its settings) and a calendar (its date field changed in its settings).
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { installDomShims, json } from '../../../testing/dom';
import { inTimeZone } from '../../../testing/timeZone';
import { RecordsPage, type RecordsPageProps } from '../index';
import { recordsI18n } from '../testing';
import type { FieldDefinition, FormRecord } from '../types';
import type { SavedView } from './types';

const BASE = '/api/v1/workspaces/w1/apps/a1/forms/f1';

const FIELDS: FieldDefinition[] = [
  { key: 'name', label: '姓名', type: 'text' },
  {
    key: 'city',
    label: '城市',
    type: 'select',
    options: {
      choices: [
        { value: 'hz', label: '杭州', color: 'blue' },
        { value: 'sh', label: '上海' },
      ],
    },
  },
  { key: 'spend', label: '消费', type: 'money' },
  { key: 'visit', label: '回访日', type: 'date' },
  { key: 'meetAt', label: '会面', type: 'datetime' },
];

interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

type Node = { and?: Node[]; or?: Node[]; not?: Node; field?: string; op?: string; value?: unknown };

const empty = (v: unknown) => v === null || v === undefined || v === '';
const comparable = (v: unknown) => (typeof v === 'string' && v.includes('T') ? Date.parse(v) : typeof v === 'number' ? v : String(v));

/** The filter language as far as these tests use it. */
function matches(r: FormRecord, f: Node): boolean {
  if (f.and) return f.and.every((x) => matches(r, x));
  if (f.or) return f.or.some((x) => matches(r, x));
  if (f.not) return !matches(r, f.not);
  const v = r.data[f.field!];
  switch (f.op) {
    case 'eq':
      return v === f.value;
    case 'in':
      return (f.value as unknown[]).includes(v);
    case 'gt':
      return !empty(v) && Number(v) > Number(f.value);
    case 'is_empty':
      return f.value === false ? !empty(v) : empty(v);
    case 'between': {
      const [from, to] = f.value as unknown[];
      return !empty(v) && comparable(v) >= comparable(from) && comparable(v) <= comparable(to);
    }
    default:
      throw new Error(`op ${f.op}`);
  }
}

class FakeApi {
  fields = FIELDS;
  records: FormRecord[] = [];
  views: SavedView[] = [];
  calls: Call[] = [];
  /** the next PATCH of a record is refused so */
  refusePatch: { status: number; body: unknown } | null = null;
  /** PATCHes wait for this before they answer */
  holdPatch: Promise<void> | null = null;
  /** the next POST of a view is refused so */
  refuseView: { status: number; body: unknown } | null = null;
  /** the next PUT of a view is refused so */
  refuseUpdate: { status: number; body: unknown } | null = null;
  /** every list page says there is more */
  alwaysMore = false;
  private seq = 0;

  add(data: Record<string, unknown>, version = 1): FormRecord {
    this.seq += 1;
    const at = `2026-10-${String(1 + (this.seq % 28)).padStart(2, '0')}T02:00:${String(this.seq % 60).padStart(2, '0')}.000Z`;
    const r: FormRecord = { id: `00000000-0000-4000-8000-${String(this.seq).padStart(12, '0')}`, formVersion: 1, version, data, createdBy: 'u1', createdAt: at, updatedBy: 'u1', updatedAt: at };
    this.records.push(r);
    return r;
  }

  view(v: Pick<SavedView, 'name' | 'kind' | 'config'> & Partial<SavedView>): SavedView {
    const n = this.views.length + 1;
    const view = { id: `v${n}`, shared: false, editable: true, position: n - 1, version: 1, updatedAt: '2026-11-01T00:00:00Z', ...v } as SavedView;
    this.views.push(view);
    return view;
  }

  handle = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    this.calls.push({ method, path: url.pathname, query: url.searchParams, headers, body });
    const path = url.pathname;

    if (path === BASE) return json(200, { id: 'f1', key: 'customers', name: '客户', draftVersion: 2, publishedVersion: 2, changedSincePublish: false, fields: this.fields });
    if (path === `${BASE}/published`) return json(200, { id: 'f1', key: 'customers', name: '客户', fields: this.fields, version: 2 });
    if (path === '/api/v1/workspaces/w1/members') return json(200, []);
    if (path === `${BASE}/views` && method === 'GET') return json(200, this.views);
    if (path === `${BASE}/views` && method === 'POST') {
      if (this.refuseView) {
        const refusal = this.refuseView;
        this.refuseView = null;
        return json(refusal.status, refusal.body);
      }
      const created = this.view({ ...(body as unknown as SavedView), shared: !!body.shared, id: `v${this.views.length + 1}` });
      return json(201, created, { ETag: '"1"' });
    }
    const v = /\/views\/([^/]+)$/.exec(path);
    if (v) {
      const i = this.views.findIndex((x) => x.id === v[1]);
      if (i < 0) return json(404, { status: 404, detail: '视图不存在' });
      if (method === 'DELETE') {
        this.views.splice(i, 1);
        return json(204);
      }
      const cur = this.views[i];
      if (headers['If-Match'] && headers['If-Match'] !== `"${cur.version}"`) return json(412, { status: 412, detail: '视图已被其他人修改' });
      if (this.refuseUpdate) {
        const refusal = this.refuseUpdate;
        this.refuseUpdate = null;
        return json(refusal.status, refusal.body);
      }
      this.views[i] = { ...cur, ...body, version: cur.version + 1 } as SavedView;
      return json(200, this.views[i], { ETag: `"${cur.version + 1}"` });
    }
    if (path === `${BASE}/records` && method === 'GET') return this.list(url.searchParams);
    const m = /\/records\/([^/]+)(\/history)?$/.exec(path);
    const i = m ? this.records.findIndex((r) => r.id === m[1]) : -1;
    if (!m || i < 0) return json(404, { status: 404, detail: `no route ${method} ${path}` });
    if (m[2]) return json(200, []);
    const cur = this.records[i];
    if (method === 'GET') return json(200, cur, { ETag: `"${cur.version}"` });
    if (method === 'PATCH') {
      if (this.holdPatch) await this.holdPatch;
      if (this.refusePatch) {
        const refusal = this.refusePatch;
        this.refusePatch = null;
        return json(refusal.status, refusal.body);
      }
      if (headers['If-Match'] !== `"${cur.version}"`) return json(412, { status: 412, detail: '数据已被修改' });
      this.records[i] = { ...cur, version: cur.version + 1, data: { ...cur.data, ...body } };
      return json(200, this.records[i], { ETag: `"${cur.version + 1}"` });
    }
    return json(405, { status: 405 });
  };

  list(q: URLSearchParams): Response {
    const filter = q.get('filter') ? (JSON.parse(q.get('filter')!) as Node) : null;
    let items = this.records.filter((r) => !filter || matches(r, filter));
    const sort = q.get('sort') ?? '-createdAt';
    const key = sort.replace(/^[-+]/, '');
    const dir = sort.startsWith('-') ? -1 : 1;
    const val = (r: FormRecord) => (key === 'createdAt' ? r.createdAt : (r.data[key] as string | number | undefined)) ?? '';
    items = [...items].sort((a, b) => (val(a) < val(b) ? -dir : val(a) > val(b) ? dir : 0));
    const limit = Number(q.get('limit') ?? 20);
    const offset = Number(q.get('cursor') ?? 0);
    const page = items.slice(offset, offset + limit);
    const nextCursor = this.alwaysMore || offset + limit < items.length ? String(offset + limit) : null;
    return json(200, { items: page, nextCursor, ...(q.get('cursor') ? {} : { total: { value: items.length, exact: true } }) });
  }

  lists(): Call[] {
    return this.calls.filter((c) => c.method === 'GET' && c.path === `${BASE}/records`);
  }

  lastList(): Call {
    return this.lists().at(-1)!;
  }
}

let api: FakeApi;

function renderPage(props: Partial<RecordsPageProps> = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } } });
  return render(
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <QueryClientProvider client={client}>
          <RecordsPage workspaceId="w1" appId="a1" formId="f1" canCreate canEdit canDelete {...props} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>,
  );
}

const byId = (id: string) => screen.getByTestId(id);
const filterOf = (c: Call) => (c.query.get('filter') ? JSON.parse(c.query.get('filter')!) : null);
const headers = () => within(byId('records-table')).getAllByRole('columnheader').map((h) => h.textContent);
const rowNames = () => screen.queryAllByTestId('record-row').map((r) => r.querySelector('td')?.textContent);
const activeTab = () => document.querySelector('.ant-tabs-tab-active [data-testid^="view-tab-"]')?.getAttribute('data-testid');
const cardsIn = (column: string) => within(byId(`kanban-column-${column}`)).queryAllByTestId(/^kanban-card-/).map((c) => c.getAttribute('data-testid')!.slice('kanban-card-'.length));
const openDropdowns = () => [...document.querySelectorAll('.ant-select-dropdown')].filter((d) => !d.classList.contains('ant-select-dropdown-hidden'));

/** Opens the select inside `scope` and hands back the titles of its options. */
async function optionTitles(scope: HTMLElement): Promise<string[]> {
  fireEvent.mouseDown(within(scope).getByRole('combobox'));
  return waitFor(() => {
    const open = openDropdowns();
    if (open.length !== 1) throw new Error(`${open.length} dropdowns open`);
    const options = [...open[0].querySelectorAll('.ant-select-item-option')];
    if (options.length === 0) throw new Error('no options yet');
    return options.map((o) => o.getAttribute('title') ?? '');
  });
}

/** jsdom has no layout: the board's columns side by side, 300px apart, 800px high. */
function layOutBoard() {
  return vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const column = this.closest('[data-testid^="kanban-column-"]');
    if (!column?.parentElement) return new DOMRect(0, 0, 0, 0);
    const i = [...column.parentElement.children].indexOf(column);
    if (this === column) return new DOMRect(i * 300, 0, 280, 800);
    return new DOMRect(i * 300 + 10, 40, 260, 80);
  });
}

/** A card dragged by the pointer into the column at `x` (the drag starts once it moved 5px). */
function drag(card: HTMLElement, x: number) {
  fireEvent.pointerDown(card, { clientX: 20, clientY: 60, button: 0, isPrimary: true });
  fireEvent.pointerMove(card, { clientX: 40, clientY: 60 });
  fireEvent.pointerMove(card, { clientX: x, clientY: 60 });
  fireEvent.pointerUp(card, { clientX: x, clientY: 60 });
}

beforeAll(async () => {
  installDomShims();
  await recordsI18n('zh-CN');
});

beforeEach(() => {
  api = new FakeApi();
  vi.stubGlobal('fetch', vi.fn(api.handle));
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const HZ_FILTER = { and: [{ field: 'city', op: 'eq', value: 'hz' }] };

describe('grid views (jsdom, fake API)', { timeout: 90_000 }, () => {
  it("applies a grid view's columns, widths, filter and sort, and saves changes with If-Match or as a new view", async () => {
    api.add({ name: '王五', city: 'hz', spend: 300 });
    api.add({ name: '赵六', city: 'sh', spend: 80 });
    api.add({ name: '张三', city: 'hz', spend: 1200 });
    api.view({ name: '杭州大客户', kind: 'grid', version: 3, config: { columns: [{ field: 'spend', width: 200 }, { field: 'name' }], filter: HZ_FILTER, sort: '-spend' } });
    renderPage();

    // all records first: the default grid, every field
    await waitFor(() => expect(rowNames()).toHaveLength(3));
    expect(activeTab()).toBe('view-tab-all');
    expect(filterOf(api.lastList())).toBeNull();

    fireEvent.click(await screen.findByTestId('view-tab-v1'));
    await waitFor(() => expect(rowNames()).toEqual(['¥1,200.00', '¥300.00']));
    expect(filterOf(api.lastList())).toEqual(HZ_FILTER);
    expect(api.lastList().query.get('sort')).toBe('-spend');
    expect(headers()).toEqual(['消费', '姓名', '创建时间']);
    // the column's width, and the filter's condition in the builder
    expect(byId('records-table').querySelector('col')?.getAttribute('style')).toContain('width: 200px');
    expect(screen.getAllByTestId('records-filter-condition')).toHaveLength(1);
    expect(byId('records-filter-active').textContent).toContain('1');
    // unchanged: nothing to save
    expect(screen.queryByTestId('view-save')).toBeNull();
    expect(screen.queryByTestId('view-save-as')).toBeNull();

    // sorted by 姓名 instead: 保存 writes the view with the version it was read at
    fireEvent.click(within(byId('records-table')).getAllByRole('columnheader').find((h) => h.textContent === '姓名')!);
    await waitFor(() => expect(api.lastList().query.get('sort')).toBe('name'));
    fireEvent.click(await screen.findByTestId('view-save'));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = api.calls.find((c) => c.method === 'PUT')!;
    expect(put.path).toBe(`${BASE}/views/v1`);
    expect(put.headers['If-Match']).toBe('"3"');
    expect(put.body).toEqual({ config: { columns: [{ field: 'spend', width: 200 }, { field: 'name' }], filter: HZ_FILTER, sort: 'name' } });
    await waitFor(() => expect(screen.queryByTestId('view-save')).toBeNull());

    // a column made wider by its handle, then 另存为: a new view with the width, shown at once
    fireEvent.pointerDown(byId('records-resize-name'), { clientX: 100, button: 0 });
    fireEvent.pointerMove(window, { clientX: 150 });
    fireEvent.pointerUp(window, { clientX: 150 });
    await screen.findByTestId('view-save');
    fireEvent.click(byId('view-save-as'));
    await waitFor(() => expect((byId('view-name') as HTMLInputElement).value).toBe('杭州大客户 副本'));
    expect(screen.queryByTestId('view-kind')).toBeNull(); // a grid, as it is
    fireEvent.click(byId('view-submit'));
    await waitFor(() => expect(activeTab()).toBe('view-tab-v2'));
    const post = api.calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({
      name: '杭州大客户 副本',
      kind: 'grid',
      position: 1,
      config: { columns: [{ field: 'spend', width: 200 }, { field: 'name', width: 210 }], filter: HZ_FILTER, sort: 'name' },
    });
    expect(screen.queryByTestId('view-save')).toBeNull(); // the new view is what the grid shows
  });

  it('keeps the view in the URL: a link opens the view at once, the tabs change it', async () => {
    api.add({ name: '王五', city: 'hz' });
    api.add({ name: '赵六', city: 'sh' });
    api.view({ name: '杭州', kind: 'grid', config: { filter: HZ_FILTER } });
    const onViewChange = vi.fn();
    const page = renderPage({ viewId: 'v1', onViewChange });
    await waitFor(() => expect(rowNames()).toEqual(['王五']));
    // not all records first and the view after: the first request is the view's
    expect(api.lists().map(filterOf)).toEqual([HZ_FILTER]);
    expect(activeTab()).toBe('view-tab-v1');
    fireEvent.click(byId('view-tab-all'));
    expect(onViewChange).toHaveBeenLastCalledWith(null);

    // a link to a view that is gone: said so, and all records shown
    page.unmount();
    renderPage({ viewId: 'gone', onViewChange });
    await screen.findByTestId('view-missing');
    await waitFor(() => expect(rowNames()).toHaveLength(2));
    fireEvent.click(within(byId('view-missing')).getByRole('button'));
    expect(onViewChange).toHaveBeenLastCalledWith(null);
  });

  it('saves all records as a view; a refused share shows the server detail', async () => {
    api.add({ name: '王五', spend: 300 });
    renderPage({ canShareViews: true });
    await waitFor(() => expect(rowNames()).toEqual(['王五']));
    fireEvent.click(within(byId('records-table')).getAllByRole('columnheader').find((h) => h.textContent === '消费')!);
    await waitFor(() => expect(api.lastList().query.get('sort')).toBe('spend'));

    fireEvent.click(byId('view-save-as'));
    fireEvent.change(await screen.findByTestId('view-name'), { target: { value: '按消费' } });
    fireEvent.click(byId('view-shared'));
    api.refuseView = { status: 403, body: { status: 403, detail: '只有应用管理员可以共享视图' } };
    fireEvent.click(byId('view-submit'));
    expect((await screen.findByTestId('view-error')).textContent).toContain('只有应用管理员可以共享视图');
    expect(api.calls.find((c) => c.method === 'POST')!.body.shared).toBe(true);

    fireEvent.click(byId('view-shared'));
    fireEvent.click(byId('view-submit'));
    await waitFor(() => expect(activeTab()).toBe('view-tab-v1'));
    const post = api.calls.filter((c) => c.method === 'POST').at(-1)!;
    expect(post.body).toEqual({ name: '按消费', kind: 'grid', position: 0, config: { columns: FIELDS.map((f) => ({ field: f.key })), sort: 'spend' } });
  });

  it("changes a view's settings, shares it and stops sharing it (the same view), and deletes it from its menu; a shared view of others has none", async () => {
    api.view({ name: '共享的', kind: 'grid', config: {}, shared: true, editable: false });
    api.view({ name: '我的', kind: 'grid', config: { sort: '-spend' }, version: 4 });
    renderPage({ canShareViews: true });
    fireEvent.click(await screen.findByTestId('view-tab-v1'));
    await waitFor(() => expect(activeTab()).toBe('view-tab-v1'));
    expect(screen.queryByTestId('view-menu-v1')).toBeNull();

    // a grid's settings: its name only (columns, filter and sort are saved from the grid)
    fireEvent.click(byId('view-tab-v2'));
    fireEvent.click(await screen.findByTestId('view-menu-v2'));
    fireEvent.click(await screen.findByTestId('view-settings'));
    const input = await screen.findByTestId('view-settings-name');
    await waitFor(() => expect((input as HTMLInputElement).value).toBe('我的'));
    expect(byId('view-settings-grid-hint')).toBeTruthy();
    expect(screen.queryByTestId('view-groupby')).toBeNull();
    fireEvent.change(input, { target: { value: '我的客户' } });
    fireEvent.click(byId('view-settings-ok'));
    await waitFor(() => expect(byId('view-tab-v2').textContent).toContain('我的客户'));
    const put = api.calls.find((c) => c.method === 'PUT')!;
    expect(put.path).toBe(`${BASE}/views/v2`);
    expect(put.body).toEqual({ name: '我的客户' });
    expect(put.headers['If-Match']).toBe('"4"');

    // shared: the same view, no copy; the tab stays
    fireEvent.click(byId('view-menu-v2'));
    expect(screen.queryByTestId('view-unshare')).toBeNull();
    fireEvent.click(await screen.findByTestId('view-share'));
    await waitFor(() => expect(byId('view-tab-v2').getAttribute('data-shared')).toBe('true'));
    const share = api.calls.filter((c) => c.method === 'PUT').at(-1)!;
    expect(share.path).toBe(`${BASE}/views/v2`);
    expect(share.body).toEqual({ shared: true });
    expect(share.headers['If-Match']).toBe('"5"');
    expect(api.calls.some((c) => c.method === 'POST' || c.method === 'DELETE')).toBe(false);
    expect(await screen.findByText('视图“我的客户”已共享给所有人')).toBeTruthy();
    expect(activeTab()).toBe('view-tab-v2');

    // shared, it can be made personal again, after a confirmation that says what that means
    fireEvent.click(byId('view-menu-v2'));
    await waitFor(() => expect(screen.queryByTestId('view-share')).toBeNull());
    fireEvent.click(await screen.findByTestId('view-unshare'));
    expect(await screen.findByText('其他人将不再看到这个视图，它会成为只有你自己能看到的个人视图。')).toBeTruthy();
    fireEvent.click(await screen.findByTestId('view-unshare-ok'));
    await waitFor(() => expect(byId('view-tab-v2').getAttribute('data-shared')).toBe('false'));
    const unshare = api.calls.filter((c) => c.method === 'PUT').at(-1)!;
    expect(unshare.path).toBe(`${BASE}/views/v2`);
    expect(unshare.body).toEqual({ shared: false });
    expect(unshare.headers['If-Match']).toBe('"6"');
    expect(await screen.findByText('视图“我的客户”已取消共享，现在只有你能看到')).toBeTruthy();
    expect(api.views.find((v) => v.id === 'v2')).toMatchObject({ shared: false, config: { sort: '-spend' } });

    fireEvent.click(byId('view-menu-v2'));
    fireEvent.click(await screen.findByTestId('view-delete'));
    fireEvent.click(await screen.findByTestId('view-delete-ok'));
    await waitFor(() => expect(screen.queryByTestId('view-tab-v2')).toBeNull());
    expect(activeTab()).toBe('view-tab-all');
  });

  it('shows a refused share with the server detail, and the view stays personal', async () => {
    api.view({ name: '我的', kind: 'grid', config: {} });
    renderPage({ canShareViews: true, viewId: 'v1', onViewChange: () => undefined });
    fireEvent.click(await screen.findByTestId('view-menu-v1'));
    api.refuseUpdate = { status: 403, body: { status: 403, detail: '只有应用管理员可以共享视图' } };
    fireEvent.click(await screen.findByTestId('view-share'));
    expect(await screen.findByText('只有应用管理员可以共享视图')).toBeTruthy();
    expect(api.calls.filter((c) => c.method === 'PUT').map((c) => c.body)).toEqual([{ shared: true }]);
    expect(byId('view-tab-v1').getAttribute('data-shared')).toBe('false');
  });

  it('offers no share nor stop sharing to those who do not manage the app', async () => {
    api.view({ name: '我的', kind: 'grid', config: {} });
    api.view({ name: '共享的', kind: 'grid', config: {}, shared: true });
    renderPage();
    fireEvent.click(await screen.findByTestId('view-tab-v1'));
    fireEvent.click(await screen.findByTestId('view-menu-v1'));
    await screen.findByTestId('view-settings');
    expect(screen.getByTestId('view-delete')).toBeTruthy();
    expect(screen.queryByTestId('view-share')).toBeNull();
    expect(screen.queryByTestId('view-unshare')).toBeNull();

    fireEvent.click(byId('view-tab-v2'));
    fireEvent.click(await screen.findByTestId('view-menu-v2'));
    await waitFor(() => expect(screen.getAllByTestId('view-settings').length).toBeGreaterThan(0));
    expect(screen.queryByTestId('view-share')).toBeNull();
    expect(screen.queryByTestId('view-unshare')).toBeNull();
  });
});

describe('new view modal (jsdom, fake API)', { timeout: 90_000 }, () => {
  it('offers single-select fields to group by and date fields for a calendar; shows the server problems inline', async () => {
    renderPage();
    fireEvent.click(await screen.findByTestId('view-new'));
    fireEvent.change(await screen.findByTestId('view-name'), { target: { value: '城市看板' } });
    fireEvent.click(within(byId('view-kind')).getByTestId('view-kind-kanban'));
    expect(await optionTitles(await screen.findByTestId('view-groupby'))).toEqual(['城市']);
    fireEvent.click(openDropdowns()[0].querySelector('.ant-select-item-option')!);
    await waitFor(() => expect(openDropdowns()).toHaveLength(0));
    // a multiple select stays open: both picked, then a click beside it closes it
    expect(await optionTitles(byId('view-cardfields'))).toEqual(['姓名', '城市', '消费', '回访日', '会面']);
    for (const title of ['姓名', '消费']) fireEvent.click(openDropdowns()[0].querySelector(`.ant-select-item-option[title="${title}"]`)!);
    fireEvent.mouseDown(document.body);
    await waitFor(() => expect(openDropdowns()).toHaveLength(0));

    fireEvent.click(within(byId('view-kind')).getByTestId('view-kind-calendar'));
    expect(await optionTitles(await screen.findByTestId('view-datefield'))).toEqual(['回访日', '会面']);
    fireEvent.click(openDropdowns()[0].querySelector('.ant-select-item-option')!);
    await waitFor(() => expect(openDropdowns()).toHaveLength(0));

    // back to the board (its fields kept): refused once, the message lands under its field
    fireEvent.click(within(byId('view-kind')).getByTestId('view-kind-kanban'));
    await screen.findByTestId('view-groupby'); // the kind is watched: its fields follow a moment later
    api.refuseView = {
      status: 400,
      body: { status: 400, detail: '有 1 个字段不合法', errors: [{ field: 'config.groupBy', code: 'view.groupBy', message: '看板要按一个单选字段分组。' }] },
    };
    fireEvent.click(byId('view-submit'));
    await waitFor(() => expect(byId('view-groupby').closest('.ant-form-item')!.textContent).toContain('看板要按一个单选字段分组。'));
    expect(screen.queryByTestId('view-error')).toBeNull(); // the field says it all

    fireEvent.click(byId('view-submit'));
    await screen.findByTestId('kanban-board');
    expect(api.calls.filter((c) => c.method === 'POST').at(-1)!.body).toEqual({ name: '城市看板', kind: 'kanban', position: 0, config: { groupBy: 'city', cardFields: ['name', 'spend'] } });
    expect(activeTab()).toBe('view-tab-v1');
  });

  it('explains when the form has no single-select field to group by', async () => {
    api.fields = FIELDS.filter((f) => f.type !== 'select');
    renderPage();
    fireEvent.click(await screen.findByTestId('view-new'));
    fireEvent.click(within(await screen.findByTestId('view-kind')).getByTestId('view-kind-kanban'));
    expect((await screen.findByTestId('view-groupby-none')).textContent).toContain('没有单选字段');
  });
});

describe('kanban views (jsdom, fake API)', { timeout: 90_000 }, () => {
  const SPENDING = { and: [{ field: 'spend', op: 'gt', value: 0 }] };

  it('has a column per choice and one without, each with its count, cards as the grid formats them, and more on demand', async () => {
    for (let i = 1; i <= 55; i++) api.add({ name: `客户${String(i).padStart(2, '0')}`, city: 'hz', spend: i });
    const shanghai = api.add({ name: '上海客户', city: 'sh', spend: 1200.5 });
    api.add({ name: '无城市', spend: 9 });
    api.add({ name: '不消费', city: 'sh', spend: 0 });
    api.view({ name: '城市看板', kind: 'kanban', config: { groupBy: 'city', cardFields: ['name', 'spend'], filter: SPENDING, sort: '-spend' } });
    renderPage();
    fireEvent.click(await screen.findByTestId('view-tab-v1'));

    const board = await screen.findByTestId('kanban-board');
    expect([...board.children].map((c) => c.getAttribute('data-testid'))).toEqual(['kanban-column-hz', 'kanban-column-sh', 'kanban-column-none']);
    expect(byId('kanban-column-hz').textContent).toContain('杭州');
    expect(byId('kanban-column-none').textContent).toContain('未分组');
    await waitFor(() => expect(byId('kanban-count-hz').textContent).toBe('55 条'));
    await waitFor(() => expect(byId('kanban-count-sh').textContent).toBe('1 条'));
    expect(byId('kanban-count-none').textContent).toBe('1 条');

    // each column: the view's filter and sort and its choice (or none), 50 at a time
    const asked = api.lists().map((c) => [filterOf(c), c.query.get('sort'), c.query.get('limit')]);
    expect(asked).toContainEqual([{ and: [SPENDING, { field: 'city', op: 'eq', value: 'hz' }] }, '-spend', '50']);
    expect(asked).toContainEqual([{ and: [SPENDING, { or: [{ field: 'city', op: 'is_empty' }, { not: { field: 'city', op: 'in', value: ['hz', 'sh'] } }] }] }, '-spend', '50']);

    const card = byId(`kanban-card-${shanghai.id}`);
    expect(within(card).getByTestId('kanban-title').textContent).toBe('上海客户');
    expect(card.textContent).toContain('消费');
    expect(card.textContent).toContain('¥1,200.50');

    expect(cardsIn('hz')).toHaveLength(50);
    fireEvent.click(byId('kanban-more-hz'));
    await waitFor(() => expect(cardsIn('hz')).toHaveLength(55));
    expect(api.lastList().query.get('cursor')).toBe('50');
    expect(screen.queryByTestId('kanban-more-hz')).toBeNull();

    fireEvent.click(card);
    expect((await screen.findByTestId('record-drawer')).getAttribute('data-record-id')).toBe(shanghai.id);
  });

  it("moves a dragged card at once, PATCHes its group field with If-Match, and moves it back when refused", async () => {
    const a = api.add({ name: '甲', city: 'hz' }, 2);
    api.add({ name: '乙', city: 'sh' });
    api.view({ name: '城市看板', kind: 'kanban', config: { groupBy: 'city' } });
    renderPage();
    fireEvent.click(await screen.findByTestId('view-tab-v1'));
    await waitFor(() => expect(cardsIn('hz')).toEqual([a.id]));
    layOutBoard();

    // on its way: already in 上海 while the server has not answered
    let release!: () => void;
    api.holdPatch = new Promise((r) => (release = r));
    drag(byId(`kanban-card-${a.id}`), 320);
    await waitFor(() => expect(cardsIn('sh')).toContain(a.id));
    expect(cardsIn('hz')).toEqual([]);
    expect(byId('kanban-count-sh').textContent).toBe('2 条');
    await waitFor(() => expect(api.calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = api.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.path).toBe(`${BASE}/records/${a.id}`);
    expect(patch.body).toEqual({ city: 'sh' });
    expect(patch.headers['If-Match']).toBe('"2"');
    api.holdPatch = null;
    await act(async () => release());
    await waitFor(() => expect(api.records[0].data.city).toBe('sh'));
    await waitFor(() => expect(cardsIn('sh')).toContain(a.id));

    // refused (someone changed it meanwhile): back where it was, and why
    api.refusePatch = { status: 412, body: { status: 412, detail: '数据已被他人修改，请刷新后重试' } };
    drag(byId(`kanban-card-${a.id}`), 620);
    expect(await screen.findByText(/无法移动：数据已被他人修改，请刷新后重试/)).toBeTruthy();
    await waitFor(() => expect(cardsIn('sh')).toContain(a.id));
    expect(cardsIn('none')).toEqual([]);
    expect(api.calls.filter((c) => c.method === 'PATCH').at(-1)!.body).toEqual({ city: null });
    expect(api.calls.filter((c) => c.method === 'PATCH').at(-1)!.headers['If-Match']).toBe('"3"');
  });

  it('groups by another field from the view settings: PUT with If-Match keeps the filter and sort, a refusal lands under its field', async () => {
    const STAGE: FieldDefinition = { key: 'stage', label: '阶段', type: 'select', options: { choices: [{ value: 'new', label: '新线索' }, { value: 'won', label: '成交' }] } };
    api.fields = [...FIELDS, STAGE];
    const a = api.add({ name: '甲', city: 'hz', stage: 'won', spend: 10 });
    api.view({ name: '城市看板', kind: 'kanban', version: 2, config: { groupBy: 'city', cardFields: ['name', 'gone'], filter: SPENDING, sort: '-spend' } });
    renderPage();
    fireEvent.click(await screen.findByTestId('view-tab-v1'));
    await waitFor(() => expect(cardsIn('hz')).toEqual([a.id]));

    fireEvent.click(byId('view-menu-v1'));
    fireEvent.click(await screen.findByTestId('view-settings'));
    await waitFor(() => expect((byId('view-settings-name') as HTMLInputElement).value).toBe('城市看板'));
    // the fields a new board offers; a card field the form no longer has is not offered back
    expect(await optionTitles(byId('view-groupby'))).toEqual(['城市', '阶段']);
    fireEvent.click(openDropdowns()[0].querySelector('.ant-select-item-option[title="阶段"]')!);
    await waitFor(() => expect(openDropdowns()).toHaveLength(0));
    expect(within(byId('view-cardfields')).getByText('姓名')).toBeTruthy();
    expect(within(byId('view-cardfields')).queryByText('gone')).toBeNull();
    expect(screen.queryByTestId('view-datefield')).toBeNull();
    fireEvent.change(byId('view-settings-name'), { target: { value: '阶段看板' } });

    api.refuseUpdate = {
      status: 400,
      body: { status: 400, detail: '有 1 个字段不合法', errors: [{ field: 'config.groupBy', code: 'view.groupBy', message: '看板要按一个单选字段分组。' }] },
    };
    fireEvent.click(byId('view-settings-ok'));
    await waitFor(() => expect(byId('view-groupby').closest('.ant-form-item')!.textContent).toContain('看板要按一个单选字段分组。'));
    expect(screen.queryByTestId('view-settings-error')).toBeNull(); // the field says it all
    expect(api.views[0].config).toMatchObject({ groupBy: 'city' });

    fireEvent.click(byId('view-settings-ok'));
    // the board follows: a column per stage
    await screen.findByTestId('kanban-column-won');
    await waitFor(() => expect(cardsIn('won')).toEqual([a.id]));
    expect(screen.queryByTestId('kanban-column-hz')).toBeNull();
    expect(byId('view-tab-v1').textContent).toContain('阶段看板');
    const puts = api.calls.filter((c) => c.method === 'PUT');
    expect(puts).toHaveLength(2);
    for (const put of puts) {
      expect(put.path).toBe(`${BASE}/views/v1`);
      expect(put.headers['If-Match']).toBe('"2"');
      expect(put.body).toEqual({ name: '阶段看板', config: { groupBy: 'stage', cardFields: ['name'], filter: SPENDING, sort: '-spend' } });
    }
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
    expect(api.lists().map(filterOf)).toContainEqual({ and: [SPENDING, { field: 'stage', op: 'eq', value: 'new' }] });
  });

  it('does not let a user without edit rights drag cards', async () => {
    const a = api.add({ name: '甲', city: 'hz' });
    api.view({ name: '城市看板', kind: 'kanban', config: { groupBy: 'city' } });
    renderPage({ canEdit: false });
    fireEvent.click(await screen.findByTestId('view-tab-v1'));
    await waitFor(() => expect(cardsIn('hz')).toEqual([a.id]));
    layOutBoard();
    drag(byId(`kanban-card-${a.id}`), 320);
    await new Promise((r) => setTimeout(r, 50));
    expect(cardsIn('hz')).toEqual([a.id]);
    expect(api.calls.some((c) => c.method === 'PATCH')).toBe(false);
  });
});

describe('calendar views (jsdom, fake API)', { timeout: 90_000 }, () => {
  inTimeZone('Asia/Shanghai');
  beforeEach(() => {
    // "today" is in November 2026 (only the clock is fake: timers run as usual)
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-15T04:00:00Z') });
  });

  const dayOfEntry = (id: string) => byId(`calendar-entry-${id}`).closest('td')?.getAttribute('title');

  it("places the month's records on their days, asks month by month, and opens a record", async () => {
    const jia = api.add({ name: '甲', visit: '2026-11-03' });
    const yi = api.add({ name: '乙', visit: '2026-11-30' });
    const bing = api.add({ name: '丙', visit: '2026-12-05' });
    api.view({ name: '回访日历', kind: 'calendar', config: { dateField: 'visit', titleField: 'name' } });
    renderPage();
    fireEvent.click(await screen.findByTestId('view-tab-v1'));

    await screen.findByTestId(`calendar-entry-${jia.id}`);
    expect(byId('calendar-view').getAttribute('data-month')).toBe('2026-11');
    expect(api.lastList().query.get('limit')).toBe('500');
    expect(api.lastList().query.get('sort')).toBe('visit');
    expect(filterOf(api.lastList())).toEqual({ and: [{ field: 'visit', op: 'between', value: ['2026-11-01', '2026-11-30'] }] });
    expect(dayOfEntry(jia.id)).toBe('2026-11-03');
    expect(dayOfEntry(yi.id)).toBe('2026-11-30');
    expect(byId(`calendar-entry-${jia.id}`).textContent).toBe('甲');
    expect(screen.queryByTestId(`calendar-entry-${bing.id}`)).toBeNull();
    expect(screen.queryByTestId('calendar-more')).toBeNull();

    fireEvent.click(byId('calendar-next'));
    await screen.findByTestId(`calendar-entry-${bing.id}`);
    expect(filterOf(api.lastList())).toEqual({ and: [{ field: 'visit', op: 'between', value: ['2026-12-01', '2026-12-31'] }] });
    expect(dayOfEntry(bing.id)).toBe('2026-12-05');

    fireEvent.click(byId(`calendar-entry-${bing.id}`));
    expect((await screen.findByTestId('record-drawer')).getAttribute('data-record-id')).toBe(bing.id);
  });

  it('takes another date field from the view settings, keeping the title field and the filter', async () => {
    const jia = api.add({ name: '甲', city: 'hz', visit: '2026-11-03', meetAt: '2026-11-20T02:00:00.000Z' });
    api.view({ name: '回访日历', kind: 'calendar', version: 7, config: { dateField: 'visit', titleField: 'name', filter: HZ_FILTER } });
    renderPage();
    fireEvent.click(await screen.findByTestId('view-tab-v1'));
    await screen.findByTestId(`calendar-entry-${jia.id}`);
    expect(dayOfEntry(jia.id)).toBe('2026-11-03');

    fireEvent.click(byId('view-menu-v1'));
    fireEvent.click(await screen.findByTestId('view-settings'));
    expect(await optionTitles(await screen.findByTestId('view-datefield'))).toEqual(['回访日', '会面']);
    fireEvent.click(openDropdowns()[0].querySelector('.ant-select-item-option[title="会面"]')!);
    await waitFor(() => expect(openDropdowns()).toHaveLength(0));
    expect(within(byId('view-titlefield')).getByText('姓名')).toBeTruthy();
    expect(screen.queryByTestId('view-groupby')).toBeNull();
    fireEvent.click(byId('view-settings-ok'));

    await waitFor(() => expect(dayOfEntry(jia.id)).toBe('2026-11-20'));
    const put = api.calls.find((c) => c.method === 'PUT')!;
    expect(put.path).toBe(`${BASE}/views/v1`);
    expect(put.headers['If-Match']).toBe('"7"');
    expect(put.body).toEqual({ name: '回访日历', config: { dateField: 'meetAt', titleField: 'name', filter: HZ_FILTER } });
    expect(filterOf(api.lastList())).toEqual({ and: [HZ_FILTER, { field: 'meetAt', op: 'between', value: ['2026-10-31T16:00:00.000Z', '2026-11-30T15:59:59.999Z'] }] });
  });

  it("asks a datetime field by the month's instants with the view's filter, and says when there is more", async () => {
    const meet = api.add({ name: '会面甲', city: 'hz', meetAt: '2026-11-02T17:30:00.000Z' });
    api.add({ name: '会面乙', city: 'sh', meetAt: '2026-11-05T02:00:00.000Z' });
    api.view({ name: '会面', kind: 'calendar', config: { dateField: 'meetAt', filter: HZ_FILTER } });
    api.alwaysMore = true;
    renderPage();
    fireEvent.click(await screen.findByTestId('view-tab-v1'));

    await screen.findByTestId(`calendar-entry-${meet.id}`);
    expect(filterOf(api.lastList())).toEqual({ and: [HZ_FILTER, { field: 'meetAt', op: 'between', value: ['2026-10-31T16:00:00.000Z', '2026-11-30T15:59:59.999Z'] }] });
    // 01:30 on the 3rd in Shanghai, titled by the first text field
    expect(dayOfEntry(meet.id)).toBe('2026-11-03');
    expect(byId(`calendar-entry-${meet.id}`).textContent).toBe('01:30会面甲');
    expect((await screen.findByTestId('calendar-more')).textContent).toContain('500');
  });
});
