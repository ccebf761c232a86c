// End-to-end journey of designing a flow: create it, see what stops it from running on its nodes, fix it, publish.
//
//   BASE_URL=http://localhost:8080 ADMIN_USER=admin ADMIN_PASSWORD=... SCREENSHOT_DIR=../../../../docs/images \
//     node --test e2e/flows.e2e.mjs
//
// Same env as shell.e2e.mjs. No fixed sleeps: every step waits for an element, a URL or an API response.
//
// The journey: a workspace and an app; 新建流程 (a journey) from the flows page opens the designer on trigger -> end;
// a new-customer journey with one unreachable node is saved through the API from inside the page (the canvas's
// drag and connect are covered by the designer's own tests) and reloaded: the node is marked and listed under 问题;
// publishing is refused with the problem; the node is deleted in the designer, the draft saved, the flow published
// as version 1. Screenshot: flow-designer.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, JSON_HEADERS, apiResponse, byId, flowNode, guideScreenshot, signInWithApp, stamp, useBrowser, withPage,
} from './support.mjs';

const WORKSPACE_NAME = `E2E 流程 ${stamp}`;
const APP_NAME = `E2E 会员运营 ${stamp}`;

useBrowser();

/** The new-customer journey, with a coupon node nothing leads to. */
const JOURNEY = {
  nodes: [
    flowNode('firstOrder', 'trigger', '首单', { on: 'record.created', form: 'order' }, 250, 0),
    flowNode('thanks', 'action', '感谢短信', { action: 'message.send', template: 'thanks' }, 250, 110),
    flowNode('week', 'wait', '等 7 天', { duration: 'P7D' }, 250, 220),
    flowNode('repurchased', 'condition', '复购了吗', {}, 250, 330),
    flowNode('coupon', 'action', '发优惠券', { action: 'message.send', template: 'coupon' }, 420, 440),
    flowNode('stray', 'action', '多余的节点', { action: 'tag.add', tag: '测试' }, 650, 220),
    flowNode('end', 'end', '结束', {}, 250, 560),
  ],
  edges: [
    { from: 'firstOrder', to: 'thanks' },
    { from: 'thanks', to: 'week' },
    { from: 'week', to: 'repurchased' },
    { from: 'repurchased', to: 'end', when: 'orderCount > 1' },
    { from: 'repurchased', to: 'coupon', when: 'else' },
    { from: 'coupon', to: 'end' },
    { from: 'stray', to: 'end' },
  ],
};

test('flows: create a journey, see its problem on the node, fix it, publish version 1', async () => {
  await withPage(async (page) => {
    const { workspace, app } = await signInWithApp(page, WORKSPACE_NAME, APP_NAME);
    await page.goto(`${BASE_URL}/w/${workspace.id}/apps/${app.id}/flows`);
    await byId(page, 'flows-empty').waitFor();
    await byId(page, 'flows-new').click();
    await byId(page, 'flows-new-name').fill('新客旅程');
    await byId(page, 'flows-new-kind-journey').click();
    const [created] = await Promise.all([apiResponse(page, 'POST', /\/flows$/), byId(page, 'flows-new-ok').click()]);
    assert.equal(created.status(), 201);
    const flow = await created.json();
    await page.waitForURL(new RegExp(`/flows/${flow.id}/design$`));
    await byId(page, 'flow-node-start').waitFor();
    await byId(page, 'flow-problems-none').waitFor();

    const flowApi = `${BASE_URL}/api/v1/workspaces/${workspace.id}/apps/${app.id}/flows/${flow.id}`;
    const saved = await page.request.put(flowApi, { data: { graph: JOURNEY }, headers: { ...JSON_HEADERS, 'If-Match': '"1"' } });
    assert.equal(saved.status(), 200, await saved.text());
    await page.reload();
    await byId(byId(page, 'flow-node-stray'), 'flow-node-problem-badge').waitFor();
    await byId(page, 'flow-problem').filter({ hasText: '从触发节点走不到这个节点' }).waitFor();
    await guideScreenshot(page, 'flow-designer.png');

    // publishing is refused while the problem is there
    const [refused] = await Promise.all([apiResponse(page, 'POST', /\/publish$/), byId(page, 'flow-publish').click()]);
    assert.equal(refused.status(), 400);

    // the problem leads to its node; deleting the node and saving clears it
    await byId(page, 'flow-problem').filter({ hasText: '从触发节点走不到这个节点' }).click();
    await byId(page, 'flow-node-panel').waitFor();
    await byId(page, 'flow-node-delete').click();
    await byId(page, 'flow-node-stray').waitFor({ state: 'detached' });
    const [put] = await Promise.all([apiResponse(page, 'PUT', new RegExp(`/flows/${flow.id}$`)), byId(page, 'flow-save').click()]);
    assert.equal(put.status(), 200);
    await byId(page, 'flow-problems-none').waitFor();

    const [published] = await Promise.all([apiResponse(page, 'POST', /\/publish$/), byId(page, 'flow-publish').click()]);
    assert.equal(published.status(), 200);
    assert.equal((await published.json()).publishedVersion, 1);
    await page.locator('.ant-message-notice').filter({ hasText: '已发布第 1 版' }).waitFor();
  }, 'flows');
});
