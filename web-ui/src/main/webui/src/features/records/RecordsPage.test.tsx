// @vitest-environment jsdom
/**
 * The records journey against an in-memory fake of the form engine's record API, with the
 * data-testids the browser journey uses: create (with a server problem first), open, edit, history,
 * filter, sort, page, delete, and a conflicting edit.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { installDomShims, json, pickOption } from '../../testing/dom';
import { RecordsPage } from './index';
import { recordsI18n } from './testing';
import type { FieldDefinition, FormRecord, HistoryEntry } from './types';

const BASE = '/api/v1/workspaces/w1/apps/a1/forms/f1';

const FIELDS: FieldDefinition[] = [
  { key: 'name', label: '姓名', type: 'text', required: true },
  { key: 'mobile', label: '手机', type: 'phone' },
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
  { key: 'vip', label: 'VIP', type: 'boolean' },
  { key: 'level', label: '等级', type: 'formula', options: { expression: 'spend > 5000', resultType: 'text' } },
];

interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

class FakeRecords {
  records: FormRecord[] = [];
  history = new Map<string, HistoryEntry[]>();
  calls: Call[] = [];
  /** a create answers that the creator's row filter leaves the record out */
  outsideRowFilter = false;
  /** how the count of a list longer than a page answers: exactly (up to a million), or an estimate past it */
  countExact = true;
  /** the next PATCH finds the record changed by someone else */
  changeBehindTheUsersBack = false;
  /** fields some tests add to the form */
  extraFields: FieldDefinition[] = [];
  private seq = 0;

  add(data: Record<string, unknown>, at = `2026-11-${String(10 + this.records.length).padStart(2, '0')}T02:00:00.000Z`): FormRecord {
    this.seq += 1;
    const r: FormRecord = { id: `00000000-0000-4000-8000-${String(this.seq).padStart(12, '0')}`, formVersion: 1, version: 1, data, createdBy: 'u1', createdAt: at, updatedBy: 'u1', updatedAt: at };
    this.records.push(r);
    this.history.set(r.id, [{ id: this.seq * 100, kind: 'created', version: 1, changes: Object.entries(data).map(([field, to]) => ({ field, to })), changedBy: 'u1', changedByName: '管理员', changedAt: at }]);
    return r;
  }

  invalid(data: Record<string, unknown>, creating: boolean) {
    const errors = [];
    if (creating && !data.name) errors.push({ field: 'name', code: 'form.value.required', message: '姓名必填' });
    if (typeof data.mobile === 'string' && !/^1\d{10}$/.test(data.mobile)) errors.push({ field: 'mobile', code: 'form.value.phone', message: '手机号格式不正确' });
    if (errors.length) return json(400, { status: 400, detail: `有 ${errors.length} 个字段不合法`, errors });
    if (data.name && this.records.some((r) => !r.deletedAt && r.data.name === data.name && creating)) {
      return json(409, { status: 409, detail: '值重复', errors: [{ field: 'name', code: 'form.value.duplicate', message: `姓名“${String(data.name)}”已存在` }] });
    }
    return null;
  }

  handle = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    this.calls.push({ method, path: url.pathname, query: url.searchParams, headers, body });
    const path = url.pathname;

    if (path === BASE && method === 'GET') {
      // the draft has a field nobody published yet: the page must not offer it
      return json(200, { id: 'f1', key: 'customers', name: '客户（草稿）', draftVersion: 3, publishedVersion: 2, changedSincePublish: true,
        fields: [...FIELDS, ...this.extraFields, { key: 'draftOnly', label: '草稿字段', type: 'text' }] });
    }
    if (path === `${BASE}/published` && method === 'GET') {
      return json(200, { id: 'f1', key: 'customers', name: '客户', fields: [...FIELDS, ...this.extraFields], version: 2 });
    }
    if (path === '/api/v1/workspaces/w1/members') return json(200, []);
    if (path === '/api/v1/workspaces/w1/departments') {
      return json(200, [
        { id: 'd-hq', parentId: null, name: '总部', position: 0, memberCount: 0 },
        { id: 'd-sales', parentId: 'd-hq', name: '销售部', position: 0, memberCount: 1 },
        { id: 'd-rd', parentId: 'd-hq', name: '研发部', position: 1, memberCount: 0 },
      ]);
    }
    if (path === `${BASE}/views` && method === 'GET') return json(200, []); // saved views: views.test.tsx
    if (path === `${BASE}/records` && method === 'GET') return this.list(url.searchParams);
    if (path === `${BASE}/records/count` && method === 'GET') {
      return json(200, { value: this.records.filter((r) => !r.deletedAt).length, exact: this.countExact });
    }
    if (path === `${BASE}/records` && method === 'POST') {
      const bad = this.invalid(body, true);
      if (bad) return bad;
      const r = this.add(body, new Date().toISOString());
      return json(201, r, { ETag: '"1"', ...(this.outsideRowFilter ? { 'Qiaoban-Outside-Row-Filter': 'true' } : {}) });
    }
    const m = /^.*\/records\/([^/]+)(?:\/(history|restore))?$/.exec(path);
    if (!m) return json(404, { status: 404, detail: 'no route' });
    const i = this.records.findIndex((r) => r.id === m[1]);
    if (i < 0) return json(404, { status: 404, detail: '数据不存在' });
    const r = this.records[i];
    if (m[2] === 'history') return json(200, this.history.get(r.id) ?? []);
    if (m[2] === 'restore') {
      this.records[i] = { ...r, deletedAt: null, version: r.version + 1 };
      return json(200, this.records[i]);
    }
    if (method === 'GET') return json(200, r, { ETag: `"${r.version}"` });
    if (method === 'DELETE') {
      if (headers['If-Match'] !== undefined && headers['If-Match'] !== `"${r.version}"`) return json(412, { status: 412, detail: '记录已被他人修改' });
      this.records[i] = { ...r, deletedAt: new Date().toISOString() };
      return json(204);
    }
    if (method === 'PATCH') {
      if (this.changeBehindTheUsersBack) {
        this.changeBehindTheUsersBack = false;
        this.records[i] = { ...r, version: r.version + 1, data: { ...r.data, name: `${String(r.data.name)}（他人修改）` } };
      }
      const cur = this.records[i];
      if (headers['If-Match'] !== `"${cur.version}"`) return json(412, { status: 412, detail: '数据已被修改' });
      const bad = this.invalid(body, false);
      if (bad) return bad;
      const next = { ...cur, version: cur.version + 1, data: { ...cur.data, ...body }, updatedAt: new Date().toISOString() };
      this.records[i] = next;
      const changes = Object.keys(body).map((field) => ({ field, from: cur.data[field] ?? null, to: body[field] }));
      this.history.get(cur.id)!.unshift({ id: Date.now(), kind: 'updated', version: next.version, changes, changedBy: 'u1', changedByName: '管理员', changedAt: next.updatedAt });
      return json(200, next, { ETag: `"${next.version}"` });
    }
    return json(405, { status: 405 });
  };

  list(q: URLSearchParams): Response {
    let items = this.records.filter((r) => !!r.deletedAt === (q.get('deleted') === 'true'));
    const filter = q.get('filter') ? (JSON.parse(q.get('filter')!) as { and?: { field: string; op: string; value: unknown }[] }) : null;
    for (const c of filter?.and ?? []) {
      if (c.op === 'eq') items = items.filter((r) => r.data[c.field] === c.value);
    }
    const sort = q.get('sort') ?? '-createdAt';
    const key = sort.replace(/^[-+]/, '');
    const dir = sort.startsWith('-') ? -1 : 1;
    const val = (r: FormRecord) => (key === 'createdAt' ? r.createdAt : (r.data[key] as string | number | undefined)) ?? '';
    items = [...items].sort((a, b) => (val(a) < val(b) ? -dir : val(a) > val(b) ? dir : 0));
    const limit = Number(q.get('limit') ?? 50);
    const offset = Number(q.get('cursor') ?? 0);
    const page = items.slice(offset, offset + limit);
    const nextCursor = offset + limit < items.length ? String(offset + limit) : null;
    // as the server: only a first page that holds every match says its total; the rest is counted on request
    return json(200, { items: page, nextCursor, ...(q.get('cursor') || nextCursor ? {} : { total: { value: items.length, exact: true } }) });
  }

  lastList(): Call {
    return this.calls.filter((c) => c.method === 'GET' && c.path === `${BASE}/records`).at(-1)!;
  }
}

let api: FakeRecords;

function renderPage(perms = { canCreate: true, canEdit: true, canDelete: true }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } } });
  return render(
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <QueryClientProvider client={client}>
          <RecordsPage workspaceId="w1" appId="a1" formId="f1" {...perms} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>,
  );
}

const byId = (id: string) => screen.getByTestId(id);
const type = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });
const fieldInput = (key: string) => within(byId(`record-field-${key}`)).getByRole(key === 'spend' ? 'spinbutton' : 'textbox');


const header = (title: string) => within(byId('records-table')).getAllByRole('columnheader').find((h) => h.textContent === title)!;
const rowNames = () => screen.queryAllByTestId('record-row').map((r) => r.querySelector('td')?.textContent);

beforeAll(async () => {
  installDomShims();
  await recordsI18n('zh-CN');
});

beforeEach(() => {
  api = new FakeRecords();
  vi.stubGlobal('fetch', vi.fn(api.handle));
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('department fields on the records page (jsdom, fake API)', { timeout: 90_000 }, () => {
  it('reads the departments only for a form that holds them', async () => {
    api.add({ name: '王五' });
    renderPage();
    await waitFor(() => expect(rowNames()).toEqual(['王五']));
    expect(api.calls.some((c) => c.path.endsWith('/departments'))).toBe(false);
  });

  it('names departments in the grid and the drawer, and saves a department picked from the tree', async () => {
    api.extraFields = [{ key: 'dept', label: '部门', type: 'department' }];
    api.add({ name: '王五', dept: 'd-sales' });
    api.add({ name: '赵六', dept: '7d444840-9dc0-11d1-b245-5ffdce74fad2' });
    renderPage();
    await waitFor(() => expect(rowNames()).toEqual(['赵六', '王五']));
    await waitFor(() => expect(screen.getAllByTestId('record-row')[1].textContent).toContain('销售部'));
    // a department the list does not know: its id, shortened
    expect(screen.getAllByTestId('record-row')[0].textContent).toContain('7d444840');

    fireEvent.click(screen.getAllByTestId('record-row')[1]);
    const drawer = await screen.findByTestId('record-drawer');
    expect(within(drawer).getByTestId('record-value-dept').textContent).toBe('销售部');
    fireEvent.click(within(drawer).getByTestId('record-edit'));
    await within(byId('record-drawer')).findByTestId('record-form');
    await waitFor(() => expect(byId('record-field-dept').textContent).toContain('销售部'));
    fireEvent.mouseDown(within(byId('record-field-dept')).getByRole('combobox'));
    const rd = await waitFor(() => {
      const el = [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title')].find((x) => x.textContent === '研发部');
      if (!el) throw new Error('no 研发部 yet');
      return el;
    });
    fireEvent.click(rd);
    fireEvent.click(byId('record-save'));
    await waitFor(() => expect(within(byId('record-drawer')).getByTestId('record-value-dept').textContent).toBe('研发部'));
    expect(api.calls.find((c) => c.method === 'PATCH')!.body).toEqual({ dept: 'd-rd' });
  });
});

describe('records page (jsdom, fake API)', { timeout: 90_000 }, () => {
  it('warns a creator whose row filter will not show them the record they just created', async () => {
    api.outsideRowFilter = true;
    renderPage();
    fireEvent.click(await screen.findByTestId('records-new'));
    await screen.findByTestId('record-form');
    type(fieldInput('name'), '交给同事');
    fireEvent.click(byId('record-save'));
    await screen.findByText('已新增。按你的数据权限，你看不到这条记录了（比如负责人不是你）。');
  });

  it('creates, opens, edits, shows the history, filters, sorts and deletes records', async () => {
    api.add({ name: '王五', mobile: '13900000000', city: 'sh', spend: 1200.5, vip: true, level: '普通' });
    api.add({ name: '赵六', city: 'hz', spend: 80 });
    renderPage();

    // the grid: newest first, values by type, the total
    await waitFor(() => expect(rowNames()).toEqual(['赵六', '王五']));
    const wang = screen.getAllByTestId('record-row')[1];
    expect(wang.textContent).toContain('上海');
    expect(wang.textContent).toContain('¥1,200.50');
    expect(wang.textContent).toContain('是');
    expect(byId('records-total').textContent).toBe('共 2 条');
    expect(api.lastList().query.get('sort')).toBeNull(); // the default, -createdAt
    expect(api.lastList().query.get('limit')).toBe('20');

    // a new record: the server's problem lands under its field
    fireEvent.click(byId('records-new'));
    await screen.findByTestId('record-form');
    expect(screen.queryByTestId('record-field-level')).toBeNull(); // computed: not entered
    expect(screen.queryByTestId('record-field-draftOnly')).toBeNull(); // not published yet: not offered
    type(fieldInput('name'), '张三');
    type(fieldInput('mobile'), '123');
    await pickOption(byId('record-field-city'), '杭州');
    type(fieldInput('spend'), '300');
    fireEvent.click(byId('record-save'));
    await waitFor(() => expect(within(byId('record-field-mobile')).getByText('手机号格式不正确')).toBeTruthy());
    type(fieldInput('mobile'), '13800000000');
    fireEvent.click(byId('record-save'));
    await waitFor(() => expect(screen.queryByTestId('record-form')).toBeNull());
    const posts = api.calls.filter((c) => c.method === 'POST');
    expect(posts.at(-1)!.body).toEqual({ name: '张三', mobile: '13800000000', city: 'hz', spend: 300 });
    // one key for both tries: the first one failed, so the second one still creates
    expect(posts[0].headers['Idempotency-Key']).toBeTruthy();
    expect(posts[1].headers['Idempotency-Key']).toBe(posts[0].headers['Idempotency-Key']);
    await waitFor(() => expect(rowNames()[0]).toBe('张三'));

    // open it, edit one field: only that one is sent, with the version read
    fireEvent.click(screen.getAllByTestId('record-row')[0]);
    const drawer = await screen.findByTestId('record-drawer');
    expect(within(drawer).getByTestId('record-value-city').textContent).toBe('杭州');
    fireEvent.click(within(drawer).getByTestId('record-edit'));
    await within(byId('record-drawer')).findByTestId('record-form');
    type(fieldInput('name'), '张三丰');
    fireEvent.click(byId('record-save'));
    await waitFor(() => expect(within(byId('record-drawer')).getByTestId('record-value-name').textContent).toBe('张三丰'));
    const patch = api.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.body).toEqual({ name: '张三丰' });
    expect(patch.headers['If-Match']).toBe('"1"');

    // the history: who, and "old → new" with the field's label
    fireEvent.click(byId('record-history'));
    const entries = await screen.findAllByTestId('record-history-entry');
    expect(entries.map((e) => e.getAttribute('data-kind'))).toEqual(['updated', 'created']);
    expect(entries[0].textContent).toContain('管理员');
    expect(within(entries[0]).getByTestId('record-history-change').textContent).toBe('姓名: 张三 → 张三丰');
    expect(within(entries[1]).getAllByTestId('record-history-change').map((c) => c.textContent)).toContain('城市: 杭州');
    fireEvent.click(within(byId('record-drawer')).getByRole('button', { name: /close|关闭/i }));
    await waitFor(() => expect(screen.queryByTestId('record-drawer')).toBeNull());

    // filter: 城市 equals 杭州
    fireEvent.click(byId('records-filter-add'));
    await pickOption(byId('records-filter-field-0'), '城市');
    await pickOption(byId('records-filter-value-0'), '杭州');
    fireEvent.click(byId('records-filter-apply'));
    await waitFor(() => expect(rowNames()).toEqual(['张三丰', '赵六']));
    expect(JSON.parse(api.lastList().query.get('filter')!)).toEqual({ and: [{ field: 'city', op: 'eq', value: 'hz' }] });
    expect(byId('records-filter-active').textContent).toContain('1');

    // sort by 消费 (server side), then the other way round
    fireEvent.click(header('消费'));
    await waitFor(() => expect(api.lastList().query.get('sort')).toBe('spend'));
    await waitFor(() => expect(rowNames()).toEqual(['赵六', '张三丰']));
    fireEvent.click(header('消费'));
    await waitFor(() => expect(api.lastList().query.get('sort')).toBe('-spend'));

    // delete, confirmed; it waits in the trash and comes back from there
    fireEvent.click(screen.getAllByTestId('record-row').find((r) => r.textContent?.includes('赵六'))!);
    fireEvent.click(await screen.findByTestId('record-delete'));
    const ok = await screen.findByTestId('record-delete-ok');
    expect(ok.closest('.ant-popconfirm')).not.toBeNull();
    expect(ok.classList.contains('ant-btn-primary')).toBe(true);
    fireEvent.click(ok);
    await waitFor(() => expect(rowNames()).toEqual(['张三丰']));
    // with the version it showed: a record changed since is not deleted unseen
    const deleted = api.calls.find((c) => c.method === 'DELETE')!;
    expect(deleted.headers['If-Match']).toMatch(/^"\d+"$/);

    // a second, typed condition: 姓名 equals 张三丰, both must hold
    fireEvent.click(byId('records-filter-add'));
    await pickOption(byId('records-filter-field-1'), '姓名');
    expect(within(byId('records-filter-op-1')).getByTitle('等于')).toBeTruthy();
    type(within(byId('records-filter-value-1')).getByRole('textbox'), '张三丰');
    fireEvent.click(byId('records-filter-apply'));
    await waitFor(() =>
      expect(JSON.parse(api.lastList().query.get('filter')!)).toEqual({
        and: [
          { field: 'city', op: 'eq', value: 'hz' },
          { field: 'name', op: 'eq', value: '张三丰' },
        ],
      }),
    );
    expect(rowNames()).toEqual(['张三丰']);
    fireEvent.click(byId('records-filter-clear'));
    fireEvent.click(byId('records-trash'));
    await waitFor(() => expect(api.lastList().query.get('deleted')).toBe('true'));
    await waitFor(() => expect(rowNames()).toEqual(['赵六']));
    fireEvent.click(byId('record-restore-row'));
    await waitFor(() => expect(screen.queryAllByTestId('record-row')).toHaveLength(0));
    expect(byId('records-empty').textContent).toContain('回收站是空的');
  });

  it('pages with cursors and shows an estimated total as "约"', async () => {
    for (let i = 0; i < 25; i++) api.add({ name: `客户${String(i).padStart(2, '0')}` }, `2026-11-01T00:${String(i).padStart(2, '0')}:00.000Z`);
    api.countExact = false;
    renderPage({ canCreate: false, canEdit: false, canDelete: false });
    await waitFor(() => expect(screen.getAllByTestId('record-row')).toHaveLength(20));
    await waitFor(() => expect(byId('records-total').textContent).toBe('约 25 条'));
    expect(byId('records-prev').hasAttribute('disabled')).toBe(true);
    expect(screen.queryByTestId('records-new')).toBeNull();
    expect(screen.queryByTestId('records-trash')).toBeNull();

    fireEvent.click(byId('records-next'));
    await waitFor(() => expect(screen.getAllByTestId('record-row')).toHaveLength(5));
    expect(api.lastList().query.get('cursor')).toBe('20');
    expect(byId('records-page').textContent).toBe('第 2 页');
    expect(byId('records-total').textContent).toBe('约 25 条'); // counted once, for every page
    expect(byId('records-next').hasAttribute('disabled')).toBe(true);

    fireEvent.click(byId('records-prev'));
    await waitFor(() => expect(screen.getAllByTestId('record-row')).toHaveLength(20));
    expect(rowNames()[0]).toBe('客户24');
    expect(api.calls.some((c) => c.path.endsWith('/records/count'))).toBe(true);

    // the column chooser hides a field, and remembers it
    fireEvent.click(byId('records-columns'));
    fireEvent.click(await screen.findByTestId('records-column-mobile'));
    await waitFor(() => expect(header('手机')).toBeUndefined());
    expect(JSON.parse(localStorage.getItem('qiaoban.records.columns.f1')!)).not.toContain('mobile');
  });

  it('counts a list longer than a page once the page shows, and a shorter one not at all', async () => {
    for (let i = 0; i < 23; i++) api.add({ name: `客户${i}` });
    renderPage({ canCreate: false, canEdit: false, canDelete: false });
    await waitFor(() => expect(byId('records-total').textContent).toBe('共 23 条'));
    expect(byId('records-total').getAttribute('data-exact')).toBe('true');
    const count = api.calls.find((c) => c.path.endsWith('/records/count'))!;
    expect(count.query.get('cursor')).toBeNull();
    expect(count.query.get('deleted')).toBeNull();
    cleanup();
    api.calls = [];
    api.records = api.records.slice(0, 3);
    renderPage({ canCreate: false, canEdit: false, canDelete: false });
    await waitFor(() => expect(byId('records-total').textContent).toBe('共 3 条'));
    expect(api.calls.some((c) => c.path.endsWith('/records/count'))).toBe(false);
  });

  it('says when someone else changed the record, and reloads it', async () => {
    api.add({ name: '王五', city: 'sh' });
    renderPage();
    fireEvent.click(await screen.findByTestId('record-row'));
    fireEvent.click(await screen.findByTestId('record-edit'));
    await screen.findByTestId('record-form');
    type(fieldInput('name'), '王五五');
    api.changeBehindTheUsersBack = true;
    fireEvent.click(byId('record-save'));
    await screen.findByTestId('record-conflict');
    await act(async () => {
      fireEvent.click(byId('record-reload'));
    });
    await waitFor(() => expect((fieldInput('name') as HTMLInputElement).value).toBe('王五（他人修改）'));
    expect(screen.queryByTestId('record-conflict')).toBeNull();

    // saving now goes against the new version
    type(fieldInput('name'), '王五五');
    fireEvent.click(byId('record-save'));
    await waitFor(() => expect(within(byId('record-drawer')).getByTestId('record-value-name').textContent).toBe('王五五'));
    expect(api.calls.filter((c) => c.method === 'PATCH').map((c) => c.headers['If-Match'])).toEqual(['"1"', '"2"']);
  });
});

