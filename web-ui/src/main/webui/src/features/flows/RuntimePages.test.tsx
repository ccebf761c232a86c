// @vitest-environment jsdom
/**
 * The runtime pages against a fake of the flow engine's API: a flow's runs with a start button for a
 * manual flow (one Idempotency-Key per dialog, then the monitor); the monitor drawing the instance on
 * its graph with its history, approvals and messages, and cancelling it; the inbox deciding a task
 * with a comment, and showing the server's answer when it was decided already.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../../i18n';
import { json } from '../../testing/dom';
import type { InboxItem, InstanceDetail } from './runtimeTypes';
import { installFlowShims, renderFlowsAt } from './testing';
import type { FlowGraph, FlowView } from './types';

const WS = '/api/v1/workspaces/w1';
const FLOWS = `${WS}/apps/a1/flows`;

const GRAPH: FlowGraph = {
  nodes: [
    { id: 'start', type: 'trigger', name: '提交', config: { on: 'manual' }, position: { x: 0, y: 0 } },
    { id: 'manager', type: 'approval', name: '主管审批', config: { assignees: { by: 'user', users: ['u1'] } }, position: { x: 0, y: 140 } },
    { id: 'thanks', type: 'action', name: '通知', config: { action: 'message.send', template: 'ok' }, position: { x: 0, y: 280 } },
    { id: 'end', type: 'end', name: '结束', config: {}, position: { x: 0, y: 420 } },
  ],
  edges: [{ from: 'start', to: 'manager' }, { from: 'manager', to: 'thanks' }, { from: 'thanks', to: 'end' }],
};

const FLOW: FlowView = {
  id: 'f1', appId: 'a1', kind: 'approval', name: '请假审批', draft: GRAPH, draftVersion: 3, publishedVersion: 2, changedSincePublish: false,
  problems: [], updatedAt: '2026-11-24T01:00:00Z',
};

const DETAIL: InstanceDetail = {
  instance: {
    id: 'i1', appId: 'a1', flowId: 'f1', version: 2, kind: 'approval', state: 'running', startedBy: 'me', startedByName: '小王',
    startedAt: '2026-11-24T01:00:00Z',
  },
  flowName: '请假审批',
  graph: GRAPH,
  currentNodes: ['manager'],
  steps: [
    { id: 1, nodeId: 'start', nodeName: '提交', nodeType: 'trigger', visit: 1, state: 'done', enteredAt: '2026-11-24T01:00:00Z', leftAt: '2026-11-24T01:00:01Z' },
    { id: 2, nodeId: 'manager', nodeName: '主管审批', nodeType: 'approval', visit: 1, state: 'waiting', enteredAt: '2026-11-24T01:00:01Z' },
  ],
  tasks: [{ id: 't1', nodeId: 'manager', assignee: 'u1', assigneeName: '老李', position: 0, state: 'pending', createdAt: '2026-11-24T01:00:01Z' }],
  messages: [{ id: 7, instanceId: 'i1', channel: 'sms', recipient: '13800000000', template: 'hello', body: '您好', marketing: false, state: 'queued', createdAt: '2026-11-24T01:00:01Z' }],
  variants: {},
};

const TODO: InboxItem = {
  taskId: 't1', taskState: 'pending', nodeId: 'manager', nodeName: '主管审批', instanceId: 'i1', instanceState: 'running', appId: 'a1',
  flowId: 'f1', flowName: '请假审批', startedBy: 'me', startedByName: '小王', startedAt: '2026-11-24T01:00:00Z', at: '2026-11-24T01:00:01Z',
};

interface Call {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

class FakeRuntime {
  calls: Call[] = [];
  detail: InstanceDetail = structuredClone(DETAIL);
  todo: InboxItem[] = [TODO];
  decided = false;

  handle = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    this.calls.push({ method, path: url.pathname, body, headers: (init?.headers ?? {}) as Record<string, string> });
    const p = url.pathname;
    if (p === `${FLOWS}/f1` && method === 'GET') return json(200, FLOW, { ETag: '"3"' });
    if (p === `${FLOWS}/f1/versions/2`) return json(200, GRAPH);
    if (p === `${FLOWS}/f1/instances` && method === 'GET') return json(200, [this.detail.instance]);
    if (p === `${FLOWS}/f1/instances` && method === 'POST') return json(201, { ...this.detail.instance, id: 'i2' });
    if (p === `${WS}/flow-instances/i1` || p === `${WS}/flow-instances/i2`) return json(200, this.detail);
    if (p === `${WS}/flow-instances/i1/cancel` && method === 'POST') {
      this.detail.instance.state = 'cancelled';
      this.detail.currentNodes = [];
      return json(200, this.detail.instance);
    }
    if (p === `${WS}/inbox`) return json(200, url.searchParams.get('box') === 'todo' ? this.todo : []);
    if (p === `${WS}/tasks/t1/decision` && method === 'POST') {
      if (this.decided) {
        return json(409, { type: 'https://qiaoban.io/problems/flow.taskDecided', status: 409, title: '已经处理过了', detail: '这条待办已经处理过（已同意），本次没有做任何改动。' }, { 'Content-Type': 'application/problem+json' });
      }
      this.decided = true;
      this.todo = [];
      return json(200, { id: 't1', state: 'approved' });
    }
    return json(404, { status: 404, detail: 'no such route' });
  };
}

let api: FakeRuntime;

beforeAll(async () => {
  installFlowShims();
  await changeLanguage('zh-CN');
});

beforeEach(() => {
  api = new FakeRuntime();
  vi.stubGlobal('fetch', vi.fn(api.handle));
  vi.stubGlobal('crypto', { ...globalThis.crypto, randomUUID: () => 'request-1' });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('flow runtime pages (jsdom, fake API)', { timeout: 60_000 }, () => {
  it('lists a flow\'s runs and starts a manual flow once, then shows its monitor', async () => {
    renderFlowsAt('/w/w1/apps/a1/flows/f1/instances');
    const link = await screen.findByTestId('instance-link');
    expect(link.getAttribute('href')).toBe('/w/w1/flow-instances/i1');
    expect(screen.getByTestId('instance-state').getAttribute('data-state')).toBe('running');
    fireEvent.click(await screen.findByTestId('start-flow'));
    fireEvent.click(await screen.findByTestId('start-flow-ok'));
    await waitFor(() => expect(screen.getByTestId('location').getAttribute('data-path')).toBe('/w/w1/flow-instances/i2'));
    const start = api.calls.find((c) => c.method === 'POST')!;
    expect(start.body).toEqual({ recordId: null });
    expect(start.headers['Idempotency-Key']).toBe('request-1');
  });

  it('draws the instance on its graph with its history, approvals and messages, and cancels it', async () => {
    renderFlowsAt('/w/w1/flow-instances/i1');
    await screen.findByTestId('instance-graph');
    await waitFor(() => expect(screen.getByTestId('flow-node-manager').getAttribute('data-run')).toBe('current'));
    expect(screen.getByTestId('flow-node-start').getAttribute('data-run')).toBe('passed');
    expect(screen.getByTestId('flow-node-end').getAttribute('data-run')).toBeNull();
    const history = screen.getAllByTestId('instance-step');
    expect(history.map((h) => h.getAttribute('data-node'))).toEqual(['start', 'manager']);
    expect(within(history[1]).getByText('等待中')).toBeTruthy();
    fireEvent.click(screen.getByText('审批（1）'));
    expect(within(await screen.findByTestId('instance-tasks')).getByText('老李')).toBeTruthy();
    fireEvent.click(screen.getByText('消息（1）'));
    expect(within(await screen.findByTestId('instance-messages')).getByText('您好')).toBeTruthy();

    fireEvent.click(screen.getByTestId('cancel-instance'));
    fireEvent.click(await screen.findByTestId('cancel-instance-ok'));
    await waitFor(() => expect(screen.getByTestId('instance-state').getAttribute('data-state')).toBe('cancelled'));
    expect(screen.queryByTestId('cancel-instance')).toBeNull();
  });

  it('decides a task from the inbox with a comment, and shows when it was decided already', async () => {
    renderFlowsAt('/w/w1/inbox');
    fireEvent.click(await screen.findByTestId('inbox-open'));
    const panel = await screen.findByTestId('decision-panel');
    fireEvent.change(within(panel).getByTestId('decision-comment'), { target: { value: ' 同意，注意交接 ' } });
    fireEvent.click(within(panel).getByTestId('decision-approve'));
    await waitFor(() => expect(api.calls.some((c) => c.path === `${WS}/tasks/t1/decision`)).toBe(true));
    expect(api.calls.find((c) => c.path === `${WS}/tasks/t1/decision`)!.body).toEqual({ action: 'approve', comment: '同意，注意交接' });
    await waitFor(() => expect(screen.queryByTestId('decision-panel')).toBeNull());
    await waitFor(() => expect(screen.queryByTestId('inbox-open')).toBeNull());

    // a second window still showing the task: the server's answer is shown, nothing else happens
    api.todo = [TODO];
    cleanup();
    renderFlowsAt('/w/w1/inbox');
    fireEvent.click(await screen.findByTestId('inbox-open'));
    fireEvent.click(within(await screen.findByTestId('decision-panel')).getByTestId('decision-approve'));
    expect((await screen.findByTestId('decision-error')).textContent).toContain('已经处理过');
  });
});
