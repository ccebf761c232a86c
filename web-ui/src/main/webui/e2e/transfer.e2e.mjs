// End-to-end journey of importing and exporting records through the real UI served by the real backend.
//
//   BASE_URL=http://localhost:8080 ADMIN_USER=admin ADMIN_PASSWORD=... SCREENSHOT_DIR=../../../../docs/images \
//     node --test e2e/transfer.e2e.mjs
//
// Same env as shell.e2e.mjs: BASE_URL (default http://localhost:8080), ADMIN_USER (default admin), ADMIN_PASSWORD
// (required; a platform admin that need not change its password), SCREENSHOT_DIR (default ./screenshots), CHROMIUM
// (default /usr/bin/chromium), E2E_TIMEOUT_MS (per wait, default 20000; the import and the export get three times
// that). No fixed sleeps: every step waits for an element, a URL, an API response or a download.
//
// The journey: a workspace and an app, a published form "客户" (created through the API from inside the page: the
// designer has its own journey), a generated CSV of 1,000 customers (UTF-8 with a BOM) imported through the wizard
// (the mapping is guessed from the header, bad rows skipped), the grid's total, then an export of the grid as CSV,
// downloaded (header + 1,000 rows, with a BOM). Screenshots: import-progress.png, export.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  BASE_URL, TIMEOUT, apiResponse, byId, guideScreenshot, signInWithApp, stamp, useBrowser, withPage,
} from './support.mjs';

const WORKSPACE_NAME = `E2E 导入 ${stamp}`;
const APP_NAME = `E2E CRM ${stamp}`;
const ROWS = 1000;
/** An import or export of a thousand rows is a job: give it more than one ordinary wait. */
const JOB_TIMEOUT = TIMEOUT * 3;
const JSON_HEADERS = { Accept: 'application/json, application/problem+json', 'Accept-Language': 'zh-CN' };

const FIELDS = [
  { key: 'name', label: '姓名', type: 'text', required: true },
  { key: 'mobile', label: '手机', type: 'phone' },
  {
    key: 'level',
    label: '等级',
    type: 'select',
    options: { choices: [{ value: 'gold', label: '金卡' }, { value: 'diamond', label: '钻石' }] },
  },
  { key: 'totalSpend', label: '累计消费', type: 'money' },
];

useBrowser();

/** 姓名,手机,等级,累计消费 and ROWS customers with unique valid mobiles (13800000000, 13800000001, ...), UTF-8 with a BOM. */
function customersCsv() {
  const lines = ['姓名,手机,等级,累计消费'];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`客户${String(i + 1).padStart(4, '0')},1380000${String(i).padStart(4, '0')},${i % 2 === 0 ? '金卡' : '钻石'},${(i * 10.5).toFixed(2)}`);
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The form "客户", created and published with the page's session (the designer has its own journey). */
async function publishedForm(page, apiBase) {
  const created = await page.request.post(`${BASE_URL}${apiBase}/forms`, {
    data: { key: 'customer', name: '客户', fields: FIELDS },
    headers: JSON_HEADERS,
  });
  assert.equal(created.status(), 201, `create form answered ${created.status()}: ${await created.text()}`);
  const form = await created.json();
  const published = await page.request.post(`${BASE_URL}${apiBase}/forms/${form.id}/publish`, { headers: JSON_HEADERS });
  assert.equal(published.status(), 200, `publish answered ${published.status()}: ${await published.text()}`);
  return form;
}

test('import 1,000 customers from a CSV through the wizard, then export the grid as CSV', async () => {
  await withPage(async (page) => {
    const { workspace, app } = await signInWithApp(page, WORKSPACE_NAME, APP_NAME);
    const apiBase = `/api/v1/workspaces/${workspace.id}/apps/${app.id}`;
    const form = await publishedForm(page, apiBase);
    await page.goto(`${BASE_URL}/w/${workspace.id}/apps/${app.id}/forms/${form.id}/records`);
    await byId(page, 'records-empty').waitFor();

    // upload: the server reads the header and the first cells
    await byId(page, 'records-import').click();
    await byId(page, 'import-wizard').waitFor();
    const uploaded = apiResponse(page, 'POST', /\/forms\/[^/]+\/imports$/);
    await byId(page, 'import-dropzone').locator('input[type=file]').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: customersCsv() });
    const uploadRes = await uploaded;
    const upload = await uploadRes.json();
    assert.equal(uploadRes.status(), 201, `upload answered ${uploadRes.status()}: ${JSON.stringify(upload)}`);
    assert.equal(uploadRes.request().headers()['x-qiaoban-upload'], '1');
    assert.deepEqual(upload.columns.map((c) => c.name), ['姓名', '手机', '等级', '累计消费'], 'the BOM is not part of the first column name');

    // the mapping is guessed from the header
    const table = byId(page, 'import-mapping-table');
    await table.waitFor();
    const guessed = [];
    for (let i = 0; i < 4; i++) guessed.push(await byId(page, `import-mapping-field-${i}`).getAttribute('data-field'));
    assert.deepEqual(guessed, ['name', 'mobile', 'level', 'totalSpend']);
    assert.equal(await byId(page, 'import-unmapped').count(), 0, 'every required field has its column');
    await byId(page, 'import-mode-skip').check();

    const started = apiResponse(page, 'POST', /\/imports\/[^/]+\/start$/);
    await byId(page, 'import-start').click();
    const startRes = await started;
    const start = await startRes.json();
    assert.equal(startRes.status(), 202, `start answered ${startRes.status()}: ${JSON.stringify(start)}`);
    assert.deepEqual(startRes.request().postDataJSON(), {
      mapping: [{ column: 0, field: 'name' }, { column: 1, field: 'mobile' }, { column: 2, field: 'level' }, { column: 3, field: 'totalSpend' }],
      skipBadRows: true,
      // loading a customer list: no welcome journey for each row
      recordEvents: false,
    });

    // polled to its end: 100 %, and all 1,000 in
    await page.locator('[data-testid="import-progress"][data-percent="100"]').waitFor({ timeout: JOB_TIMEOUT });
    const result = byId(page, 'import-result');
    await result.waitFor({ timeout: JOB_TIMEOUT });
    assert.equal(await result.getAttribute('data-state'), 'done', `import ended ${await result.innerText()}`);
    assert.match(await byId(page, 'import-progress').innerText(), /100%/);
    assert.match(await byId(page, 'import-imported').innerText(), new RegExp(`已导入 ${ROWS} 条`));
    assert.match(await byId(page, 'import-stats').innerText(), /错误 0 行/);
    assert.equal(await byId(page, 'import-error-report').count(), 0, 'no error report without bad rows');
    await guideScreenshot(page, 'import-progress.png');
    await byId(page, 'import-close').click();
    await byId(page, 'import-wizard').waitFor({ state: 'detached' });
    await byId(page, 'records-total').filter({ hasText: `共 ${ROWS} 条` }).waitFor();

    // export the grid as it is (no filter, newest first, the four columns) as CSV: it downloads by itself once ready
    const autoDownload = page.waitForEvent('download', { timeout: JOB_TIMEOUT });
    await byId(page, 'records-export').click();
    const exported = apiResponse(page, 'POST', /\/forms\/[^/]+\/exports$/);
    await byId(page, 'export-csv').click();
    const exportRes = await exported;
    const exportJob = await exportRes.json();
    assert.equal(exportRes.status(), 202, `export answered ${exportRes.status()}: ${JSON.stringify(exportJob)}`);
    assert.deepEqual(exportRes.request().postDataJSON(), { format: 'csv', sort: '-createdAt', fields: ['name', 'mobile', 'level', 'totalSpend'] });
    const link = byId(page, 'export-download');
    await link.waitFor({ timeout: JOB_TIMEOUT });
    assert.match(await link.getAttribute('href'), new RegExp(`/exports/${exportJob.id}/file$`));
    assert.match(await byId(page, 'export-progress').innerText(), /100%/);

    const file = readFileSync(await (await autoDownload).path());
    assert.deepEqual([...file.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the CSV starts with a UTF-8 BOM (Excel reads the Chinese right)');
    const lines = file.toString('utf8').slice(1).replace(/\r?\n$/, '').split(/\r?\n/);
    assert.equal(lines.length, ROWS + 1, 'a header and a line per record');
    assert.match(lines[0], /姓名.*手机.*等级.*累计消费/);
    assert.ok(lines.some((l) => l.includes('13800000999')), 'the last imported customer is in the file');

    await guideScreenshot(page, 'export.png');

    // the button gets another copy
    const again = page.waitForEvent('download');
    await link.click();
    const second = await again;
    assert.match(second.suggestedFilename(), /\.csv$/);
    assert.equal(readFileSync(await second.path()).length, file.length);
    await byId(page, 'export-close').click();
    await byId(page, 'export-modal').waitFor({ state: 'detached' });
  }, 'transfer-journey');
});
