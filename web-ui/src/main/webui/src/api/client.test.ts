import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildUrl, request, requestFull, setApiHooks, setApiLanguage, setApiTranslator } from './client';
import { ApiError } from './problem';

function respond(status: number, body?: unknown, contentType = 'application/problem+json'): Response {
  const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(text, { status, headers: text === null ? {} : { 'content-type': contentType } });
}

describe('request', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const onUnauthorized = vi.fn();
  const onPasswordChangeRequired = vi.fn();

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    setApiHooks({ onUnauthorized, onPasswordChangeRequired });
    setApiTranslator((key, opts) => `${key}${opts?.status !== undefined ? `:${String(opts.status)}` : ''}`);
    setApiLanguage('zh-CN');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
    onUnauthorized.mockReset();
    onPasswordChangeRequired.mockReset();
  });

  it('sends JSON with the UI language as Accept-Language', async () => {
    fetchMock.mockResolvedValue(respond(201, { id: 'a1', name: 'CRM' }, 'application/json'));
    setApiLanguage('en');
    const app = await request<{ id: string }>('POST', '/workspaces/w1/apps', { name: 'CRM' });
    expect(app).toEqual({ id: 'a1', name: 'CRM' });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/v1/workspaces/w1/apps');
    const headers = init?.headers as Record<string, string>;
    expect(headers['Accept-Language']).toBe('en');
    expect(headers['Content-Type']).toBe('application/json');
    expect(init?.body).toBe('{"name":"CRM"}');
    expect(init?.credentials).toBe('same-origin');
  });

  it('sends extra headers and hands back the response headers', async () => {
    fetchMock.mockResolvedValue(new Response('{"id":"r1"}', { status: 200, headers: { 'content-type': 'application/json', ETag: 'W/"4"' } }));
    const res = await requestFull<{ id: string }>('PUT', '/rules/r1', { name: 'x' }, { headers: { 'If-Match': 'W/"3"' } });
    expect(res.data).toEqual({ id: 'r1' });
    expect(res.headers.get('ETag')).toBe('W/"4"');
    const headers = fetchMock.mock.calls[0][1]?.headers as Record<string, string>;
    expect(headers['If-Match']).toBe('W/"3"');
    expect(headers['Accept-Language']).toBe('zh-CN');
  });

  it('returns undefined for 204', async () => {
    fetchMock.mockResolvedValue(respond(204));
    await expect(request('DELETE', '/workspaces/w1')).resolves.toBeUndefined();
  });

  it('reports an expired session (401) to the hook and throws the server detail', async () => {
    fetchMock.mockResolvedValue(respond(401, { status: 401, detail: '登录已过期', type: 'https://qiaoban.io/problems/session-expired' }));
    const err = await request('GET', '/workspaces').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe('登录已过期');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('does not treat a failed login (401) as an expired session', async () => {
    fetchMock.mockResolvedValue(respond(401, { status: 401, detail: '用户名或密码错误' }));
    await expect(request('POST', '/auth/login', {}, { allowUnauthorized: true })).rejects.toThrow('用户名或密码错误');
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('reports password-change-required', async () => {
    fetchMock.mockResolvedValue(respond(403, { status: 403, type: 'https://qiaoban.io/problems/password-change-required', detail: '请先修改密码' }));
    await expect(request('GET', '/workspaces')).rejects.toThrow('请先修改密码');
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('gives a translated fallback when the body is not a problem document', async () => {
    fetchMock.mockResolvedValue(respond(502, '<html>Bad gateway</html>', 'text/html'));
    await expect(request('GET', '/workspaces')).rejects.toThrow('errors.server:502');
  });

  it('turns a network failure into status 0 with the network message', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const err = (await request('GET', '/workspaces').catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(0);
    expect(err.message).toBe('errors.network');
  });
});

describe('buildUrl', () => {
  it('drops empty query values', () => {
    expect(buildUrl('/admin/audit', { type: '', page: 0, size: 20, x: undefined })).toBe('/api/v1/admin/audit?page=0&size=20');
    expect(buildUrl('/admin/jobs', { state: 'DEAD' })).toBe('/api/v1/admin/jobs?state=DEAD');
    expect(buildUrl('/workspaces')).toBe('/api/v1/workspaces');
  });
});
