// End-to-end journeys of the form engine UI through the real UI served by the real backend.
//
//   BASE_URL=http://localhost:8080 ADMIN_USER=admin ADMIN_PASSWORD=... SCREENSHOT_DIR=../../../../docs/images \
//     node --test e2e/forms.e2e.mjs
//
// Same env as shell.e2e.mjs. No fixed sleeps: every step waits for an element, a URL or an API response.
//
// 1. Build a "客户" form by dragging seven field types from the palette onto the canvas (and one reorder by
//    dragging), set their properties, look at the diff and publish it.
// 2. Add records (one refused with an inline message first), edit one and see the change in its history, filter
//    the grid, delete a record. Screenshots: form-designer.png, form-publish.png, records.png, record-history.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiResponse, byId, guideScreenshot, signInWithApp, stamp, useBrowser, withPage,
} from './support.mjs';

const WORKSPACE_NAME = `E2E 表单 ${stamp}`;
const APP_NAME = `E2E CRM ${stamp}`;

useBrowser();

/** Drags `source` onto `target` with real pointer moves (dnd-kit starts a drag after 5 px). */
async function drag(page, source, target, { above = false } = {}) {
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  assert.ok(from && to, 'both ends of the drag are on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 5 });
  const y = above ? to.y + 4 : to.y + to.height - 20;
  await page.mouse.move(to.x + to.width / 2, y, { steps: 15 });
  await page.mouse.move(to.x + to.width / 2, y + 1, { steps: 2 });
  await page.mouse.up();
}

/** Opens the antd Select inside `scope` and picks the option whose text matches. */
async function pick(page, scope, text) {
  await scope.locator('.ant-select').first().click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  await option.waitFor();
  await option.click();
}

test('form designer and records: drag fields, publish, add, edit with history, filter, delete', async () => {
  await withPage(async (page) => {
    const { workspace, app, card } = await signInWithApp(page, WORKSPACE_NAME, APP_NAME);
    await byId(card, 'app-forms').click();
    await page.waitForURL(new RegExp(`/w/${workspace.id}/apps/${app.id}/forms$`));

    await byId(page, 'forms-new').click();
    await byId(page, 'forms-new-name').fill('客户');
    await byId(page, 'forms-new-key').fill('customer');
    const created = apiResponse(page, 'POST', /\/forms$/);
    await byId(page, 'forms-new-ok').click();
    assert.equal((await created).status(), 201);
    await byId(page, 'form-designer').waitFor();

    // seven field types dragged from the palette onto the canvas, each with its label
    const canvas = byId(page, 'designer-canvas');
    const fields = [
      ['text', '姓名'], ['phone', '手机'], ['select', '等级'], ['money', '累计消费'], ['date', '生日'], ['tags', '标签'], ['text', '城市'],
    ];
    for (const [type, label] of fields) {
      const before = await canvas.locator('[data-testid^="canvas-field-"]').count();
      await drag(page, byId(page, `palette-${type}`), canvas);
      await canvas.locator('[data-testid^="canvas-field-"]').nth(before).waitFor();
      // a dropped field is selected at once: its properties are on the right
      await byId(page, 'prop-label').fill(label);
      await byId(page, `canvas-field-${label}`).waitFor();
    }
    const order = await canvas.locator('[data-testid^="canvas-field-"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
    assert.deepEqual(order, fields.map(([, label]) => `canvas-field-${label}`), 'each field lands where it was dropped: at the end');
    // properties: 姓名 required, 手机 unique, 城市 indexed with a default, the level's two options
    await byId(page, 'canvas-field-姓名').click();
    await byId(page, 'prop-required').click();
    await byId(page, 'canvas-field-手机').click();
    await byId(page, 'prop-unique').click();
    await byId(page, 'canvas-field-城市').click();
    await byId(page, 'prop-indexed').click();
    await byId(page, 'prop-default').locator('input').fill('杭州');
    await byId(page, 'canvas-field-等级').click();
    await byId(page, 'prop-choice-0').fill('金卡');
    await byId(page, 'prop-choice-1').fill('钻石');
    // reorder by dragging: 城市 moves above 生日
    await drag(page, byId(byId(page, 'canvas-field-城市'), 'field-drag-handle'), byId(page, 'canvas-field-生日'), { above: true });
    await page.waitForFunction(() => {
      const keys = [...document.querySelectorAll('[data-testid^="canvas-field-"]')].map((e) => e.getAttribute('data-testid'));
      return keys.indexOf('canvas-field-城市') < keys.indexOf('canvas-field-生日');
    });
    // layout: a section heading (a click adds it at the end) renamed and dragged above 手机; 手机 and
    // 等级 share a row
    await byId(page, 'palette-section').click();
    await byId(page, 'prop-section-title').fill('联系方式');
    await byId(page, 'canvas-section').getByText('联系方式').waitFor();
    await byId(page, 'canvas-field-手机').scrollIntoViewIfNeeded();
    // moving up onto 手机 takes its place: the heading goes before it
    await drag(page, byId(byId(page, 'canvas-section'), 'field-drag-handle'), byId(page, 'canvas-field-手机'));
    const widthOf = () => byId(page, 'designer-properties').locator('.ant-form-item').filter({ hasText: '宽度' });
    await byId(page, 'canvas-field-手机').click();
    await pick(page, widthOf(), '1/2 行');
    await byId(page, 'canvas-field-等级').click();
    await pick(page, widthOf(), '1/2 行');
    await byId(byId(page, 'canvas-field-等级'), 'field-width').waitFor();
    const items = await canvas.locator('[data-testid^="canvas-"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
    assert.deepEqual(items.slice(0, 3), ['canvas-field-姓名', 'canvas-section', 'canvas-field-手机'], 'the heading lands where it was dropped');
    // form settings: records are named by 手机 (the automatic choice would be 姓名)
    await byId(page, 'designer-name').scrollIntoViewIfNeeded();
    await byId(page, 'designer-form-settings').click();
    await pick(page, byId(page, 'designer-form-settings-panel'), '手机');
    await guideScreenshot(page, 'form-settings.png');
    await byId(page, 'canvas-field-城市').click();
    await guideScreenshot(page, 'form-designer.png');

    // the live preview: the draft as operators will fill it in, with the default already there
    await byId(page, 'designer-mode').getByText('预览').click();
    const preview = byId(page, 'designer-preview');
    await preview.waitFor();
    assert.equal(await preview.locator('.ant-form-item').count(), 7);
    await byId(preview, 'form-section').getByText('联系方式').waitFor();
    const spans = await preview.locator('[data-span]').evaluateAll((els) => els.map((e) => [e.textContent.includes('手机'), e.dataset.span]));
    assert.deepEqual(spans.filter(([phone]) => phone).map(([, span]) => span), ['12'], '手机 takes half a row');
    await guideScreenshot(page, 'form-preview.png');
    await preview.locator('.ant-form-item').filter({ hasText: '城市' }).locator('input').first().waitFor();
    assert.equal(await preview.locator('.ant-form-item').filter({ hasText: '城市' }).locator('input').first().inputValue(), '杭州');
    await byId(page, 'designer-mode').getByText('设计').click();
    await byId(page, 'designer-canvas').waitFor();

    // publish: save, see what changes, confirm
    const saved = apiResponse(page, 'PUT', /\/forms\/[^/]+$/);
    await byId(page, 'designer-publish').click();
    assert.equal((await saved).status(), 200);
    await byId(page, 'diff-added').waitFor();
    assert.equal(await byId(page, 'diff-added').locator('.ant-list-item').count(), 7);
    await guideScreenshot(page, 'form-publish.png');
    const published = apiResponse(page, 'POST', /\/publish$/);
    await byId(page, 'publish-confirm').click();
    assert.equal((await published).status(), 200);
    await page.waitForURL(/\/records$/);

    // a bad phone number is refused with a message under the field; nothing is written
    await byId(page, 'records-new').click();
    const form = byId(page, 'record-form');
    await byId(form, 'record-field-姓名').locator('input').fill('张三');
    await byId(form, 'record-field-手机').locator('input').fill('123');
    const refused = apiResponse(page, 'POST', /\/records$/);
    await byId(page, 'record-save').click();
    assert.equal((await refused).status(), 400);
    await byId(form, 'record-field-手机').getByText(/11 位中国大陆手机号/).waitFor();
    await byId(form, 'record-field-手机').locator('input').fill('13800138000');
    await pick(page, byId(form, 'record-field-等级'), '金卡');
    await byId(form, 'record-field-累计消费').locator('input').fill('1200.5');
    // the designer's default is filled in already, and the form is drawn with its layout
    assert.equal(await byId(form, 'record-field-城市').locator('input').inputValue(), '杭州');
    await byId(form, 'form-section').getByText('联系方式').waitFor();
    assert.equal(await byId(form, 'record-field-手机').locator('xpath=..').getAttribute('data-span'), '12');
    const added = apiResponse(page, 'POST', /\/records$/);
    await byId(page, 'record-save').click();
    assert.equal((await added).status(), 201);
    const table = byId(page, 'records-table');
    await table.getByText('张三').waitFor();

    await byId(page, 'records-new').click();
    await byId(byId(page, 'record-form'), 'record-field-姓名').locator('input').fill('李四');
    await byId(byId(page, 'record-form'), 'record-field-城市').locator('input').fill('上海');
    const second = apiResponse(page, 'POST', /\/records$/);
    await byId(page, 'record-save').click();
    assert.equal((await second).status(), 201);
    await table.getByText('李四').waitFor();
    await guideScreenshot(page, 'records.png');

    // edit 张三's city and see it in the history
    await table.getByText('张三').click();
    const drawer = byId(page, 'record-drawer');
    await drawer.waitFor();
    // the record shows its values under the form's section headings too, and is named by its title field
    await byId(drawer, 'record-view').getByText('联系方式').waitFor();
    await page.locator('.ant-drawer-title').filter({ hasText: '13800138000' }).waitFor();
    await byId(drawer, 'record-edit').click();
    await byId(page, 'record-form').waitFor();
    await byId(byId(page, 'record-form'), 'record-field-城市').locator('input').fill('宁波');
    const patched = apiResponse(page, 'PATCH', /\/records\/[^/]+$/);
    await byId(page, 'record-save').click();
    const patchRes = await patched;
    assert.equal(patchRes.status(), 200);
    assert.equal(patchRes.request().headers()['if-match'], '"1"');
    await byId(page, 'record-history').click();
    await byId(page, 'record-drawer').getByText(/杭州.*→.*宁波/).waitFor();
    await guideScreenshot(page, 'record-history.png');
    await page.keyboard.press('Escape');

    // filter: 城市 = 宁波 leaves one record
    await byId(page, 'records-filter-add').click();
    await pick(page, byId(page, 'records-filter-field-0'), '城市');
    await pick(page, byId(page, 'records-filter-op-0'), /等于|^=/);
    await byId(page, 'records-filter-value-0').locator('input').first().fill('宁波');
    const filtered = apiResponse(page, 'GET', /\/records$/);
    await byId(page, 'records-filter-apply').click();
    const filteredRes = await filtered;
    assert.match(decodeURIComponent(new URL(filteredRes.url()).search), /"城市".*"eq".*"宁波"/);
    await table.getByText('李四').waitFor({ state: 'detached' });
    await table.getByText('张三').waitFor();

    // delete the record
    await table.getByText('张三').click();
    await byId(page, 'record-delete').click();
    const deleted = apiResponse(page, 'DELETE', /\/records\/[^/]+$/);
    await page.locator('.ant-popconfirm:visible .ant-btn-primary, .ant-modal-confirm:visible .ant-btn-primary').first().click();
    assert.equal((await deleted).status(), 204);
    await table.getByText('张三').waitFor({ state: 'detached' });
  }, 'forms-journey');
});
