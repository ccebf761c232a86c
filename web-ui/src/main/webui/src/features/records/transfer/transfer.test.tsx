// @vitest-environment jsdom
/**
 * Import and export on the records page against an in-memory fake of the form engine's API (fetch)
 * and of the upload (XMLHttpRequest), with the data-testids the browser journey uses: upload with
 * progress, a refused file, the mapping guessed from the header, a refused start, the import polled
 * to its end (done and failed), and an export of the grid's current view polled to its download.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { installDomShims, json } from '../../../testing/dom';
import { RecordsPage } from '../index';
import { recordsI18n } from '../testing';
import type { FieldDefinition, FormRecord } from '../types';
import type { ExportView, ImportView } from './types';
import { FakeXhr } from '../../../testing/xhr';

const BASE = '/api/v1/workspaces/w1/apps/a1/forms/f1';

const FIELDS: FieldDefinition[] = [
  { key: 'name', label: '姓名', type: 'text', required: true },
  { key: 'mobile', label: '手机', type: 'phone' },
  {
    key: 'level',
    label: '等级',
    type: 'select',
    options: {
      choices: [
        { value: 'gold', label: '金卡' },
        { value: 'diamond', label: '钻石' },
      ],
    },
  },
  { key: 'spend', label: '消费', type: 'money' },
  { key: 'city', label: '城市', type: 'select', options: { choices: [{ value: 'hz', label: '杭州' }] } },
  { key: 'score', label: '评分', type: 'formula', options: { expression: 'spend / 100', resultType: 'number' } },
];

const COLUMNS = [
  { index: 0, name: '姓名', samples: ['张三', '李四', '王五', '赵六'] },
  { index: 1, name: ' 手机 ', samples: ['13800000001', '', '13800000003'] },
  { index: 2, name: '等级', samples: ['金卡', '钻石'] },
  { index: 3, name: '消费', samples: ['100', '200.5'] },
  { index: 4, name: '评分', samples: ['1'] },
  { index: 5, name: '备注', samples: [] },
];

interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

function importView(over: Partial<ImportView> = {}): ImportView {
  return {
    id: 'i1',
    fileName: 'customers.csv',
    format: 'csv',
    encoding: 'UTF-8 BOM',
    columns: COLUMNS,
    skipBadRows: false,
    recordEvents: false,
    state: 'uploaded',
    progress: 0,
    processedRows: 0,
    importedRows: 0,
    errorRows: 0,
    createdAt: '2026-11-24T02:00:00.000Z',
    ...over,
  };
}

/** The form, its records and the import / export jobs, each poll moving a job one stage on. */
class FakeApi {
  records: FormRecord[] = [];
  calls: Call[] = [];
  recent: ImportView[] = [];
  /** the next start is refused as if a mapped field were hidden from the user */
  refuseNextStart = false;
  /** what the polls of the import answer, one after the other (the last one stays) */
  importStages: Partial<ImportView>[] = [];
  importPolls = 0;
  exportStages: Partial<ExportView>[] = [];
  exportPolls = 0;
  /** records the import writes when it is done */
  importWrites = 0;

  add(name: string): void {
    const n = this.records.length + 1;
    const at = `2026-11-${String(10 + n).padStart(2, '0')}T02:00:00.000Z`;
    this.records.unshift({ id: `r${n}`, formVersion: 1, version: 1, data: { name, spend: n * 100, city: 'hz' }, createdBy: 'u1', createdAt: at, updatedBy: 'u1', updatedAt: at });
  }

  handle = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    this.calls.push({ method, path: url.pathname, headers: (init?.headers ?? {}) as Record<string, string>, body });
    const path = url.pathname;

    if (path === BASE) return json(200, { id: 'f1', key: 'customers', name: '客户', draftVersion: 2, publishedVersion: 2, changedSincePublish: false, fields: FIELDS });
    if (path === `${BASE}/published`) return json(200, { id: 'f1', key: 'customers', name: '客户', fields: FIELDS, version: 2 });
    if (path === '/api/v1/workspaces/w1/members') return json(200, []);
    if (path === `${BASE}/views`) return json(200, []);
    if (path === `${BASE}/records`) {
      return json(200, { items: this.records, nextCursor: null, total: { value: this.records.length, exact: true } });
    }
    if (path === `${BASE}/imports` && method === 'GET') return json(200, this.recent);
    if (path === `${BASE}/imports/i1/start` && method === 'POST') {
      if (this.refuseNextStart) {
        this.refuseNextStart = false;
        return json(400, {
          status: 400,
          detail: '有 1 个字段不合法',
          errors: [{ field: 'mapping[1].field', code: 'form.value.unknownField', message: '没有这个字段，或者你看不到它' }],
        });
      }
      return json(202, importView({ state: 'queued', mapping: body.mapping, skipBadRows: body.skipBadRows }));
    }
    if (path === `${BASE}/imports/i1` && method === 'GET') {
      const stage = this.importStages[Math.min(this.importPolls, this.importStages.length - 1)];
      this.importPolls += 1;
      if (stage.state === 'done') {
        for (; this.importWrites > 0; this.importWrites--) this.add(`导入${this.importWrites}`);
      }
      return json(200, importView(stage));
    }
    if (path === `${BASE}/exports` && method === 'POST') {
      this.exportPolls = 0;
      return json(202, { id: body.format === 'csv' ? 'e1' : 'e2', format: body.format, state: 'queued', progress: 0, exportedRows: 0, createdAt: '2026-11-24T02:00:00.000Z' });
    }
    const exp = /\/exports\/(e\d)$/.exec(path);
    if (exp && method === 'GET') {
      const stage = this.exportStages[Math.min(this.exportPolls, this.exportStages.length - 1)];
      this.exportPolls += 1;
      return json(200, { id: exp[1], format: exp[1] === 'e1' ? 'csv' : 'xlsx', progress: 0, exportedRows: 0, createdAt: '2026-11-24T02:00:00.000Z', ...stage });
    }
    return json(404, { status: 404, detail: `no route ${method} ${path}` });
  };

  count(method: string, path: string): number {
    return this.calls.filter((c) => c.method === method && c.path === path).length;
  }
}

let api: FakeApi;

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
const fileInput = () => byId('import-dropzone').querySelector('input[type=file]') as HTMLInputElement;
const chooseFile = (name = 'customers.csv') => fireEvent.change(fileInput(), { target: { files: [new File(['姓名,手机\n张三,13800000001\n'], name, { type: 'text/csv' })] } });
const mapped = (column: number) => byId(`import-mapping-field-${column}`).getAttribute('data-field');

const openDropdowns = () => [...document.querySelectorAll('.ant-select-dropdown')].filter((d) => !d.classList.contains('ant-select-dropdown-hidden'));

/** Opens the select inside `scope`: the options of the one dropdown open (ids do not tell them apart in tests). */
function openOptions(scope: HTMLElement): Promise<Element[]> {
  fireEvent.mouseDown(within(scope).getByRole('combobox'));
  return waitFor(() => {
    const open = openDropdowns();
    if (open.length !== 1) throw new Error(`${open.length} dropdowns open`);
    const options = [...open[0].querySelectorAll('.ant-select-item-option')];
    if (options.length === 0) throw new Error('no options yet');
    return options;
  });
}

async function pickOption(scope: HTMLElement, title: string) {
  const option = (await openOptions(scope)).find((o) => o.getAttribute('title') === title);
  if (!option) throw new Error(`no option ${title}`);
  fireEvent.click(option);
  await waitFor(() => expect(openDropdowns()).toHaveLength(0));
}

beforeAll(async () => {
  installDomShims();
  await recordsI18n('zh-CN');
});

beforeEach(() => {
  api = new FakeApi();
  FakeXhr.sent = [];
  vi.stubGlobal('fetch', vi.fn(api.handle));
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('import wizard (jsdom, fake API)', { timeout: 90_000 }, () => {
  it('uploads with progress, guesses the mapping, starts, polls to done and refreshes the grid', async () => {
    api.importStages = [
      { state: 'running', progress: 40, processedRows: 2, importedRows: 0, skipBadRows: true },
      { state: 'running', progress: 80, processedRows: 4, importedRows: 0, skipBadRows: true },
      { state: 'done', progress: 100, processedRows: 5, importedRows: 4, errorRows: 1, skipBadRows: true },
    ];
    api.importWrites = 4;
    renderPage();
    await screen.findByTestId('records-empty');

    fireEvent.click(byId('records-import'));
    await screen.findByTestId('import-wizard');
    expect(fileInput().accept).toBe('.csv,.xlsx');
    expect(byId('import-dropzone').textContent).toContain('UTF-8 或 GBK');
    await waitFor(() => expect(api.count('GET', `${BASE}/imports`)).toBe(1)); // the recent imports

    // the upload: multipart with the guard header, its progress shown
    chooseFile();
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    const xhr = FakeXhr.sent[0];
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe(`${BASE}/imports`);
    expect(xhr.headers['X-Qiaoban-Upload']).toBe('1');
    expect(xhr.headers['Accept-Language']).toBe('zh-CN');
    expect(xhr.headers['Content-Type']).toBeUndefined(); // the browser sets the multipart boundary
    const part = (xhr.body as FormData).get('file') as File;
    expect(part.name).toBe('customers.csv');
    xhr.progress(50, 100);
    await waitFor(() => expect(byId('import-upload-progress').getAttribute('data-percent')).toBe('50'));
    expect(byId('import-upload-progress').textContent).toContain('50%');
    await xhr.respond(201, importView());

    // the mapping: guessed from the header (labels, case and blanks aside), computed fields never offered
    const table = await screen.findByTestId('import-mapping-table');
    expect(within(table).getAllByTestId('import-mapping-row')).toHaveLength(6);
    expect([0, 1, 2, 3, 4, 5].map(mapped)).toEqual(['name', 'mobile', 'level', 'spend', '', '']);
    expect(byId('import-file-name').textContent).toContain('customers.csv');
    expect(within(table).getAllByTestId('import-mapping-samples')[0].textContent).toBe('张三李四王五'); // three samples at most
    const offered = (await openOptions(byId('import-mapping-field-4'))).map((o) => o.getAttribute('title'));
    expect(offered).toEqual(['姓名', '手机', '等级', '消费', '城市']);
    // closed again, nothing picked (Escape is the select's: the wizard stays open with its mapping)
    fireEvent.keyDown(within(byId('import-mapping-field-4')).getByRole('combobox'), { key: 'Escape', keyCode: 27, which: 27 });
    await waitFor(() => expect(openDropdowns()).toHaveLength(0));
    expect(mapped(4)).toBe('');
    expect(screen.queryByTestId('import-unmapped')).toBeNull();
    expect((byId('import-mode-all') as HTMLInputElement).checked).toBe(true); // all or nothing by default

    // 手机 for the first column: it moves there, 姓名 (required) is left without a column
    await pickOption(byId('import-mapping-field-0'), '手机');
    await waitFor(() => expect([mapped(0), mapped(1)]).toEqual(['mobile', '']));
    expect(byId('import-unmapped').textContent).toContain('姓名');
    expect(byId('import-start').hasAttribute('disabled')).toBe(true);
    await pickOption(byId('import-mapping-field-0'), '姓名');
    await pickOption(byId('import-mapping-field-1'), '手机');
    await waitFor(() => expect(screen.queryByTestId('import-unmapped')).toBeNull());

    // the server refuses the mapping: its message lands on the column the entry was about
    api.refuseNextStart = true;
    fireEvent.click(byId('import-start'));
    await screen.findByTestId('import-mapping-error');
    expect(byId('import-mapping-error').textContent).toContain('无法按这样的对应关系导入');
    expect(byId('import-mapping-field-1').textContent).toContain('没有这个字段，或者你看不到它');

    // skip bad rows, run rules and flows for each record, start again
    fireEvent.click(byId('import-mode-skip'));
    expect(screen.getByText(/导入历史数据时一般不要勾选/)).toBeTruthy();
    fireEvent.click(byId('import-record-events'));
    fireEvent.click(byId('import-start'));
    await screen.findByTestId('import-progress');
    const starts = api.calls.filter((c) => c.method === 'POST' && c.path === `${BASE}/imports/i1/start`);
    expect(starts).toHaveLength(2);
    expect(starts[1].body).toEqual({
      mapping: [
        { column: 0, field: 'name' },
        { column: 1, field: 'mobile' },
        { column: 2, field: 'level' },
        { column: 3, field: 'spend' },
      ],
      skipBadRows: true,
      recordEvents: true,
    });

    // polled until done: the result with its counts and the error report
    const result = await screen.findByTestId('import-result');
    expect(result.getAttribute('data-state')).toBe('done');
    expect(api.importPolls).toBeGreaterThanOrEqual(3);
    expect(byId('import-progress').getAttribute('data-percent')).toBe('100');
    expect(byId('import-progress').textContent).toContain('100%');
    expect(byId('import-stats').textContent).toBe('已处理 5 行 · 已导入 4 条 · 错误 1 行');
    expect(byId('import-imported').textContent).toBe('已导入 4 条记录');
    expect(byId('import-skipped').textContent).toBe('跳过了 1 行有错误的数据');
    const report = byId('import-error-report') as HTMLAnchorElement;
    expect(report.getAttribute('href')).toBe(`${BASE}/imports/i1/errors`);
    expect(report.hasAttribute('download')).toBe(true);
    // polling stops at the end
    const polls = api.importPolls;
    await new Promise((r) => setTimeout(r, 1200));
    expect(api.importPolls).toBe(polls);

    // closed: the grid shows the imported records
    fireEvent.click(byId('import-close'));
    await waitFor(() => expect(screen.queryByTestId('import-wizard')).toBeNull());
    await waitFor(() => expect(screen.getAllByTestId('record-row')).toHaveLength(4));
    expect(byId('records-total').textContent).toBe('共 4 条');
  });

  it('shows a refused file, the recent imports, and a failed import with its error report', async () => {
    api.recent = [importView({ id: 'i0', fileName: 'old.xlsx', state: 'done', importedRows: 7, errorRows: 2 })];
    api.importStages = [
      { state: 'running', progress: 50, processedRows: 3 },
      { state: 'failed', progress: 100, processedRows: 5, errorRows: 2, failure: { code: 'import.rows-invalid', message: '2 行有错误，按“全部成功才导入”的设置，没有导入任何记录。' } },
    ];
    renderPage();
    fireEvent.click(await screen.findByTestId('records-import'));
    const recent = await screen.findByTestId('import-recent');
    expect(recent.textContent).toContain('old.xlsx');
    expect(recent.textContent).toContain('导入 7 条 · 错误 2 行');
    expect(within(recent).getByRole('link').getAttribute('href')).toBe(`${BASE}/imports/i0/errors`);

    // an .xls: the server's message, and the first step again
    chooseFile('old.xls');
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    await FakeXhr.sent[0].respond(400, {
      type: 'https://qiaoban.io/problems/import.xls-unsupported',
      status: 400,
      detail: '这是 Excel 97-2003 (.xls) 文件，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入。',
    });
    expect((await screen.findByTestId('import-upload-error')).textContent).toContain('另存为 .xlsx 或 CSV');
    expect(screen.queryByTestId('import-mapping-table')).toBeNull();

    // a good file; all or nothing, and rows with errors: nothing imported
    chooseFile();
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(2));
    await FakeXhr.sent[1].respond(201, importView());
    await screen.findByTestId('import-mapping-table');
    expect(screen.queryByTestId('import-upload-error')).toBeNull();
    fireEvent.click(byId('import-start'));
    const result = await screen.findByTestId('import-result');
    expect(result.getAttribute('data-state')).toBe('failed');
    expect(result.textContent).toContain('导入失败');
    expect(result.textContent).toContain('没有导入任何记录');
    expect(byId('import-error-report').getAttribute('href')).toBe(`${BASE}/imports/i1/errors`);
    expect(api.calls.find((c) => c.path === `${BASE}/imports/i1/start`)!.body).toMatchObject({ skipBadRows: false, recordEvents: false });

    fireEvent.click(byId('import-close'));
    await waitFor(() => expect(screen.queryByTestId('import-wizard')).toBeNull());
  });

  it('refuses a file over the limit without sending it', async () => {
    renderPage();
    fireEvent.click(await screen.findByTestId('records-import'));
    await screen.findByTestId('import-dropzone');
    const big = new File(['x'], 'big.csv', { type: 'text/csv' });
    Object.defineProperty(big, 'size', { value: 201 * 1024 * 1024 });
    fireEvent.change(fileInput(), { target: { files: [big] } });
    expect((await screen.findByTestId('import-upload-error')).textContent).toContain('200 MB');
    expect(FakeXhr.sent).toHaveLength(0);
  });
});

describe('export (jsdom, fake API)', { timeout: 90_000 }, () => {
  it('exports the current filter, sort and columns, polls, and downloads the file', async () => {
    api.add('王五');
    api.add('赵六');
    api.exportStages = [
      { state: 'running', progress: 50, exportedRows: 1, totalRows: 2 },
      { state: 'done', progress: 100, exportedRows: 2, totalRows: 2, fileName: '客户.csv' },
    ];
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.getAttribute('href') ?? '');
    });
    renderPage({ canCreate: false, canEdit: false, canDelete: true });
    await waitFor(() => expect(screen.getAllByTestId('record-row')).toHaveLength(2));
    expect(screen.queryByTestId('records-import')).toBeNull(); // importing creates records

    // the view: 城市 = 杭州, sorted by 消费, without the 手机 column
    fireEvent.click(byId('records-filter-add'));
    await pickOption(byId('records-filter-field-0'), '城市');
    await pickOption(byId('records-filter-value-0'), '杭州');
    fireEvent.click(byId('records-filter-apply'));
    await screen.findByTestId('records-filter-active');
    const header = within(byId('records-table'))
      .getAllByRole('columnheader')
      .find((h) => h.textContent === '消费')!;
    fireEvent.click(header);
    fireEvent.click(byId('records-columns'));
    fireEvent.click(await screen.findByTestId('records-column-mobile'));
    await waitFor(() => expect(within(byId('records-table')).queryByText('手机')).toBeNull());

    fireEvent.click(byId('records-export'));
    fireEvent.click(await screen.findByTestId('export-csv'));
    await screen.findByTestId('export-modal');
    await waitFor(() => expect(api.count('POST', `${BASE}/exports`)).toBe(1));
    expect(api.calls.find((c) => c.method === 'POST' && c.path === `${BASE}/exports`)!.body).toEqual({
      format: 'csv',
      filter: { and: [{ field: 'city', op: 'eq', value: 'hz' }] },
      sort: 'spend',
      fields: ['name', 'level', 'spend', 'city', 'score'],
    });

    // polled to the end: the link, and the download started once by itself
    const download = (await screen.findByTestId('export-download')) as HTMLAnchorElement;
    expect(download.tagName).toBe('A');
    expect(download.getAttribute('href')).toBe(`${BASE}/exports/e1/file`);
    expect(download.hasAttribute('download')).toBe(true);
    expect(byId('export-progress').getAttribute('data-percent')).toBe('100');
    expect(byId('export-stats').textContent).toContain('共 2 行');
    expect(api.exportPolls).toBeGreaterThanOrEqual(2);
    await waitFor(() => expect(clicked).toEqual([`${BASE}/exports/e1/file`]));
    fireEvent.click(byId('export-close'));
    await waitFor(() => expect(screen.queryByTestId('export-modal')).toBeNull());
    expect(clicked).toHaveLength(1);

    // an export that fails says why, and offers no file
    api.exportStages = [{ state: 'failed', progress: 30, exportedRows: 0, failure: { code: 'export.failed', message: '导出失败：磁盘已满' } }];
    fireEvent.click(byId('records-export'));
    fireEvent.click(await screen.findByTestId('export-xlsx'));
    expect((await screen.findByTestId('export-error')).textContent).toContain('磁盘已满');
    expect(api.calls.filter((c) => c.method === 'POST' && c.path === `${BASE}/exports`)[1].body).toMatchObject({ format: 'xlsx' });
    expect(screen.queryByTestId('export-download')).toBeNull();
    expect(clicked).toHaveLength(1);
    fireEvent.click(byId('export-close'));
    await waitFor(() => expect(screen.queryByTestId('export-modal')).toBeNull());

    // the trash is no view to export
    fireEvent.click(byId('records-trash'));
    await waitFor(() => expect(screen.queryByTestId('records-export')).toBeNull());
  });
});
