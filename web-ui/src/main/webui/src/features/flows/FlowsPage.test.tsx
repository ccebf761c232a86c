// @vitest-environment jsdom
/**
 * The flows list against a fake of the flow engine's API: each flow with its kind, published version,
 * unpublished changes and problem count; the empty state explaining approvals and journeys; creating
 * a flow (POST {kind, name}) opens its designer; deleting asks first.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../../i18n';
import { json } from '../../testing/dom';
import { installFlowShims, renderFlowsAt } from './testing';
import type { FlowSummary, FlowView } from './types';

const BASE = '/api/v1/workspaces/w1/apps/a1/flows';

const LEAVE: FlowSummary = {
  id: 'f1', kind: 'approval', name: '请假审批', description: '员工请假', nodeCount: 4, draftVersion: 5, publishedVersion: 2,
  changedSincePublish: true, problemCount: 2, updatedAt: '2026-11-20T02:00:00Z',
};
const WELCOME: FlowSummary = {
  id: 'f2', kind: 'journey', name: '首单关怀', nodeCount: 2, draftVersion: 1, publishedVersion: null,
  changedSincePublish: true, problemCount: 0, updatedAt: '2026-11-21T02:00:00Z',
};

interface Call {
  method: string;
  path: string;
  body: unknown;
}

class FakeFlows {
  flows: FlowSummary[] = [LEAVE, WELCOME];
  calls: Call[] = [];

  handle = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    this.calls.push({ method, path: url.pathname, body });
    if (url.pathname === BASE && method === 'GET') return json(200, this.flows);
    if (url.pathname === BASE && method === 'POST') {
      const view: FlowView = {
        id: 'f9', appId: 'a1', kind: body.kind, name: body.name, description: body.description ?? null, draftVersion: 1, publishedVersion: null,
        changedSincePublish: true, problems: [], updatedAt: '2026-11-22T02:00:00Z',
        draft: {
          nodes: [
            { id: 'start', type: 'trigger', name: '开始', config: { on: 'record.created' }, position: { x: 0, y: 0 } },
            { id: 'end', type: 'end', name: '结束', config: {}, position: { x: 0, y: 200 } },
          ],
          edges: [{ from: 'start', to: 'end' }],
        },
      };
      return json(201, view, { ETag: '"1"' });
    }
    const m = new RegExp(`^${BASE}/([^/]+)$`).exec(url.pathname);
    if (m && method === 'DELETE') {
      this.flows = this.flows.filter((f) => f.id !== m[1]);
      return json(204);
    }
    return json(404, { status: 404, detail: '流程不存在' });
  };
}

let api: FakeFlows;

beforeAll(async () => {
  installFlowShims();
  await changeLanguage('zh-CN');
});

beforeEach(() => {
  api = new FakeFlows();
  vi.stubGlobal('fetch', vi.fn(api.handle));
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const rowOf = (name: string) => screen.getByText(name).closest('tr')!;

describe('flows list (jsdom, fake API)', { timeout: 60_000 }, () => {
  it('lists the flows with their kind, version, unpublished changes and problems', async () => {
    renderFlowsAt('/w/w1/apps/a1/flows');
    await screen.findByText('请假审批');
    const leave = within(rowOf('请假审批'));
    expect(leave.getByTestId('flow-kind').textContent).toBe('审批');
    expect(leave.getByText('已发布 v2')).toBeTruthy();
    expect(leave.getByText('有未发布的改动')).toBeTruthy();
    expect(leave.getByTestId('flow-problem-count').textContent).toBe('2 处问题');
    expect(leave.getByText('员工请假')).toBeTruthy();
    const welcome = within(rowOf('首单关怀'));
    expect(welcome.getByTestId('flow-kind').textContent).toBe('旅程');
    expect(welcome.getByTestId('flow-status').getAttribute('data-status')).toBe('draft');
    expect(welcome.getByText('未发布')).toBeTruthy();
    expect(welcome.getByTestId('flow-problem-count').textContent).toBe('无');
    expect(leave.getByTestId('flow-design').getAttribute('href')).toBe('/w/w1/apps/a1/flows/f1/design');
  });

  it('explains approvals and journeys while there is no flow', async () => {
    api.flows = [];
    renderFlowsAt('/w/w1/apps/a1/flows');
    const empty = await screen.findByTestId('flows-empty');
    expect(within(empty).getByText('还没有流程')).toBeTruthy();
    expect(within(empty).getByText(/审批流：/)).toBeTruthy();
    expect(within(empty).getByText(/客户旅程：/)).toBeTruthy();
  });

  it('creates a flow with its kind and name and opens its designer', async () => {
    renderFlowsAt('/w/w1/apps/a1/flows');
    await screen.findByText('请假审批');
    fireEvent.click(screen.getByTestId('flows-new'));
    fireEvent.change(await screen.findByTestId('flows-new-name'), { target: { value: '  首单之后 ' } });
    fireEvent.click(screen.getByTestId('flows-new-kind-journey'));
    fireEvent.click(screen.getByTestId('flows-new-ok'));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'POST')).toBe(true));
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({ kind: 'journey', name: '首单之后' });
    await waitFor(() => expect(screen.getByTestId('location').getAttribute('data-path')).toBe('/w/w1/apps/a1/flows/f9/design'));
  });

  it('deletes a flow after asking', async () => {
    renderFlowsAt('/w/w1/apps/a1/flows');
    await screen.findByText('首单关怀');
    fireEvent.click(within(rowOf('首单关怀')).getByTestId('flow-delete'));
    fireEvent.click(await screen.findByTestId('flow-delete-ok'));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'DELETE' && c.path === `${BASE}/f2`)).toBe(true));
    await waitFor(() => expect(screen.queryByText('首单关怀')).toBeNull());
  });

  it('offers no changes without app.manage', async () => {
    renderFlowsAt('/w/w1/apps/a1/flows', ['app.view']);
    await screen.findByText('请假审批');
    expect(screen.queryByTestId('flows-new')).toBeNull();
    expect(screen.queryByTestId('flow-delete')).toBeNull();
    expect(within(rowOf('请假审批')).getByTestId('flow-design').textContent).toContain('查看');
  });
});
