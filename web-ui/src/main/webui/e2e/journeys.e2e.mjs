// End-to-end journey of an automation journey with the clock advanced: the new-customer journey.
//
//   BASE_URL=http://localhost:8080 ADMIN_USER=admin ADMIN_PASSWORD=... SCREENSHOT_DIR=../../../../docs/images \
//     node --test e2e/journeys.e2e.mjs
//
// The application must run with the test profile (-Dquarkus.profile=test): only there can a test move its clock
// (POST /api/v1/test/clock); in every other run that route does not exist.
//
// The journey: an 订单 form; the flow 新客关怀 (first order -> thanks now -> wait 7 days -> repurchased? -> coupon) saved
// through the API and published with the designer's button; an order is entered; the monitor shows the instance
// waiting at 等 7 天 with the thank-you message sent; the clock is moved 7 days on (and on to the morning if that
// lands in the quiet hours, when marketing messages wait); the monitor shows the instance completed along
// thanks -> wait -> condition -> coupon with both messages; the messages page finds both by the customer's phone,
// and the operator puts the customer on the opt-out list. Screenshots: journey-monitor.png, messages.png.
//
// Then test mode and the goal: the same journey with the goal "ordered again within 30 days" is tested in the
// designer for a sample order whose customer orders again on day 3 (the path ends at the goal, only the thank-you
// message would go, nothing is written); once published, a customer who orders again leaves the journey and the
// runs page charts the conversion. Screenshots: journey-test-mode.png, journey-conversion.png.
//
// Then a schedule: a 会员关怀 journey that runs for the gold members is set to "weekly, Monday and Friday at 9:00"
// in the designer, which lists the next runs the server computes; once published, each jump of the clock by a week
// runs it once (a missed run is caught up once, not once per missed moment), starting each gold member (and no
// other) once per run. Screenshot: journey-schedule.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN_PASSWORD, ADMIN_USER, BASE_URL, JSON_HEADERS, apiResponse, byId, guideScreenshot, publishForm, signIn, signInWithApp,
  stamp, useBrowser, withPage, flowNode,
} from './support.mjs';

const WORKSPACE_NAME = `E2E 旅程 ${stamp}`;
const APP_NAME = `E2E 会员 ${stamp}`;
const GOAL_WORKSPACE_NAME = `E2E 旅程目标 ${stamp}`;
const SCHEDULE_WORKSPACE_NAME = `E2E 定时旅程 ${stamp}`;
const ORDERED_AGAIN = { event: 'record.created', form: 'order', match: 'phone', within: 'P30D' };

useBrowser();

const NEW_CUSTOMER = {
  nodes: [
    flowNode('firstOrder', 'trigger', '首单', { on: 'record.created', form: 'order', customerField: 'phone' }, 250, 0),
    flowNode('thanks', 'action', '感谢短信', { action: 'message.send', template: 'thanks', to: '=phone', marketing: false, body: '感谢您的首单' }, 250, 110),
    flowNode('week', 'wait', '等 7 天', { duration: 'P7D' }, 250, 220),
    flowNode('repurchased', 'condition', '复购了吗', {}, 250, 330),
    flowNode('coupon', 'action', '发优惠券', { action: 'message.send', template: 'coupon-10', to: '=phone', body: '送您 10 元券' }, 420, 440),
    flowNode('loyal', 'end', '已复购', {}, 80, 440),
    flowNode('end', 'end', '结束', {}, 420, 560),
  ],
  edges: [
    { from: 'firstOrder', to: 'thanks' },
    { from: 'thanks', to: 'week' },
    { from: 'week', to: 'repurchased' },
    { from: 'repurchased', to: 'loyal', when: 'orderCount > 1' },
    { from: 'repurchased', to: 'coupon', when: 'else' },
    { from: 'coupon', to: 'end' },
  ],
};

async function instanceDetail(page, workspaceId, instanceId) {
  const res = await page.request.get(`${BASE_URL}/api/v1/workspaces/${workspaceId}/flow-instances/${instanceId}`, { headers: JSON_HEADERS });
  assert.equal(res.status(), 200, await res.text());
  return res.json();
}

/** Moves the application's clock on; sessions age with it, so the admin signs in again. */
async function advance(page, duration) {
  const moved = await page.request.post(`${BASE_URL}/api/v1/test/clock`, { data: { advance: duration }, headers: JSON_HEADERS });
  assert.equal(moved.status(), 200, `the clock moves only under the test profile: ${await moved.text()}`);
  await signIn(page, ADMIN_USER, ADMIN_PASSWORD);
}

/** The flow's instances once `done(instances)` holds (polling the API, as the runs page does); the last answer otherwise. */
async function instancesOnce(page, flowsApi, flowId, done) {
  let instances = [];
  for (let i = 0; i < 100; i++) {
    instances = await (await page.request.get(`${flowsApi}/${flowId}/instances`, { headers: JSON_HEADERS })).json();
    if (done(instances)) break;
    await page.waitForTimeout(200);
  }
  return instances;
}

/** Waits (polling the API, as the monitor does) until the instance has left the node. */
async function waitUntilPast(page, workspaceId, instanceId, nodeId) {
  for (let i = 0; i < 100; i++) {
    const detail = await instanceDetail(page, workspaceId, instanceId);
    if (!detail.currentNodes.includes(nodeId)) return detail;
    await page.waitForTimeout(200);
  }
  assert.fail(`the instance stayed at ${nodeId}`);
}

test('journeys: the new-customer journey thanks at once, waits a week on a moved clock, then sends a coupon', async () => {
  await withPage(async (page) => {
    const { workspace, app } = await signInWithApp(page, WORKSPACE_NAME, APP_NAME);
    const form = await publishForm(page, workspace.id, app.id, 'order', '订单', [
      { key: 'phone', label: '手机', type: 'text' },
      { key: 'orderCount', label: '下单次数', type: 'number' },
    ]);
    const flowsApi = `${BASE_URL}/api/v1/workspaces/${workspace.id}/apps/${app.id}/flows`;
    const created = await page.request.post(flowsApi, { data: { kind: 'journey', name: '新客关怀', graph: NEW_CUSTOMER }, headers: JSON_HEADERS });
    assert.equal(created.status(), 201, await created.text());
    const flow = await created.json();
    await page.goto(`${BASE_URL}/w/${workspace.id}/apps/${app.id}/flows/${flow.id}/design`);
    await byId(page, 'flow-problems-none').waitFor();
    const [published] = await Promise.all([apiResponse(page, 'POST', /\/publish$/), byId(page, 'flow-publish').click()]);
    assert.equal(published.status(), 200);

    const order = await page.request.post(`${BASE_URL}/api/v1/workspaces/${workspace.id}/apps/${app.id}/forms/${form.id}/records`,
      { data: { phone: '13800138000', orderCount: 1 }, headers: JSON_HEADERS });
    assert.equal(order.status(), 201, await order.text());

    // the order starts the journey (through the outbox): it shows on the flow's runs
    await page.goto(`${BASE_URL}/w/${workspace.id}/apps/${app.id}/flows/${flow.id}/instances`);
    await byId(page, 'instance-link').first().click();
    await page.locator('[data-testid="instance-graph"][data-current="week"]').waitFor();
    const instanceId = new URL(page.url()).pathname.split('/').pop();
    await page.getByRole('tab', { name: /消息（1）/ }).click();
    await byId(page, 'instance-messages').getByText('感谢您的首单').waitFor();

    await advance(page, 'P7D');
    let detail = await waitUntilPast(page, workspace.id, instanceId, 'week');
    if (detail.currentNodes.includes('coupon')) {
      // the week ended in the quiet hours: the coupon waits for the morning
      const wait = detail.steps.find((s) => s.nodeId === 'coupon' && s.state === 'waiting');
      assert.ok(wait?.detail?.quietHours, 'a marketing message waits only for the quiet hours');
      await advance(page, 'PT11H');
      detail = await waitUntilPast(page, workspace.id, instanceId, 'coupon');
    }
    assert.equal(detail.instance.state, 'completed');
    assert.deepEqual(detail.steps.map((s) => s.nodeId), ['firstOrder', 'thanks', 'week', 'repurchased', 'coupon', 'end']);
    assert.deepEqual(detail.messages.map((m) => m.template), ['thanks', 'coupon-10']);

    await page.goto(`${BASE_URL}/w/${workspace.id}/flow-instances/${instanceId}`);
    await page.locator('[data-testid="instance-state"][data-state="completed"]').waitFor();
    assert.equal(await byId(page, 'flow-node-coupon').getAttribute('data-run'), 'passed');
    assert.equal(await byId(page, 'flow-node-loyal').getAttribute('data-run'), null);
    await guideScreenshot(page, 'journey-monitor.png');

    // the operator's view of the same customer: both messages in the message log; they unsubscribe (退订)
    await byId(page, 'nav-messages').click();
    await byId(page, 'messages-search').locator('input').fill('13800138000');
    await byId(page, 'messages-search').locator('input').press('Enter');
    await byId(page, 'messages-table').getByText('送您 10 元券').waitFor();
    await byId(page, 'messages-table').getByText('感谢您的首单').waitFor();
    await guideScreenshot(page, 'messages.png');
    await byId(page, 'messages-tab-opt-outs').click();
    await byId(page, 'opt-out-recipient').fill('13800138000');
    const [optedOut] = await Promise.all([apiResponse(page, 'POST', /\/message-opt-outs$/), byId(page, 'opt-out-add').click()]);
    assert.equal(optedOut.status(), 204);
    await byId(page, 'opt-outs-table').getByText('13800138000').waitFor();
  }, 'journeys');
});

test('journeys: test mode runs a sample on a simulated clock, and the goal ends the journey and is charted', async () => {
  await withPage(async (page) => {
    const { workspace, app } = await signInWithApp(page, GOAL_WORKSPACE_NAME, APP_NAME);
    const form = await publishForm(page, workspace.id, app.id, 'order', '订单', [
      { key: 'phone', label: '手机', type: 'text' },
      { key: 'orderCount', label: '下单次数', type: 'number' },
    ]);
    const recordsApi = `${BASE_URL}/api/v1/workspaces/${workspace.id}/apps/${app.id}/forms/${form.id}/records`;
    const order = async (phone) => {
      const res = await page.request.post(recordsApi, { data: { phone, orderCount: 1 }, headers: JSON_HEADERS });
      assert.equal(res.status(), 201, await res.text());
    };
    await order('13900139000');
    const flowsApi = `${BASE_URL}/api/v1/workspaces/${workspace.id}/apps/${app.id}/flows`;
    const created = await page.request.post(flowsApi,
      { data: { kind: 'journey', name: '新客关怀', graph: { ...NEW_CUSTOMER, goal: ORDERED_AGAIN } }, headers: JSON_HEADERS });
    assert.equal(created.status(), 201, await created.text());
    const flow = await created.json();

    // the draft in the designer: its goal in the flow properties, then a test run for the sample order
    await page.goto(`${BASE_URL}/w/${workspace.id}/apps/${app.id}/flows/${flow.id}/design`);
    await byId(page, 'flow-problems-none').waitFor();
    assert.equal(await byId(page, 'goal-enabled').getAttribute('aria-checked'), 'true');
    await byId(page, 'flow-test-open').click();
    await byId(page, 'flow-test-samples').locator('.ant-select').click();
    await page.keyboard.type('13900139000');
    await page.locator('.ant-select-item-option').filter({ hasText: '13900139000' }).click();
    await page.keyboard.press('Escape');
    await byId(page, 'flow-test-add-event').click();
    const [tested] = await Promise.all([apiResponse(page, 'POST', /\/simulations$/), byId(page, 'flow-test-run').click()]);
    assert.equal(tested.status(), 200, await tested.text());
    await page.locator('[data-testid="flow-test-path"][data-end="goal"]').waitFor();
    await byId(page, 'flow-test-messages').getByText('thanks').waitFor();
    // where the customer left: at the week's wait, drawn as the current node
    assert.equal(await byId(page, 'flow-test-path').locator('[data-testid="flow-node-week"]').getAttribute('data-run'), 'current');
    await byId(page, 'flow-test-results').scrollIntoViewIfNeeded();
    await guideScreenshot(page, 'journey-test-mode.png');
    const instances = await page.request.get(`${flowsApi}/${flow.id}/instances`, { headers: JSON_HEADERS });
    assert.deepEqual(await instances.json(), [], 'a test run starts no instance');
    await page.keyboard.press('Escape');

    const [published] = await Promise.all([apiResponse(page, 'POST', /\/publish$/), byId(page, 'flow-publish').click()]);
    assert.equal(published.status(), 200);
    await order('13900139001');
    await order('13900139002');
    // wait until both journeys run, then the first customer orders again
    await instancesOnce(page, flowsApi, flow.id, (all) => all.length >= 2);
    await order('13900139001');
    const leftAtGoal = (all) => all.find((x) => x.exitReason === 'goal');
    const converted = leftAtGoal(await instancesOnce(page, flowsApi, flow.id, leftAtGoal));
    assert.ok(converted, 'the customer who ordered again left the journey at its goal');
    assert.equal(converted.customerKey, '13900139001');

    await page.goto(`${BASE_URL}/w/${workspace.id}/apps/${app.id}/flows/${flow.id}/instances`);
    await byId(page, 'conversion-chart').locator('svg').first().waitFor();
    // three entered (the repeat order started one too), one converted
    await byId(page, 'conversion-table').getByText('33.3%').waitFor();
    await byId(page, 'instance-converted').first().waitFor();
    await guideScreenshot(page, 'journey-conversion.png');
  }, 'journey-goal');
});

test('journeys: a schedule picked as weekly days and a time starts each matching member once per run', async () => {
  await withPage(async (page) => {
    const { workspace, app } = await signInWithApp(page, SCHEDULE_WORKSPACE_NAME, APP_NAME);
    const form = await publishForm(page, workspace.id, app.id, 'member', '会员', [
      { key: 'phone', label: '手机', type: 'text' },
      { key: 'level', label: '等级', type: 'text' },
    ]);
    const recordsApi = `${BASE_URL}/api/v1/workspaces/${workspace.id}/apps/${app.id}/forms/${form.id}/records`;
    for (const [phone, level] of [['13700000001', '金'], ['13700000002', '金'], ['13700000003', '银']]) {
      const res = await page.request.post(recordsApi, { data: { phone, level }, headers: JSON_HEADERS });
      assert.equal(res.status(), 201, await res.text());
    }
    const flowsApi = `${BASE_URL}/api/v1/workspaces/${workspace.id}/apps/${app.id}/flows`;
    const gold = { and: [{ field: 'level', op: 'eq', value: '金' }] };
    const created = await page.request.post(flowsApi, {
      data: {
        kind: 'journey', name: '会员关怀', graph: {
          nodes: [
            flowNode('weekly', 'trigger', '定时关怀', { on: 'schedule', cron: '0 9 * * *', form: 'member', customerField: 'phone', filter: gold }, 250, 0),
            flowNode('care', 'action', '关怀短信', { action: 'message.send', template: 'care', to: '=phone', marketing: false, body: '本周会员福利' }, 250, 120),
            flowNode('end', 'end', '结束', {}, 250, 240),
          ],
          edges: [{ from: 'weekly', to: 'care' }, { from: 'care', to: 'end' }],
        },
      },
      headers: JSON_HEADERS,
    });
    assert.equal(created.status(), 201, await created.text());
    const flow = await created.json();

    // in the designer: weekly on Monday and Friday, the next runs listed in the workspace's zone
    await page.goto(`${BASE_URL}/w/${workspace.id}/apps/${app.id}/flows/${flow.id}/design`);
    await byId(page, 'flow-problems-none').waitFor();
    await byId(page, 'flow-node-weekly').click();
    const panel = byId(page, 'flow-node-panel');
    await byId(panel, 'flow-schedule-frequency').getByText('每周').click();
    const [preview] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/flow-schedules/preview') && r.url().includes('1%2C5')),
      byId(panel, 'flow-schedule-weekdays').getByText('五', { exact: true }).click(),
    ]);
    assert.equal(preview.status(), 200, await preview.text());
    await byId(panel, 'flow-schedule-next-at').first().waitFor();
    assert.equal(await byId(panel, 'flow-schedule-next-at').count(), 5);
    await guideScreenshot(page, 'journey-schedule.png');
    const [saved] = await Promise.all([apiResponse(page, 'PUT', new RegExp(`/flows/${flow.id}$`)), byId(page, 'flow-save').click()]);
    assert.equal(saved.status(), 200, await saved.text());
    const [published] = await Promise.all([apiResponse(page, 'POST', /\/publish$/), byId(page, 'flow-publish').click()]);
    assert.equal(published.status(), 200, await published.text());
    const graph = await (await page.request.get(`${flowsApi}/${flow.id}/versions/1`, { headers: JSON_HEADERS })).json();
    assert.equal(graph.nodes.find((n) => n.id === 'weekly').config.cron, '0 9 * * 1,5');

    // the clock jumps a week on, past a Monday and a Friday: like a platform that was down, the schedule catches up
    // with one run (not one per missed moment), starting each gold member once; the next week's jump, once more
    const instancesAfter = (count) => instancesOnce(page, flowsApi, flow.id, (all) => all.length >= count);
    await advance(page, 'P7D');
    assert.equal((await instancesAfter(2)).length, 2);
    await advance(page, 'P7D');
    const started = await instancesAfter(4);
    assert.equal(started.length, 4);
    assert.deepEqual([...new Set(started.map((i) => i.customerKey))].sort(), ['13700000001', '13700000002']);
  });
});
