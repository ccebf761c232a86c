// @vitest-environment jsdom
/**
 * Drives the whole app (routing, guards, forms, i18n) in jsdom against an in-memory fake of the
 * REST API, so the journeys of the end-to-end test are checked without a browser or backend.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App';
import i18n, { changeLanguage, LANG_STORAGE_KEY } from './i18n';
import { installDomShims } from './testing/dom';

beforeAll(installDomShims);

interface User {
  id: string;
  username: string;
  displayName: string;
  password: string;
  platformAdmin: boolean;
  mustChangePassword: boolean;
}

const ALL = ['workspace.manage', 'app.view', 'app.manage', 'member.view', 'member.manage', 'role.manage', 'audit.read'];

/** A tiny stateful stand-in for the Quarkus API, speaking problem+json like the real one. */
class FakeBackend {
  users: User[] = [
    { id: 'u-admin', username: 'admin', displayName: 'Admin', password: 'adminPass1', platformAdmin: true, mustChangePassword: false },
  ];
  session: User | null = null;
  workspaces: { id: string; name: string; createdAt: string; members: Record<string, string> }[] = [];
  apps: Record<string, { id: string; name: string; description: string; createdAt: string; updatedAt: string }[]> = {};
  roles = [
    { id: 'r-owner', name: '所有者', description: '', builtIn: true, permissions: ALL, memberCount: 0 },
    { id: 'r-member', name: '成员', description: '', builtIn: true, permissions: ['app.view', 'member.view'], memberCount: 0 },
  ];
  calls: { method: string; path: string; lang: string | undefined }[] = [];
  seq = 0;

  json(status: number, body?: unknown): Response {
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: body === undefined ? {} : { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  }

  problem(status: number, code: string, detail: string, errors?: unknown[]): Response {
    return this.json(status, { type: `https://qiaoban.io/problems/${code}`, title: code, status, detail, errors });
  }

  me(u: User) {
    const { id, username, displayName, platformAdmin, mustChangePassword } = u;
    return { id, username, displayName, platformAdmin, mustChangePassword };
  }

  wsView(w: FakeBackend['workspaces'][number], userId: string) {
    const role = this.roles.find((r) => r.id === w.members[userId])!;
    return { id: w.id, name: w.name, createdAt: w.createdAt, roleId: role.id, roleName: role.name, permissions: role.permissions };
  }

  handle = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const path = url.pathname.replace(/^\/api\/v1/, '');
    this.calls.push({ method, path, lang: headers['Accept-Language'] });
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const en = headers['Accept-Language'] === 'en';

    if (method === 'POST' && path === '/auth/login') {
      const u = this.users.find((x) => x.username === body.username && x.password === body.password);
      if (!u) return this.problem(401, 'bad-credentials', en ? 'Wrong username or password' : '用户名或密码错误');
      this.session = u;
      return this.json(200, this.me(u));
    }
    if (!this.session) return this.problem(401, 'unauthenticated', '请先登录');
    const u = this.session;
    if (method === 'GET' && path === '/auth/me') return this.json(200, this.me(u));
    if (method === 'POST' && path === '/auth/logout') {
      this.session = null;
      return this.json(204);
    }
    if (method === 'POST' && path === '/auth/password') {
      if (body.currentPassword !== u.password) {
        return this.problem(400, 'validation', '当前密码不正确', [{ field: 'currentPassword', code: 'wrong', message: '当前密码不正确' }]);
      }
      u.password = body.newPassword;
      u.mustChangePassword = false;
      return this.json(204);
    }
    if (u.mustChangePassword) return this.problem(403, 'password-change-required', '请先修改密码');

    if (path === '/workspaces' && method === 'GET') {
      return this.json(200, this.workspaces.filter((w) => w.members[u.id]).map((w) => this.wsView(w, u.id)));
    }
    if (path === '/workspaces' && method === 'POST') {
      const w = { id: `w${++this.seq}`, name: body.name, createdAt: new Date().toISOString(), members: { [u.id]: 'r-owner' } };
      this.workspaces.push(w);
      this.apps[w.id] = [];
      return this.json(201, this.wsView(w, u.id));
    }
    const m = path.match(/^\/workspaces\/([^/]+)\/(apps|roles|members)$/);
    if (m) {
      const [, wsId, what] = m;
      if (what === 'apps' && method === 'GET') return this.json(200, this.apps[wsId]);
      if (what === 'apps' && method === 'POST') {
        if (this.apps[wsId].some((a) => a.name === body.name)) return this.problem(409, 'conflict', `应用“${body.name}”已存在`);
        const now = new Date().toISOString();
        const app = { id: `a${++this.seq}`, name: body.name, description: body.description ?? '', createdAt: now, updatedAt: now };
        this.apps[wsId].push(app);
        return this.json(201, app);
      }
      if (what === 'roles') return this.json(200, this.roles);
      if (what === 'members' && method === 'GET') {
        const w = this.workspaces.find((x) => x.id === wsId)!;
        return this.json(
          200,
          Object.entries(w.members).map(([userId, roleId]) => {
            const mu = this.users.find((x) => x.id === userId)!;
            return { userId, username: mu.username, displayName: mu.displayName, roleId, roleName: this.roles.find((r) => r.id === roleId)!.name, mustChangePassword: mu.mustChangePassword, joinedAt: w.createdAt };
          }),
        );
      }
      if (what === 'members' && method === 'POST') {
        if (this.users.some((x) => x.username === body.username)) {
          return this.problem(409, 'username-taken', '用户名已被占用', [{ field: 'username', code: 'taken', message: '用户名已被占用' }]);
        }
        const nu: User = { id: `u${++this.seq}`, username: body.username, displayName: body.displayName, password: body.initialPassword, platformAdmin: false, mustChangePassword: true };
        this.users.push(nu);
        this.workspaces.find((x) => x.id === wsId)!.members[nu.id] = body.roleId;
        return this.json(201, { userId: nu.id, username: nu.username, displayName: nu.displayName, roleId: body.roleId, roleName: '', mustChangePassword: true, joinedAt: new Date().toISOString() });
      }
    }
    return this.problem(404, 'not-found', '不存在');
  };
}

let backend: FakeBackend;

function renderAt(path: string) {
  window.history.replaceState(null, '', path);
  return render(<App />);
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

async function login(username: string, password: string) {
  await screen.findByTestId('login-username');
  type('login-username', username);
  type('login-password', password);
  fireEvent.click(screen.getByTestId('login-submit'));
}

beforeEach(async () => {
  backend = new FakeBackend();
  vi.stubGlobal('fetch', vi.fn(backend.handle));
  localStorage.clear();
  await changeLanguage('zh-CN');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('app journeys (jsdom, fake API)', { timeout: 60_000 }, () => {
  it('sends an anonymous visitor to /login and shows the server message on a wrong password', async () => {
    renderAt('/');
    await login('admin', 'wrong-password1');
    expect((await screen.findByTestId('login-error')).textContent).toContain('用户名或密码错误');
    expect(window.location.pathname).toBe('/login');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('lets an admin create a workspace and an app, then switch to English and back', async () => {
    renderAt('/');
    await login('admin', 'adminPass1');

    // no workspace yet: the empty state invites the admin
    await screen.findByTestId('workspaces-empty');
    fireEvent.click(screen.getByTestId('create-workspace'));
    type('workspace-name', 'Team A');
    fireEvent.click(screen.getByTestId('workspace-submit'));
    await waitFor(() => expect(window.location.pathname).toMatch(/^\/w\/w\d+\/apps$/));
    await screen.findByTestId('apps-empty');

    fireEvent.click(screen.getByTestId('app-create'));
    type('app-name', 'CRM');
    type('app-description', 'customers');
    fireEvent.click(screen.getByTestId('app-submit'));
    const item = await screen.findByTestId('app-item');
    expect(item.textContent).toContain('CRM');

    // duplicate name: the server's 409 detail is shown, not JSON
    fireEvent.click(screen.getByTestId('app-create'));
    type('app-name', 'CRM');
    fireEvent.click(screen.getByTestId('app-submit'));
    expect((await screen.findByTestId('app-error')).textContent).toContain('应用“CRM”已存在');

    expect(screen.getByTestId('nav-apps').textContent).toBe('应用');
    await act(async () => {
      fireEvent.click(within(screen.getAllByTestId('lang-switch')[0]).getByTestId('lang-en'));
    });
    await waitFor(() => expect(screen.getByTestId('nav-apps').textContent).toBe('Apps'));
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
    await waitFor(() => expect(backend.calls.at(-1)?.lang).toBe('en'));
    expect(i18n.language).toBe('en');
  });

  it('adds a user who must change the initial password at first login', async () => {
    backend.workspaces.push({ id: 'w9', name: 'Ops', createdAt: '2024-01-01T00:00:00Z', members: { 'u-admin': 'r-owner' } });
    backend.apps.w9 = [];
    renderAt('/w/w9/members');
    await login('admin', 'adminPass1');
    await waitFor(() => expect(window.location.pathname).toBe('/w/w9/members'));

    const add = await screen.findByTestId('member-add');
    await waitFor(() => expect(add.hasAttribute('disabled')).toBe(false));
    fireEvent.click(add);
    type('member-username', 'zhang');
    type('member-displayname', '张三');
    fireEvent.click(screen.getByTestId('member-generate'));
    const generated = (screen.getByTestId('member-password') as HTMLInputElement).value;
    expect(generated).toMatch(/^(?=.*\d)(?=.*[A-Za-z]).{12}$/);
    // pick the role through the antd Select
    fireEvent.mouseDown(within(screen.getByTestId('member-role')).getByRole('combobox'));
    fireEvent.click(await waitFor(() => {
      const option = document.querySelector('.ant-select-item-option[title="成员"]');
      if (!option) throw new Error('no option yet');
      return option;
    }));
    fireEvent.click(screen.getByTestId('member-submit'));
    await waitFor(() => expect(backend.users.some((u) => u.username === 'zhang')).toBe(true));
    expect(await screen.findByText('zhang')).toBeTruthy();

    // log out, log in as the new user: forced to change the password first
    fireEvent.click(screen.getByTestId('user-menu'));
    fireEvent.click(await screen.findByTestId('logout'));
    await login('zhang', generated);
    await screen.findByTestId('cp-forced');
    expect(window.location.pathname).toBe('/change-password');
    type('cp-current', generated);
    type('cp-new', 'newSecret123');
    type('cp-confirm', 'newSecret123');
    fireEvent.click(screen.getByTestId('cp-submit'));
    await waitFor(() => expect(window.location.pathname).toBe('/w/w9/apps'));
    await waitFor(() => expect(screen.getByTestId('workspace-switcher').textContent).toContain('Ops'));
    expect(screen.queryByTestId('nav-jobs')).toBeNull();
    expect(screen.queryByTestId('create-workspace')).toBeNull();
  });

  it('remembers English across a reload', async () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en');
    await changeLanguage('en');
    renderAt('/login');
    expect((await screen.findByTestId('login-submit')).textContent?.replace(/\s/g, '')).toBe('Signin');
    expect(document.documentElement.lang).toBe('en');
  });
});
