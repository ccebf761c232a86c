// End-to-end journey of an approval: a three-step discount approval with a countersign, decided through the inbox.
//
//   BASE_URL=http://localhost:8080 ADMIN_USER=admin ADMIN_PASSWORD=... SCREENSHOT_DIR=../../../../docs/images \
//     node --test e2e/approvals.e2e.mjs
//
// Same env as shell.e2e.mjs. No fixed sleeps: every step waits for an element, a URL or an API response.
//
// The journey: a 折扣申请 form and two finance members; the flow 折扣审批 (manager -> 财务会签 by both -> 总经理)
// is saved through the API from inside the page (the canvas's drag and connect are covered by the designer's own
// tests) and published with the designer's button; the admin opens the record and starts the approval from its
// drawer (发起折扣审批), then approves step 1 in the inbox; each finance member signs in and approves in their own inbox (the step
// waits until both did); the admin approves the last step; the monitor shows the instance completed, the record
// marked 已批准. Screenshots: approvals-inbox.png, flow-monitor.png.
//
// Then a reminder (the application must run with the test profile, whose clock a test may move): a refund approval
// that reminds its approver after 2 hours; the clock moves 3 hours on; the approver's bell shows the notice, which
// opens the request in their inbox, marked 已催办. Screenshot: approval-reminder.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN_PASSWORD, ADMIN_USER, BASE_URL, JSON_HEADERS, addMember, apiResponse, byId, guideScreenshot, publishForm, signIn,
  signInWithApp, stamp, useBrowser, withPage, flowNode,
} from './support.mjs';

const WORKSPACE_NAME = `E2E 审批 ${stamp}`;
const APP_NAME = `E2E 折扣 ${stamp}`;
const REMINDER_WORKSPACE_NAME = `E2E 催办 ${stamp}`;

useBrowser();

function discountApproval(admin, finance1, finance2) {
  return {
    nodes: [
      flowNode('start', 'trigger', '提交折扣申请', { on: 'manual', form: 'discount' }, 250, 0),
      flowNode('manager', 'approval', '主管审批', { mode: 'any', assignees: { by: 'user', users: [admin] } }, 250, 120),
      flowNode('finance', 'approval', '财务会签', { mode: 'all', assignees: { by: 'user', users: [finance1, finance2] } }, 250, 240),
      flowNode('ceo', 'approval', '总经理审批', { mode: 'sequential', assignees: { by: 'user', users: [admin] } }, 250, 360),
      flowNode('approved', 'action', '标记已批准', { action: 'record.update', values: { status: '已批准' } }, 250, 480),
      flowNode('rejected', 'action', '标记已驳回', { action: 'record.update', values: { status: '已驳回' } }, 520, 480),
      flowNode('done', 'end', '完成', {}, 250, 600),
      flowNode('closed', 'end', '关闭', {}, 520, 600),
    ],
    edges: [
      { from: 'start', to: 'manager' },
      { from: 'manager', to: 'finance', when: 'approved' },
      { from: 'manager', to: 'rejected', when: 'rejected' },
      { from: 'finance', to: 'ceo' },
      { from: 'finance', to: 'rejected', when: 'rejected' },
      { from: 'ceo', to: 'approved' },
      { from: 'ceo', to: 'rejected', when: 'rejected' },
      { from: 'approved', to: 'done' },
      { from: 'rejected', to: 'closed' },
    ],
  };
}

/** Opens the inbox, opens the one request of this flow waiting there and decides it. */
async function approveInInbox(page, workspaceId, comment) {
  await page.goto(`${BASE_URL}/w/${workspaceId}/inbox`);
  await byId(page, 'inbox-open').filter({ hasText: '折扣审批' }).click();
  await byId(page, 'record-summary').waitFor();
  if (comment) await byId(page, 'decision-comment').fill(comment);
  const [decided] = await Promise.all([apiResponse(page, 'POST', /\/tasks\/[^/]+\/decision$/), byId(page, 'decision-approve').click()]);
  assert.equal(decided.status(), 200, await decided.text());
  await byId(page, 'inbox-drawer').waitFor({ state: 'detached' });
}

test('approvals: a three-step discount approval with a countersign, decided in the inbox by three people', async () => {
  await withPage(async (page) => {
    const { workspace, app } = await signInWithApp(page, WORKSPACE_NAME, APP_NAME);
    const me = await (await page.request.get(`${BASE_URL}/api/v1/auth/me`, { headers: JSON_HEADERS })).json();
    const finance1 = await addMember(page, workspace.id, '财务甲');
    const finance2 = await addMember(page, workspace.id, '财务乙');
    const form = await publishForm(page, workspace.id, app.id, 'discount', '折扣申请', [
      { key: 'title', label: '申请事项', type: 'text' },
      { key: 'amount', label: '折扣金额', type: 'money' },
      { key: 'status', label: '状态', type: 'text' },
    ]);
    const recordsApi = `${BASE_URL}/api/v1/workspaces/${workspace.id}/apps/${app.id}/forms/${form.id}/records`;
    const record = await page.request.post(recordsApi, { data: { title: '双十一大客户折扣', amount: 1200 }, headers: JSON_HEADERS });
    assert.equal(record.status(), 201, await record.text());

    const flowsApi = `${BASE_URL}/api/v1/workspaces/${workspace.id}/apps/${app.id}/flows`;
    const created = await page.request.post(flowsApi, {
      data: { kind: 'approval', name: '折扣审批', graph: discountApproval(me.id, finance1.id, finance2.id) }, headers: JSON_HEADERS,
    });
    assert.equal(created.status(), 201, await created.text());
    const flow = await created.json();
    await page.goto(`${BASE_URL}/w/${workspace.id}/apps/${app.id}/flows/${flow.id}/design`);
    await byId(page, 'flow-problems-none').waitFor();
    const [published] = await Promise.all([apiResponse(page, 'POST', /\/publish$/), byId(page, 'flow-publish').click()]);
    assert.equal(published.status(), 200);

    // start it from the record itself: its drawer offers the flows started by hand about a 折扣申请
    await page.goto(`${BASE_URL}/w/${workspace.id}/apps/${app.id}/forms/${form.id}/records`);
    await byId(page, 'records-table').getByText('双十一大客户折扣').click();
    const drawer = byId(page, 'record-drawer');
    await byId(drawer, 'record-start-flow').click();
    await page.getByText('关于当前这条记录').waitFor();
    const [started] = await Promise.all([apiResponse(page, 'POST', /\/instances$/), byId(page, 'start-flow-ok').click()]);
    assert.equal(started.status(), 201, await started.text());
    const instance = await started.json();
    await page.waitForURL(new RegExp(`/flow-instances/${instance.id}$`));
    await page.locator('[data-testid="instance-graph"][data-current="manager"]').waitFor();

    // step 1: the manager (the admin)
    await page.goto(`${BASE_URL}/w/${workspace.id}/inbox`);
    await byId(page, 'inbox-open').filter({ hasText: '折扣审批' }).waitFor();
    await byId(page, 'inbox-open').filter({ hasText: '折扣审批' }).click();
    await byId(page, 'record-summary').getByText('双十一大客户折扣').waitFor();
    await guideScreenshot(page, 'approvals-inbox.png');
    await byId(page, 'decision-comment').fill('同意，请财务核对预算');
    const [first] = await Promise.all([apiResponse(page, 'POST', /\/decision$/), byId(page, 'decision-approve').click()]);
    assert.equal(first.status(), 200);

    // step 2: the countersign waits for both finance members
    for (const [who, comment] of [[finance1, '预算内'], [finance2, '同意']]) {
      await withPage(async (theirs) => {
        await signIn(theirs, who.username, who.password);
        await approveInInbox(theirs, workspace.id, comment);
        await theirs.goto(`${BASE_URL}/w/${workspace.id}/inbox`);
        await byId(theirs, 'inbox-tab-done').click();
        await byId(theirs, 'inbox-open').filter({ hasText: '折扣审批' }).waitFor();
      }, 'approvals-finance');
      const detail = await (await page.request.get(`${BASE_URL}/api/v1/workspaces/${workspace.id}/flow-instances/${instance.id}`,
        { headers: JSON_HEADERS })).json();
      assert.deepEqual(detail.currentNodes, who === finance1 ? ['finance'] : ['ceo'], `after ${who.username}`);
    }

    // step 3: the general manager (the admin again), then the monitor
    await approveInInbox(page, workspace.id);
    await page.goto(`${BASE_URL}/w/${workspace.id}/flow-instances/${instance.id}`);
    await page.locator('[data-testid="instance-state"][data-state="completed"]').waitFor();
    await byId(page, 'record-summary').getByText('已批准').waitFor();
    assert.equal(await byId(page, 'flow-node-ceo').getAttribute('data-run'), 'passed');
    await page.getByRole('tab', { name: /审批（/ }).click();
    await byId(page, 'instance-tasks').getByText('预算内').waitFor();
    await guideScreenshot(page, 'flow-monitor.png');
    assert.ok(ADMIN_USER && ADMIN_PASSWORD);
  }, 'approvals');
});

test('approvals: an approver who waits too long is reminded in the bell, which opens the request', async () => {
  await withPage(async (page) => {
    const { workspace, app } = await signInWithApp(page, REMINDER_WORKSPACE_NAME, APP_NAME);
    const approver = await addMember(page, workspace.id, '客服主管');
    const form = await publishForm(page, workspace.id, app.id, 'refund', '退款申请', [{ key: 'title', label: '退款事项', type: 'text' }]);
    const record = await page.request.post(`${BASE_URL}/api/v1/workspaces/${workspace.id}/apps/${app.id}/forms/${form.id}/records`,
      { data: { title: '订单 8812 退款' }, headers: JSON_HEADERS });
    assert.equal(record.status(), 201, await record.text());
    const flowsApi = `${BASE_URL}/api/v1/workspaces/${workspace.id}/apps/${app.id}/flows`;
    const created = await page.request.post(flowsApi, {
      data: {
        kind: 'approval', name: '退款审批', graph: {
          nodes: [
            flowNode('start', 'trigger', '提交退款', { on: 'manual', form: 'refund' }, 250, 0),
            flowNode('check', 'approval', '主管审核', { assignees: { by: 'user', users: [approver.id] }, remindAfter: 'PT2H' }, 250, 120),
            flowNode('end', 'end', '完成', {}, 250, 240),
          ],
          edges: [{ from: 'start', to: 'check' }, { from: 'check', to: 'end' }],
        },
      },
      headers: JSON_HEADERS,
    });
    assert.equal(created.status(), 201, await created.text());
    const flow = await created.json();
    assert.equal((await page.request.post(`${flowsApi}/${flow.id}/publish`, { headers: JSON_HEADERS })).status(), 200);
    const started = await page.request.post(`${flowsApi}/${flow.id}/instances`, { data: { recordId: (await record.json()).id }, headers: JSON_HEADERS });
    assert.equal(started.status(), 201, await started.text());

    const moved = await page.request.post(`${BASE_URL}/api/v1/test/clock`, { data: { advance: 'PT3H' }, headers: JSON_HEADERS });
    assert.equal(moved.status(), 200, `the clock moves only under the test profile: ${await moved.text()}`);

    await withPage(async (theirs) => {
      await signIn(theirs, approver.username, approver.password);
      await theirs.goto(`${BASE_URL}/w/${workspace.id}/apps`);
      // the reminder job runs in the background: the bell looks again until it is there
      const bell = byId(theirs, 'notifications-bell');
      for (let i = 0; i < 50 && (await bell.getAttribute('data-unread')) !== '1'; i++) {
        await theirs.waitForTimeout(300);
        if (i % 10 === 9) await theirs.reload();
      }
      assert.equal(await bell.getAttribute('data-unread'), '1');
      await bell.click();
      const notice = byId(theirs, 'notification').filter({ hasText: '审批催办：退款审批' });
      await notice.getByText('“退款审批”的“主管审核”还在等你审批').waitFor();
      await guideScreenshot(theirs, 'approval-reminder.png');
      await notice.click();
      await theirs.waitForURL(/\/inbox/);
      await byId(theirs, 'record-summary').getByText('订单 8812 退款').waitFor();
      await byId(theirs, 'decision-approve').waitFor();
      await byId(theirs, 'inbox-reminded').waitFor();
      await theirs.waitForFunction(() => document.querySelector('[data-testid="notifications-bell"]')?.getAttribute('data-unread') === '0');
    }, 'approvals-reminder');
  }, 'approvals-reminder-admin');
});
