// What the end-to-end journeys share: their environment, one Chromium for a file's tests, a fresh
// page per test (with a screenshot on failure), guide screenshots and small page helpers.
//
// Env: BASE_URL (default http://localhost:8080), ADMIN_USER (default admin), ADMIN_PASSWORD (required; a platform
// admin that need not change its password), SCREENSHOT_DIR (default ./screenshots), CHROMIUM (default
// /usr/bin/chromium), E2E_TIMEOUT_MS (per wait, default 20000).
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE_URL = (process.env.BASE_URL || 'http://localhost:8080').replace(/\/+$/, '');
export const ADMIN_USER = process.env.ADMIN_USER || 'admin';
export const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD || '';
export const SCREENSHOT_DIR = resolve(process.env.SCREENSHOT_DIR || 'screenshots');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 20_000);

/** A suffix that keeps the names one run creates apart from every other run's. */
export const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

let browser;

/** Launches Chromium before the file's tests and closes it after them. */
export function useBrowser() {
  before(async () => {
    assert.ok(ADMIN_PASSWORD, 'ADMIN_PASSWORD must be set (a platform admin that need not change its password)');
    assert.ok(existsSync(CHROMIUM), `No Chromium at ${CHROMIUM}; set CHROMIUM to a Chromium/Chrome executable`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
    });
  });
  after(async () => {
    await browser?.close();
  });
}

/** A picture for docs/user-guide.md, taken once the page has settled. */
export async function guideScreenshot(page, name) {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: TIMEOUT });
  await page.evaluate(() => document.fonts.ready);
  // menu highlights and expanding rows fade in: wait until nothing moves (endless ones, spinners and
  // carets, never stop: they do not count)
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
    null,
    { timeout: TIMEOUT },
  );
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, name) });
}

/** A fresh context (no cookies, no localStorage) for each test; a full-page screenshot when it fails. */
export async function withPage(fn, failureName = 'failure') {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.setDefaultNavigationTimeout(TIMEOUT);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  try {
    await fn(page);
  } catch (e) {
    if (problems.length) console.error(`browser errors:\n${problems.join('\n')}`);
    try {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${failureName}-${Date.now()}.png`), fullPage: true });
    } catch {
      // the failure itself matters more
    }
    throw e;
  } finally {
    await context.close();
  }
}

export const byId = (scope, id) => scope.getByTestId(id);

/** Waits for the API call `method path` (path: RegExp on the URL's pathname) to be answered. */
export function apiResponse(page, method, path) {
  return page.waitForResponse(
    (r) => r.request().method() === method && path.test(new URL(r.url()).pathname),
    { timeout: TIMEOUT },
  );
}

export async function login(page, username, password) {
  await byId(page, 'login-username').fill(username);
  await byId(page, 'login-password').fill(password);
  const answered = apiResponse(page, 'POST', /\/api\/v1\/auth\/login$/);
  await byId(page, 'login-submit').click();
  return answered;
}

/**
 * Signs in as the admin and creates a workspace and an app through the UI; returns both (as the API
 * answered) and the app's card on the apps page.
 */
export async function signInWithApp(page, workspaceName, appName) {
  await page.goto(`${BASE_URL}/`);
  await page.waitForURL(/\/login(\?|$)/);
  const loginRes = await login(page, ADMIN_USER, ADMIN_PASSWORD);
  assert.equal(loginRes.status(), 200);
  await byId(page, 'user-menu').waitFor();
  // after a login the shell moves to the last workspace and loads it: a dialog opened meanwhile can be
  // rebuilt under the click that should submit it
  await page.waitForLoadState('networkidle');
  await byId(page, 'create-workspace').click();
  await byId(page, 'workspace-name').fill(workspaceName);
  const wsCreated = apiResponse(page, 'POST', /\/api\/v1\/workspaces$/);
  await byId(page, 'workspace-submit').click();
  const workspace = await (await wsCreated).json();
  await page.waitForURL(new RegExp(`/w/${workspace.id}/apps$`));
  await byId(page, 'app-create').click();
  await byId(page, 'app-name').fill(appName);
  const appCreated = apiResponse(page, 'POST', new RegExp(`/api/v1/workspaces/${workspace.id}/apps$`));
  await byId(page, 'app-submit').click();
  const app = await (await appCreated).json();
  const card = byId(page, 'app-item').filter({ hasText: appName });
  await card.waitFor();
  return { workspace, app, card };
}

/** Headers for API calls made from a test (page.request or fetch). */
export const JSON_HEADERS = { Accept: 'application/json, application/problem+json', 'Accept-Language': 'zh-CN' };

/**
 * Adds a member with a built-in role through the API and sets their own password (as their first
 * login would), so the browser can sign them in directly. Returns { id, username, password }.
 */
export async function addMember(page, workspaceId, displayName, roleKey = 'member') {
  const wsApi = `${BASE_URL}/api/v1/workspaces/${workspaceId}`;
  const roles = await (await page.request.get(`${wsApi}/roles`, { headers: JSON_HEADERS })).json();
  const username = `u-${stamp}-${Math.random().toString(36).slice(2, 7)}`;
  const initial = `Init${stamp}9`;
  const added = await page.request.post(`${wsApi}/members`, {
    data: { username, displayName, initialPassword: initial, roleId: roles.find((r) => r.builtInKey === roleKey).id },
    headers: JSON_HEADERS,
  });
  assert.equal(added.status(), 201, await added.text());
  const login = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST', headers: { ...JSON_HEADERS, 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: initial }),
  });
  assert.equal(login.status, 200);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const password = `Own${stamp}7x`;
  const changed = await fetch(`${BASE_URL}/api/v1/auth/password`, {
    method: 'POST', headers: { ...JSON_HEADERS, 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify({ currentPassword: initial, newPassword: password }),
  });
  assert.equal(changed.status, 204, await changed.text());
  return { id: (await added.json()).userId, username, password };
}

/** Signs someone in on a fresh page and waits for the shell. */
export async function signIn(page, username, password) {
  await page.goto(`${BASE_URL}/login`);
  const res = await login(page, username, password);
  assert.equal(res.status(), 200);
  await byId(page, 'user-menu').waitFor();
}

/** Creates and publishes a form through the API; returns it. */
export async function publishForm(page, workspaceId, appId, key, name, fields) {
  const formsApi = `${BASE_URL}/api/v1/workspaces/${workspaceId}/apps/${appId}/forms`;
  const created = await page.request.post(formsApi, { data: { key, name, fields }, headers: JSON_HEADERS });
  assert.equal(created.status(), 201, await created.text());
  const form = await created.json();
  const published = await page.request.post(`${formsApi}/${form.id}/publish`, { headers: JSON_HEADERS });
  assert.equal(published.status(), 200, await published.text());
  return form;
}

/** A node of a flow graph as the designer draws it, at a position on the canvas. */
export const flowNode = (id, type, name, config, x, y) => ({ id, type, name, config, position: { x, y } });
