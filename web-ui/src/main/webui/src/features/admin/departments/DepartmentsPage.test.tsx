// @vitest-environment jsdom
/**
 * The departments page against an in-memory fake of the department API: the tree from the flat
 * list, a sub-department, members in and out, the server's refusal of a delete, and what a reader
 * without member.manage sees. The members page's department column is checked here too.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Outlet, Route, Routes } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Department, Workspace } from '../../../api';
import { changeLanguage } from '../../../i18n';
import { installDomShims, json } from '../../../testing/dom';
import MembersPage from '../members/MembersPage';
import DepartmentsPage from './DepartmentsPage';

const WS = '/api/v1/workspaces/w1';

interface Call {
  method: string;
  path: string;
  body: unknown;
}

const USERS = [
  { userId: 'u1', username: 'admin', displayName: '管理员' },
  { userId: 'u2', username: 'zhang', displayName: '张三' },
  { userId: 'u3', username: 'li', displayName: '李四' },
];

class FakeDepartments {
  departments: Department[] = [
    { id: 'd-hq', parentId: null, name: '总部', position: 0, memberCount: 0 },
    { id: 'd-sales', parentId: 'd-hq', name: '销售部', position: 0, memberCount: 1 },
    { id: 'd-rd', parentId: 'd-hq', name: '研发部', position: 1, memberCount: 0 },
  ];
  seats = new Map<string, string[]>([['d-sales', ['u2']]]);
  calls: Call[] = [];
  /** moves under this department are refused as too deep */
  full: string | null = null;
  private seq = 0;

  problem(status: number, code: string, detail: string, errors?: unknown[]): Response {
    return json(status, { type: `https://qiaoban.io/problems/${code}`, title: code, status, detail, errors });
  }

  count() {
    for (const d of this.departments) d.memberCount = this.seats.get(d.id)?.length ?? 0;
  }

  handle = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const path = url.pathname;
    this.calls.push({ method, path, body });
    if (path === '/api/v1/auth/me') return json(200, { id: 'u1', username: 'admin', displayName: '管理员', platformAdmin: false, mustChangePassword: false });
    if (path === `${WS}/roles`) return json(200, [{ id: 'r1', name: '所有者', builtIn: true, permissions: [], memberCount: 3 }]);
    if (path === `${WS}/members`) {
      return json(200, USERS.map((u) => ({
        ...u, roleId: 'r1', roleName: '所有者', mustChangePassword: false, joinedAt: '2026-01-01T00:00:00Z',
        departmentIds: [...this.seats.entries()].filter(([, ids]) => ids.includes(u.userId)).map(([id]) => id).concat(u.userId === 'u2' ? ['d-deleted'] : []),
      })));
    }
    if (path === `${WS}/departments` && method === 'GET') {
      this.count();
      return json(200, this.departments);
    }
    if (path === `${WS}/departments` && method === 'POST') {
      if (this.departments.some((d) => d.parentId === (body.parentId ?? null) && d.name === body.name)) {
        return this.problem(409, 'name-taken', '同一上级下已有同名部门', [{ field: 'name', code: 'name-taken', message: '名称已被使用' }]);
      }
      const created: Department = { id: `d-new${++this.seq}`, parentId: body.parentId ?? null, name: body.name, position: 9, memberCount: 0 };
      this.departments.push(created);
      return json(201, created);
    }
    const m = /^\/api\/v1\/workspaces\/w1\/departments\/([^/]+)(?:\/members(?:\/([^/]+))?)?$/.exec(path);
    if (!m) return json(404, { status: 404, detail: '不存在' });
    const [, id, userId] = m;
    const dept = this.departments.find((d) => d.id === id);
    if (!dept) return this.problem(404, 'not-found', '部门不存在');
    const isMembers = path.includes('/members');
    if (!isMembers && method === 'DELETE') {
      const children = this.departments.filter((d) => d.parentId === id).length;
      const members = this.seats.get(id)?.length ?? 0;
      if (children || members) return this.problem(409, 'department-not-empty', `该部门还有 ${children} 个下级部门和 ${members} 名成员，请先移走或移除。`);
      this.departments = this.departments.filter((d) => d.id !== id);
      return json(204);
    }
    if (!isMembers && method === 'PATCH') {
      if (body.parentId && body.parentId === this.full) return this.problem(409, 'department-too-deep', '部门最多嵌套 10 层。');
      Object.assign(dept, body);
      return json(200, dept);
    }
    if (isMembers && method === 'GET') {
      return json(200, USERS.filter((u) => this.seats.get(id)?.includes(u.userId)));
    }
    if (isMembers && method === 'POST') {
      this.seats.set(id, [...new Set([...(this.seats.get(id) ?? []), ...body.userIds])]);
      return json(204);
    }
    if (isMembers && method === 'DELETE' && userId) {
      this.seats.set(id, (this.seats.get(id) ?? []).filter((u) => u !== userId));
      return json(204);
    }
    return json(405, { status: 405 });
  };
}

let api: FakeDepartments;

const ALL = ['member.view', 'member.manage', 'role.manage'];

function renderAt(path: '/departments' | '/members', permissions: string[] = ALL) {
  const workspace: Workspace = { id: 'w1', name: '团队', createdAt: '2026-01-01T00:00:00Z', roleId: 'r1', roleName: '所有者', permissions };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } } });
  return render(
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <QueryClientProvider client={client}>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route element={<Outlet context={workspace} />}>
                <Route path="departments" element={<DepartmentsPage />} />
                <Route path="members" element={<MembersPage />} />
              </Route>
            </Routes>
          </MemoryRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>,
  );
}

const nodes = () => screen.queryAllByTestId('department-node');
const node = (name: string) => nodes().find((n) => n.firstChild?.textContent === name)!;
/** How deep a node is drawn: antd indents a tree node once per level. */
const depthOf = (name: string) => node(name).closest('.ant-tree-treenode')!.querySelectorAll('.ant-tree-indent-unit').length;
const calls = (method: string, path: string) => api.calls.filter((c) => c.method === method && c.path === `${WS}${path}`);

beforeAll(async () => {
  installDomShims();
  await changeLanguage('zh-CN');
});

beforeEach(() => {
  api = new FakeDepartments();
  vi.stubGlobal('fetch', vi.fn(api.handle));
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('departments page (jsdom, fake API)', { timeout: 60_000 }, () => {
  it('draws the flat list as a tree with member counts, and shows the members of the first department', async () => {
    renderAt('/departments');
    await waitFor(() => expect(nodes()).toHaveLength(3));
    expect(nodes().map((n) => n.firstChild?.textContent)).toEqual(['总部', '销售部', '研发部']);
    expect(depthOf('总部')).toBe(0);
    expect(depthOf('销售部')).toBe(1);
    expect(depthOf('研发部')).toBe(1);
    expect(within(node('销售部')).getByTestId('department-node-count').textContent).toBe('(1)');
    expect(screen.getByTestId('department-members-title').textContent).toBe('总部 的成员');

    fireEvent.click(node('销售部'));
    await waitFor(() => expect(within(screen.getByTestId('department-members')).queryByText('张三')).toBeTruthy());
    expect(screen.getByTestId('department-members-title').textContent).toBe('销售部 的成员');
  });

  it('adds a sub-department under the selected one (POST with parentId) and shows it in the tree', async () => {
    renderAt('/departments');
    await waitFor(() => expect(nodes()).toHaveLength(3));
    fireEvent.click(node('销售部'));
    fireEvent.click(screen.getByTestId('department-add-child'));
    expect(await screen.findByText('在“销售部”下新建部门')).toBeTruthy();
    fireEvent.change(screen.getByTestId('department-name'), { target: { value: ' 华东区 ' } });
    fireEvent.click(screen.getByTestId('department-submit'));
    await waitFor(() => expect(calls('POST', '/departments')).toHaveLength(1));
    expect(calls('POST', '/departments')[0].body).toEqual({ name: '华东区', parentId: 'd-sales' });
    await waitFor(() => expect(node('华东区')).toBeTruthy());
    expect(depthOf('华东区')).toBe(2);
    // the new one is selected
    await waitFor(() => expect(screen.getByTestId('department-members-title').textContent).toBe('华东区 的成员'));
  });

  it('puts a name-taken problem on the name field', async () => {
    renderAt('/departments');
    await waitFor(() => expect(nodes()).toHaveLength(3));
    fireEvent.click(screen.getByTestId('department-add'));
    fireEvent.change(await screen.findByTestId('department-name'), { target: { value: '总部' } });
    fireEvent.click(screen.getByTestId('department-submit'));
    expect(await screen.findByText('名称已被使用')).toBeTruthy();
    expect(calls('POST', '/departments')[0].body).toEqual({ name: '总部', parentId: null });
  });

  it('shows the server’s reason when a department cannot be deleted, and deletes an empty one', async () => {
    renderAt('/departments');
    await waitFor(() => expect(nodes()).toHaveLength(3));
    fireEvent.click(node('销售部'));
    fireEvent.click(screen.getByTestId('department-delete'));
    const confirm = await screen.findByText('删除部门“销售部”？');
    fireEvent.click(within(confirm.closest('.ant-popover') as HTMLElement).getByRole('button', { name: /删\s*除/ }));
    expect(await screen.findByText('该部门还有 0 个下级部门和 1 名成员，请先移走或移除。')).toBeTruthy();
    expect(nodes()).toHaveLength(3);

    fireEvent.click(node('研发部'));
    fireEvent.click(screen.getByTestId('department-delete'));
    const again = await screen.findByText('删除部门“研发部”？');
    fireEvent.click(within(again.closest('.ant-popover') as HTMLElement).getByRole('button', { name: /删\s*除/ }));
    await waitFor(() => expect(nodes()).toHaveLength(2));
    expect(calls('DELETE', '/departments/d-rd')).toHaveLength(1);
  });

  it('renames the selected department', async () => {
    renderAt('/departments');
    await waitFor(() => expect(nodes()).toHaveLength(3));
    fireEvent.click(node('研发部'));
    fireEvent.click(screen.getByTestId('department-rename'));
    const input = (await screen.findByTestId('department-name')) as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe('研发部'));
    fireEvent.change(input, { target: { value: '产品研发部' } });
    fireEvent.click(screen.getByTestId('department-submit'));
    await waitFor(() => expect(node('产品研发部')).toBeTruthy());
    expect(calls('PATCH', '/departments/d-rd')[0].body).toEqual({ name: '产品研发部' });
  });

  it('adds workspace members to a department and takes one out again', async () => {
    renderAt('/departments');
    await waitFor(() => expect(nodes()).toHaveLength(3));
    fireEvent.click(node('销售部'));
    await waitFor(() => expect(within(screen.getByTestId('department-members')).queryByText('张三')).toBeTruthy());

    fireEvent.click(screen.getByTestId('department-member-add'));
    const select = await screen.findByTestId('department-member-select');
    fireEvent.mouseDown(within(select).getByRole('combobox'));
    const option = await waitFor(() => {
      const o = [...document.querySelectorAll('.ant-select-item-option')].find((x) => x.getAttribute('title') === '李四 (li)');
      if (!o) throw new Error('no option yet');
      return o;
    });
    // who is in it already is not offered
    expect(document.querySelector('.ant-select-item-option[title="张三 (zhang)"]')).toBeNull();
    fireEvent.click(option);
    fireEvent.click(screen.getByTestId('department-member-submit'));
    await waitFor(() => expect(calls('POST', '/departments/d-sales/members')).toHaveLength(1));
    expect(calls('POST', '/departments/d-sales/members')[0].body).toEqual({ userIds: ['u3'] });
    await waitFor(() => expect(within(screen.getByTestId('department-members')).queryByText('李四')).toBeTruthy());
    // the counts in the tree are read again
    await waitFor(() => expect(within(node('销售部')).getByTestId('department-node-count').textContent).toBe('(2)'));

    const row = within(screen.getByTestId('department-members')).getByText('张三').closest('tr') as HTMLElement;
    fireEvent.click(within(row).getByTestId('department-member-remove'));
    const confirm = await screen.findByText('将 张三 移出“销售部”？');
    fireEvent.click(within(confirm.closest('.ant-popover') as HTMLElement).getByRole('button', { name: /移\s*除/ }));
    await waitFor(() => expect(calls('DELETE', '/departments/d-sales/members/u2')).toHaveLength(1));
    await waitFor(() => expect(within(screen.getByTestId('department-members')).queryByText('张三')).toBeNull());
  });

  it('moves a department dropped onto another one under it; a refused move leaves the tree as the server has it', async () => {
    api.departments.push({ id: 'd-branch', parentId: null, name: '分公司', position: 1, memberCount: 0 });
    api.full = 'd-sales';
    renderAt('/departments');
    await waitFor(() => expect(nodes()).toHaveLength(4));
    const drag = (from: string, to: string) => {
      const source = node(from).closest('.ant-tree-treenode') as HTMLElement;
      const target = node(to).closest('.ant-tree-treenode') as HTMLElement;
      expect(source.getAttribute('draggable')).toBe('true');
      fireEvent.dragStart(source);
      fireEvent.dragEnter(target);
      fireEvent.dragOver(target);
      fireEvent.drop(target);
      fireEvent.dragEnd(source);
    };

    drag('研发部', '销售部');
    expect(await screen.findByText('部门最多嵌套 10 层。')).toBeTruthy();
    expect(calls('PATCH', '/departments/d-rd')[0].body).toEqual({ parentId: 'd-sales', position: 0 });
    expect(nodes().map((n) => n.firstChild?.textContent)).toEqual(['总部', '销售部', '研发部', '分公司']);
    expect(depthOf('研发部')).toBe(1);

    drag('研发部', '分公司');
    await waitFor(() => expect(nodes().map((n) => n.firstChild?.textContent)).toEqual(['总部', '销售部', '分公司', '研发部']));
    expect(calls('PATCH', '/departments/d-rd')[1].body).toEqual({ parentId: 'd-branch', position: 0 });
    expect(depthOf('研发部')).toBe(1);
  });

  it('is read-only without member.manage', async () => {
    renderAt('/departments', ['member.view']);
    await waitFor(() => expect(nodes()).toHaveLength(3));
    fireEvent.click(node('销售部'));
    await waitFor(() => expect(within(screen.getByTestId('department-members')).queryByText('张三')).toBeTruthy());
    for (const id of ['department-add', 'department-add-child', 'department-rename', 'department-delete', 'department-member-add', 'department-member-remove']) {
      expect(screen.queryByTestId(id), id).toBeNull();
    }
    expect(screen.getByTestId('department-tree').querySelector('[draggable="true"]')).toBeNull();
  });

  it('invites the first department when there is none, and is closed to those who may not see members', async () => {
    api.departments = [];
    renderAt('/departments');
    expect(await screen.findByTestId('departments-empty')).toBeTruthy();
    expect(screen.getByTestId('department-add-first')).toBeTruthy();
    cleanup();

    renderAt('/departments', ['app.view']);
    expect(await screen.findByText('无权访问')).toBeTruthy();
    expect(api.calls.filter((c) => c.path === `${WS}/departments` && c.method === 'GET')).toHaveLength(1);
  });
});

describe('members page (jsdom, fake API)', { timeout: 60_000 }, () => {
  it('lists the departments of each member, leaving out ids it does not know', async () => {
    renderAt('/members');
    const tags = await screen.findByTestId('member-departments');
    await waitFor(() => expect(tags.textContent).toBe('销售部'));
    expect(screen.getAllByTestId('member-departments')).toHaveLength(1);
    expect(screen.queryByText('d-deleted')).toBeNull();
  });
});
