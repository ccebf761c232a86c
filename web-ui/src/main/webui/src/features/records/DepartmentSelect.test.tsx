// @vitest-environment jsdom
/**
 * Department fields on the records page: the picker (the workspace's tree, names searchable,
 * unknown ids shortened), department names in cells, and the filter builder's "my departments"
 * values, offered for "is" / "is not" only.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Department } from '../../api';
import { installDomShims, json, pickOption } from '../../testing/dom';
import { CellValue } from './cellRender';
import { DepartmentSelect, departmentTreeOptions } from './DepartmentSelect';
import { FilterBuilder } from './FilterBuilder';
import type { FilterNode } from './filter';
import { RecordsScopeContext } from './scope';
import { recordsI18n } from './testing';
import type { FieldDefinition } from './types';

const DEPARTMENTS: Department[] = [
  { id: 'd-hq', parentId: null, name: '总部', position: 0, memberCount: 0 },
  { id: 'd-sales', parentId: 'd-hq', name: '销售部', position: 0, memberCount: 2 },
  { id: 'd-rd', parentId: 'd-hq', name: '研发部', position: 1, memberCount: 1 },
];
const UNKNOWN = '7d444840-9dc0-11d1-b245-5ffdce74fad2';

let fetches: string[];

function wrap(children: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
  return render(
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <QueryClientProvider client={client}>
          <RecordsScopeContext.Provider value={{ workspaceId: 'w1', appId: 'a1' }}>{children}</RecordsScopeContext.Provider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>,
  );
}

/** The titles of the picker's open popup, in order. */
function popupTitles(): string[] {
  return [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title')].map((x) => x.textContent ?? '');
}

/** Opens a tree picker; a busy machine may take more than a second to show it. */
async function openPicker(scope: HTMLElement) {
  fireEvent.mouseDown(within(scope).getByRole('combobox'));
  await waitFor(() => expect(popupTitles().length).toBeGreaterThan(0), { timeout: 5000 });
}

function clickTitle(title: string) {
  const el = [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title')].find((x) => x.textContent === title);
  if (!el) throw new Error(`no node ${title}`);
  fireEvent.click(el);
}

beforeAll(async () => {
  installDomShims();
  await recordsI18n('zh-CN');
});

beforeEach(() => {
  fetches = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const path = new URL(String(input), 'http://localhost').pathname;
      fetches.push(path);
      if (path === '/api/v1/workspaces/w1/departments') return json(200, DEPARTMENTS);
      return json(404, { status: 404, detail: '不存在' });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('departmentTreeOptions', () => {
  it('nests the departments, puts extra options on top and keeps unknown selected ids, shortened', () => {
    const options = departmentTreeOptions(DEPARTMENTS, ['d-rd', UNKNOWN, UNKNOWN], [{ value: '$myDepartments', title: '我的部门' }]);
    expect(options).toEqual([
      { value: '$myDepartments', title: '我的部门' },
      { value: 'd-hq', title: '总部', children: [{ value: 'd-sales', title: '销售部' }, { value: 'd-rd', title: '研发部' }] },
      { value: UNKNOWN, title: '7d444840' },
    ]);
    expect(departmentTreeOptions([], [])).toEqual([]);
  });
});

describe('DepartmentSelect (jsdom)', { timeout: 60_000 }, () => {
  it('shows the name of a chosen department, a short id for an unknown one, and picks from the tree', async () => {
    const onChange = vi.fn();
    wrap(
      <>
        <div data-testid="one">
          <DepartmentSelect value="d-sales" onChange={onChange} />
        </div>
        <div data-testid="many">
          <DepartmentSelect value={['d-rd', UNKNOWN]} multiple onChange={() => undefined} />
        </div>
      </>,
    );
    await waitFor(() => expect(screen.getByTestId('one').textContent).toContain('销售部'));
    await waitFor(() => expect(screen.getByTestId('many').textContent).toContain('研发部'));
    expect(screen.getByTestId('many').textContent).toContain('7d444840');

    await openPicker(screen.getByTestId('one'));
    expect(popupTitles()).toEqual(['总部', '销售部', '研发部']);
    clickTitle('研发部');
    expect(onChange).toHaveBeenCalledWith('d-rd');
    expect(fetches.filter((p) => p.endsWith('/departments'))).toHaveLength(1);
  });

  it('offers "my departments" only where asked (filters with eq / ne)', async () => {
    const onChange = vi.fn();
    wrap(
      <div data-testid="filter">
        <DepartmentSelect allowMine onChange={onChange} />
      </div>,
    );
    await openPicker(screen.getByTestId('filter'));
    await waitFor(() => expect(popupTitles()).toEqual(['我的部门', '我的部门及下级', '总部', '销售部', '研发部']));
    clickTitle('我的部门及下级');
    expect(onChange).toHaveBeenCalledWith('$myDepartmentsAndBelow');
  });
});

describe('department values in cells (jsdom)', () => {
  it('are named by the page’s labels, else shortened', () => {
    const field: FieldDefinition = { key: 'dept', label: '部门', type: 'department', options: { multiple: true } };
    wrap(
      <>
        <div data-testid="named">
          <CellValue field={field} value={['d-sales', UNKNOWN]} labels={{ departmentName: (id) => DEPARTMENTS.find((d) => d.id === id)?.name }} />
        </div>
        <div data-testid="bare">
          <CellValue field={{ ...field, options: {} }} value="d-sales" labels={{}} />
        </div>
      </>,
    );
    expect(screen.getByTestId('named').textContent).toBe('销售部、7d444840');
    expect(screen.getByTestId('bare').textContent).toBe('d-sales');
  });
});

describe('filter builder on a department field (jsdom)', { timeout: 60_000 }, () => {
  const FIELDS: FieldDefinition[] = [
    { key: 'name', label: '姓名', type: 'text' },
    { key: 'dept', label: '所属部门', type: 'department' },
  ];


  it('filters by "is my department" and offers no such value for "is any of"', async () => {
    const applied: (FilterNode | null)[] = [];
    wrap(<FilterBuilder fields={FIELDS} activeCount={0} onApply={(f) => applied.push(f)} />);
    fireEvent.click(screen.getByTestId('records-filter-add'));
    await pickOption(screen.getByTestId('records-filter-field-0'), '所属部门');
    // a single department: compared as an id, not as text
    fireEvent.mouseDown(within(screen.getByTestId('records-filter-op-0')).getByRole('combobox'));
    await waitFor(() => expect(document.querySelector('.ant-select-item-option[title="不等于"]')).toBeTruthy());
    expect(document.querySelector('.ant-select-item-option[title="包含"]')).toBeNull();
    fireEvent.mouseDown(within(screen.getByTestId('records-filter-op-0')).getByRole('combobox'));

    await openPicker(screen.getByTestId('records-filter-value-0'));
    await waitFor(() => expect(popupTitles().slice(0, 2)).toEqual(['我的部门', '我的部门及下级']));
    clickTitle('我的部门');
    fireEvent.click(screen.getByTestId('records-filter-apply'));
    expect(applied.at(-1)).toEqual({ and: [{ field: 'dept', op: 'eq', value: '$myDepartments' }] });

    // "is any of": the tree only, and the token does not survive the change
    await pickOption(screen.getByTestId('records-filter-op-0'), '属于任一');
    // the first picker's popup closes first, or its titles would be read for the new one's
    await waitFor(() => expect(popupTitles()).toEqual([]), { timeout: 5000 });
    await openPicker(screen.getByTestId('records-filter-value-0'));
    await waitFor(() => expect(popupTitles()).toEqual(['总部', '销售部', '研发部']), { timeout: 5000 });
    clickTitle('销售部');
    fireEvent.click(screen.getByTestId('records-filter-apply'));
    expect(applied.at(-1)).toEqual({ and: [{ field: 'dept', op: 'in', value: ['d-sales'] }] });
  });
});
