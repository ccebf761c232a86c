// End-to-end journey of the organisation: departments and their members, and a department field on a record.
//
//   BASE_URL=http://localhost:8080 ADMIN_USER=admin ADMIN_PASSWORD=... SCREENSHOT_DIR=../../../../docs/images \
//     node --test e2e/departments.e2e.mjs
//
// Same env as shell.e2e.mjs. No fixed sleeps: every step waits for an element, a URL or an API response.
//
// The journey: a workspace and an app; a member added through the API from inside the page; the tree
// 总部 / 销售部 / 华东区 and 客服部 built on the departments page; the member put into 华东区 (the members page
// then shows the department); 客服部 deleted while 总部 (not empty) is refused with the server's message;
// a published form with a department field, a record created with 华东区 picked from the tree, the grid showing
// the department's name. Screenshot: departments.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, apiResponse, byId, guideScreenshot, signInWithApp, stamp, useBrowser, withPage } from './support.mjs';

const WORKSPACE_NAME = `E2E 部门 ${stamp}`;
const APP_NAME = `E2E 工单 ${stamp}`;
const JSON_HEADERS = { Accept: 'application/json, application/problem+json', 'Accept-Language': 'zh-CN' };

useBrowser();

/** Adds a department through the dialog, under the selected one when `child`; returns it as the API answered. */
async function addDepartment(page, workspaceId, name, { child = false } = {}) {
  await byId(page, child ? 'department-add-child' : 'department-add').click();
  await byId(page, 'department-name').fill(name);
  const created = apiResponse(page, 'POST', new RegExp(`/api/v1/workspaces/${workspaceId}/departments$`));
  await byId(page, 'department-submit').click();
  const response = await created;
  assert.equal(response.status(), 201, `creating ${name} answered ${response.status()}`);
  await node(page, name).waitFor();
  return response.json();
}

const node = (page, name) => byId(byId(page, 'department-tree'), 'department-node').filter({ hasText: name }).first();

/**
 * Picks a person in the add-members dialog. A click can land while the dropdown still slides in and
 * choose nothing (seen here): click again until the choice shows in the select.
 */
async function chooseMember(page, name) {
  const select = byId(page, 'department-member-select');
  await select.click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).first();
  const chosen = select.locator('.ant-select-selection-item').filter({ hasText: name });
  for (let attempt = 0; attempt < 5; attempt++) {
    await option.click();
    try {
      await chosen.waitFor({ timeout: 2000 });
      break;
    } catch {
      // not chosen yet: try again
    }
  }
  await chosen.waitFor();
  await page.keyboard.press('Escape');
}

/** Deletes the selected department through its confirmation; returns the API's answer. */
async function deleteSelected(page) {
  await byId(page, 'department-delete').click();
  const confirm = page.locator('.ant-popconfirm:visible').getByRole('button', { name: /删\s*除|Delete/ });
  await confirm.waitFor();
  const [response] = await Promise.all([apiResponse(page, 'DELETE', /\/departments\/[^/]+$/), confirm.click()]);
  await confirm.waitFor({ state: 'hidden' });
  return response;
}

async function select(page, name) {
  await node(page, name).click();
  await byId(page, 'department-members-title').filter({ hasText: name }).waitFor();
}

test('departments: build the tree, seat a member, refuse deleting a non-empty one, pick a department on a record', async () => {
  await withPage(async (page) => {
    const { workspace, app } = await signInWithApp(page, WORKSPACE_NAME, APP_NAME);
    const wsApi = `${BASE_URL}/api/v1/workspaces/${workspace.id}`;

    const roles = await (await page.request.get(`${wsApi}/roles`, { headers: JSON_HEADERS })).json();
    const memberRole = roles.find((r) => r.builtInKey === 'member');
    const added = await page.request.post(`${wsApi}/members`, {
      data: { username: `wang-${stamp}`, displayName: '王销售', initialPassword: `Init${stamp}9`, roleId: memberRole.id },
      headers: JSON_HEADERS,
    });
    assert.equal(added.status(), 201, await added.text());

    await page.goto(`${BASE_URL}/w/${workspace.id}/departments`);
    await byId(page, 'departments-empty').waitFor();
    await byId(page, 'department-add-first').click();
    await byId(page, 'department-name').fill('总部');
    const first = apiResponse(page, 'POST', /\/departments$/);
    await byId(page, 'department-submit').click();
    assert.equal((await first).status(), 201);
    await node(page, '总部').waitFor();

    await select(page, '总部');
    await addDepartment(page, workspace.id, '销售部', { child: true });
    await select(page, '销售部');
    const east = await addDepartment(page, workspace.id, '华东区', { child: true });
    assert.ok(east.parentId, '华东区 is a sub-department');
    await addDepartment(page, workspace.id, '客服部');

    // the member into 华东区
    await select(page, '华东区');
    await byId(page, 'department-member-add').click();
    await chooseMember(page, '王销售');
    const [seated] = await Promise.all([
      apiResponse(page, 'POST', /\/departments\/[^/]+\/members$/),
      byId(page, 'department-member-submit').click(),
    ]);
    assert.equal(seated.status(), 204);
    await byId(page, 'department-members').getByText('王销售').waitFor();
    await node(page, '华东区').getByText('(1)').waitFor();

    // an empty department goes; a department with sub-departments stays, with the server's reason
    await select(page, '客服部');
    assert.equal((await deleteSelected(page)).status(), 204);
    await node(page, '客服部').waitFor({ state: 'detached' });
    await select(page, '总部');
    assert.equal((await deleteSelected(page)).status(), 409);
    await page.locator('.ant-message-notice').filter({ hasText: '下级部门' }).waitFor();
    await select(page, '华东区');
    await guideScreenshot(page, 'departments.png');

    // the members page shows where people sit
    await page.goto(`${BASE_URL}/w/${workspace.id}/members`);
    await byId(page, 'member-table').locator('tr').filter({ hasText: '王销售' }).getByText('华东区').waitFor();

    // a department field on a record: picked from the tree, shown by name
    const appApi = `${wsApi}/apps/${app.id}`;
    const form = await (await page.request.post(`${appApi}/forms`, {
      data: { key: 'ticket', name: '工单', fields: [
        { key: 'title', label: '标题', type: 'text', required: true },
        { key: 'dept', label: '所属部门', type: 'department' },
      ] },
      headers: JSON_HEADERS,
    })).json();
    const published = await page.request.post(`${appApi}/forms/${form.id}/publish`, { headers: JSON_HEADERS });
    assert.equal(published.status(), 200, await published.text());
    await page.goto(`${BASE_URL}/w/${workspace.id}/apps/${app.id}/forms/${form.id}/records`);
    await byId(page, 'records-new').click();
    const recordForm = byId(page, 'record-form');
    await byId(recordForm, 'record-field-title').locator('input').fill('华东客户投诉');
    await byId(recordForm, 'department-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper').filter({ hasText: '华东区' }).first().click();
    const saved = apiResponse(page, 'POST', /\/records$/);
    await byId(page, 'record-save').click();
    const record = await (await saved).json();
    assert.equal(record.data.dept, east.id);
    await byId(page, 'records-table').locator('tr').filter({ hasText: '华东客户投诉' }).getByText('华东区').waitFor();
  }, 'departments');
});
