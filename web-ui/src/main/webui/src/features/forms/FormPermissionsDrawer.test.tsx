// @vitest-environment jsdom
/**
 * The rows column of the form permissions drawer: a member field offers "is me", a department field
 * "is my department" and "is my department or below"; the choice is saved as the row filter.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../../i18n';
import { installDomShims, json } from '../../testing/dom';
import { FormPermissionsDrawer } from './FormPermissionsDrawer';
import type { FieldDefinition } from './types';

const BASE = '/api/v1/workspaces/w1/apps/a1/forms/f1/permissions';
const FIELDS: FieldDefinition[] = [
  { key: 'name', label: '名称', type: 'text' },
  { key: 'owner', label: '负责人', type: 'member' },
  { key: 'dept', label: '所属部门', type: 'department' },
];

let puts: { path: string; body: Record<string, unknown> }[];
let rowFilter: unknown;

beforeAll(async () => {
  installDomShims();
  await changeLanguage('zh-CN');
});

beforeEach(() => {
  puts = [];
  rowFilter = { field: 'dept', op: 'eq', value: '$myDepartments' };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = new URL(String(input), 'http://localhost').pathname;
      if (path === BASE) {
        return json(200, [{ roleId: 'r1', roleName: '成员', custom: true,
          setting: { roleId: 'r1', view: true, create: true, edit: true, delete: false, rowFilter, hiddenFields: [] } }]);
      }
      if (path === `${BASE}/r1` && init?.method === 'PUT') {
        const body = JSON.parse(String(init.body));
        puts.push({ path, body });
        rowFilter = body.rowFilter;
        return json(200, { roleId: 'r1', ...body });
      }
      return json(404, { status: 404, detail: '不存在' });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderDrawer(onClose: () => void = () => undefined) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <QueryClientProvider client={client}>
          <FormPermissionsDrawer workspaceId="w1" appId="a1" formId="f1" fields={FIELDS} onClose={onClose} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>,
  );
}

describe('form permissions drawer (jsdom)', { timeout: 60_000 }, () => {
  it('limits rows to the records of the user’s departments and below', async () => {
    renderDrawer();
    const rows = await screen.findByTestId('perm-rows');
    // the saved filter is shown as its choice
    await waitFor(() => expect(rows.textContent).toBe('所属部门是我的部门'));

    fireEvent.mouseDown(within(rows).getByRole('combobox'));
    const titles = await waitFor(() => {
      const found = [...document.querySelectorAll('.ant-select-item-option')].map((o) => o.getAttribute('title'));
      if (found.length < 4) throw new Error('options not there yet');
      return found;
    });
    expect(titles).toEqual(['全部记录', '负责人是自己的', '所属部门是我的部门', '所属部门是我的部门或其下级']);
    fireEvent.click(document.querySelector('.ant-select-item-option[title="所属部门是我的部门或其下级"]')!);
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0].body.rowFilter).toEqual({ field: 'dept', op: 'eq', value: '$myDepartmentsAndBelow' });
  });

  it('asks before closing with a change not saved', async () => {
    const onClose = vi.fn();
    renderDrawer(onClose);
    const rows = await screen.findByTestId('perm-rows');
    await waitFor(() => expect(rows.textContent).toBe('所属部门是我的部门'));
    fireEvent.mouseDown(within(rows).getByRole('combobox'));
    fireEvent.click(await waitFor(() => {
      const option = document.querySelector('.ant-select-item-option[title="全部记录"]');
      if (!option) throw new Error('options not there yet');
      return option;
    }));
    fireEvent.click(document.querySelector('.ant-drawer-close')!);
    await screen.findByText('还有角色的权限改了没保存：关闭后这些修改会丢失。');
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(await screen.findByTestId('perm-leave-ok'));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(puts).toHaveLength(0);
  });
});
