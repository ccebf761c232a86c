// End-to-end journey through the real UI served by the real backend.
//
//   BASE_URL=http://localhost:8080 ADMIN_USER=admin ADMIN_PASSWORD=... SCREENSHOT_DIR=../../../../docs/images \
//     npm run e2e
//
// Env: BASE_URL (default http://localhost:8080), ADMIN_USER (default admin), ADMIN_PASSWORD (required; a platform
// admin that need not change its password), SCREENSHOT_DIR (default ./screenshots), CHROMIUM (default
// /usr/bin/chromium), E2E_TIMEOUT_MS (per wait, default 20000).
// No fixed sleeps: every step waits for an element, a URL or an API response.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ADMIN_PASSWORD, ADMIN_USER, BASE_URL, SCREENSHOT_DIR, TIMEOUT, apiResponse, byId, guideScreenshot, login, stamp, useBrowser, withPage,
} from './support.mjs';

const WORKSPACE_NAME = `E2E 空间 ${stamp}`;
const APP_NAME = `E2E 应用 ${stamp}`;
const NEW_USER = `e2e${stamp}`;
const NEW_USER_DISPLAY = `测试用户 ${stamp}`;
const INITIAL_PASSWORD = `Init${stamp}7x`;
const CHANGED_PASSWORD = `Chg${stamp}9z`;

/** Filled by the first test, used by the second. */
const shared = { userCreated: false };

useBrowser();

async function waitForHtmlLang(page, lang) {
  await page.waitForFunction((l) => document.documentElement.lang === l, lang, { timeout: TIMEOUT });
}

/** Opens an antd Select and picks the first option matching `text` (a RegExp), else the first option. */
async function pickOption(page, selectTestId, text) {
  await byId(page, selectTestId).click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await options.first().waitFor();
  const wanted = options.filter({ hasText: text });
  const option = (await wanted.count()) > 0 ? wanted.first() : options.first();
  const label = (await option.innerText()).trim();
  await option.click();
  return label;
}

test('admin journey: workspace, app, member, language, screenshot, logout', async () => {
  await withPage(async (page) => {
    // anonymous -> login page
    await page.goto(`${BASE_URL}/`);
    await page.waitForURL(/\/login(\?|$)/);
    await waitForHtmlLang(page, 'zh-CN');

    const loginRes = await login(page, ADMIN_USER, ADMIN_PASSWORD);
    assert.equal(loginRes.status(), 200, `admin login answered ${loginRes.status()}`);
    const me = await loginRes.json();
    assert.equal(me.platformAdmin, true, 'ADMIN_USER must be a platform admin');
    await byId(page, 'user-menu').waitFor();
    // after a login the shell moves to the last workspace and loads it: let it settle before the dialog
    await page.waitForLoadState('networkidle');

    // create a workspace; the UI opens it
    await byId(page, 'create-workspace').click();
    await byId(page, 'workspace-name').fill(WORKSPACE_NAME);
    const wsCreated = apiResponse(page, 'POST', /\/api\/v1\/workspaces$/);
    await byId(page, 'workspace-submit').click();
    const wsRes = await wsCreated;
    assert.equal(wsRes.status(), 201, `create workspace answered ${wsRes.status()}`);
    const workspace = await wsRes.json();
    await page.waitForURL(new RegExp(`/w/${workspace.id}/apps$`));
    await byId(page, 'workspace-switcher').filter({ hasText: WORKSPACE_NAME }).waitFor();

    // create an app and see it listed
    await byId(page, 'app-create').click();
    await byId(page, 'app-name').fill(APP_NAME);
    await byId(page, 'app-description').fill('端到端测试创建的应用');
    const appCreated = apiResponse(page, 'POST', new RegExp(`/api/v1/workspaces/${workspace.id}/apps$`));
    await byId(page, 'app-submit').click();
    const appRes = await appCreated;
    assert.equal(appRes.status(), 201, `create app answered ${appRes.status()}`);
    await byId(page, 'app-item').filter({ hasText: APP_NAME }).waitFor();

    // add a user with a role
    await byId(page, 'nav-members').click();
    await page.waitForURL(new RegExp(`/w/${workspace.id}/members$`));
    await byId(page, 'member-add').click();
    await byId(page, 'member-username').fill(NEW_USER);
    await byId(page, 'member-displayname').fill(NEW_USER_DISPLAY);
    await byId(page, 'member-password').fill(INITIAL_PASSWORD);
    const roleName = await pickOption(page, 'member-role', /^(成员|Member)$/);
    const memberAdded = apiResponse(page, 'POST', new RegExp(`/api/v1/workspaces/${workspace.id}/members$`));
    await byId(page, 'member-submit').click();
    const memberRes = await memberAdded;
    assert.equal(memberRes.status(), 201, `add member answered ${memberRes.status()}`);
    shared.userCreated = true;
    shared.workspaceName = WORKSPACE_NAME;
    shared.roleName = roleName;
    await page.getByTestId('member-table').getByText(NEW_USER, { exact: true }).waitFor();
    await guideScreenshot(page, 'members.png');

    // the audit log shows what just happened
    await byId(page, 'nav-audit').click();
    await page.waitForURL(new RegExp(`/w/${workspace.id}/audit$`));
    await page.getByTestId('audit-table').getByTestId('audit-type').first().waitFor();
    await guideScreenshot(page, 'audit.png');

    // back to the apps, then English
    await byId(page, 'nav-apps').click();
    await byId(page, 'app-item').filter({ hasText: APP_NAME }).waitFor();
    await byId(page, 'lang-switch').getByTestId('lang-en').click();
    await waitForHtmlLang(page, 'en');
    await byId(page, 'nav-apps').filter({ hasText: /^Apps$/ }).waitFor();
    assert.equal((await byId(page, 'nav-apps').innerText()).trim(), 'Apps');

    // English survives a reload
    await page.reload();
    await byId(page, 'nav-apps').filter({ hasText: /^Apps$/ }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await page.evaluate(() => localStorage.getItem('qiaoban.lang')), 'en');

    // and back to Chinese
    await byId(page, 'lang-switch').getByTestId('lang-zh').click();
    await waitForHtmlLang(page, 'zh-CN');
    await byId(page, 'nav-apps').filter({ hasText: /^应用$/ }).waitFor();

    // screenshot of the shell with the app list (once the toasts are gone)
    await byId(page, 'app-item').filter({ hasText: APP_NAME }).waitFor();
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: TIMEOUT });
    await page.evaluate(() => document.fonts.ready);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'app-shell.png') });

    // log out -> login page
    await byId(page, 'user-menu').click();
    const loggedOut = apiResponse(page, 'POST', /\/api\/v1\/auth\/logout$/);
    await byId(page, 'logout').click();
    assert.ok([200, 204].includes((await loggedOut).status()));
    await page.waitForURL(/\/login(\?|$)/);
    await byId(page, 'login-username').waitFor();
  });
});

test('new user must change the initial password, then sees the workspace', async (t) => {
  if (!shared.userCreated) {
    t.skip('the first test did not create the user');
    return;
  }
  await withPage(async (page) => {
    await page.goto(`${BASE_URL}/login`);
    const loginRes = await login(page, NEW_USER, INITIAL_PASSWORD);
    assert.equal(loginRes.status(), 200, `new user login answered ${loginRes.status()}`);
    assert.equal((await loginRes.json()).mustChangePassword, true);

    await page.waitForURL(/\/change-password$/);
    await byId(page, 'cp-current').fill(INITIAL_PASSWORD);
    await byId(page, 'cp-new').fill(CHANGED_PASSWORD);
    await byId(page, 'cp-confirm').fill(CHANGED_PASSWORD);
    const changed = apiResponse(page, 'POST', /\/api\/v1\/auth\/password$/);
    await byId(page, 'cp-submit').click();
    assert.equal((await changed).status(), 204);

    await page.waitForURL(/\/w\/[^/]+\/[a-z]+$/);
    await byId(page, 'workspace-switcher').filter({ hasText: shared.workspaceName }).waitFor();
    await byId(page, 'user-menu').filter({ hasText: NEW_USER_DISPLAY }).waitFor();
    // not a platform admin: no workspace creation, no system menu
    assert.equal(await byId(page, 'create-workspace').count(), 0);
    assert.equal(await byId(page, 'nav-jobs').count(), 0);
  });
});

test('on a phone the shell fits the screen: header controls in view, the menu folded until opened', async () => {
  await withPage(async (page) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${BASE_URL}/login`);
    assert.equal((await login(page, ADMIN_USER, ADMIN_PASSWORD)).status(), 200);
    const userMenu = byId(page, 'user-menu');
    await userMenu.waitFor();
    await page.waitForLoadState('networkidle');
    // nothing wider than the screen: no sideways scrolling to reach the user menu
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      `page is ${await page.evaluate(() => document.documentElement.scrollWidth)} px wide`);
    const box = await userMenu.boundingBox();
    assert.ok(box && box.x + box.width <= 390, `user menu at ${JSON.stringify(box)}`);
    // the side menu is folded away; its trigger opens it over the page
    const sider = page.locator('.ant-layout-sider');
    assert.equal(Math.round((await sider.boundingBox())?.width ?? -1), 0);
    await page.locator('.ant-layout-sider-zero-width-trigger').click();
    await page.waitForFunction(() => (document.querySelector('.ant-layout-sider')?.getBoundingClientRect().width ?? 0) > 100);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'phone-shell.png') });
  }, 'phone-shell');
});

test('a wrong password shows the server message and stays on the login page', async () => {
  await withPage(async (page) => {
    await page.goto(`${BASE_URL}/login`);
    const res = await login(page, ADMIN_USER, `${ADMIN_PASSWORD}-wrong-${stamp}`);
    assert.ok([401, 429].includes(res.status()), `wrong password answered ${res.status()}`);
    const problem = await res.json();
    assert.ok(problem.detail, 'the problem document carries a detail');
    const error = byId(page, 'login-error');
    await error.filter({ hasText: problem.detail }).waitFor();
    assert.match(new URL(page.url()).pathname, /\/login$/);
    assert.equal(await byId(page, 'user-menu').count(), 0);
    await guideScreenshot(page, 'login.png');
  });
});

test('the packaged application describes its API (OpenAPI, built on first request) and serves Swagger UI', async () => {
  const json = await fetch(`${BASE_URL}/q/openapi?format=json`);
  assert.equal(json.status, 200);
  const document = await json.json();
  assert.equal(document.info.title, 'Qiaoban API');
  assert.ok(document.paths['/api/v1/workspaces/{workspaceId}/apps'], 'the apps route is described');
  const yaml = await fetch(`${BASE_URL}/q/openapi`);
  assert.equal(yaml.status, 200);
  assert.match(await yaml.text(), /title: Qiaoban API/);
  assert.equal((await fetch(`${BASE_URL}/q/swagger-ui/`)).status, 200);
});
