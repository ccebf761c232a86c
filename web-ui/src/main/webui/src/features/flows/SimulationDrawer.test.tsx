// @vitest-environment jsdom
/**
 * The designer's test mode against a fake API: the drawer sends the customer's events as moments after
 * entering, shows each sample's steps day by day, the messages it would send and how it ended; a
 * journey started by a form's records needs samples before it runs.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '../../testing/dom';
import type { SimulationPath } from './runtimeTypes';
import { renderFlowsAt, serveFakeApi } from './testing';
import type { FlowGraph, FlowView } from './types';

const FLOW = '/api/v1/workspaces/w1/apps/a1/flows/f1';

const BY_EVENT: FlowGraph = {
  nodes: [
    { id: 'paid', type: 'trigger', name: '付款', config: { on: 'event', event: 'order.paid' }, position: { x: 0, y: 0 } },
    { id: 'thanks', type: 'action', name: '感谢', config: { action: 'message.send', template: 'thanks' }, position: { x: 0, y: 140 } },
    { id: 'again', type: 'wait', name: '等复购', config: { event: 'record.created', timeout: 'P30D' }, position: { x: 0, y: 280 } },
    { id: 'back', type: 'end', name: '回来了', config: {}, position: { x: -120, y: 420 } },
    { id: 'lost', type: 'end', name: '流失', config: {}, position: { x: 120, y: 420 } },
  ],
  edges: [{ from: 'paid', to: 'thanks' }, { from: 'thanks', to: 'again' }, { from: 'again', to: 'back' }, { from: 'again', to: 'lost', when: 'timeout' }],
};

const PATH: SimulationPath = {
  recordId: null, customerKey: 'sample', variants: {}, changes: [], end: 'completed', endNode: 'back', endedAt: '2026-12-04T02:00:00Z',
  steps: [
    { nodeId: 'paid', nodeName: '付款', type: 'trigger', at: '2026-12-01T02:00:00Z' },
    { nodeId: 'thanks', nodeName: '感谢', type: 'action', at: '2026-12-01T02:00:00Z', note: 'thanks → 138: queued' },
    { nodeId: 'again', nodeName: '等复购', type: 'wait', at: '2026-12-01T02:00:00Z', outcome: 'event' },
    { nodeId: 'back', nodeName: '回来了', type: 'end', at: '2026-12-04T02:00:00Z' },
  ],
  messages: [{ nodeId: 'thanks', at: '2026-12-01T02:00:00Z', template: 'thanks', to: '13800000000', body: '谢谢', marketing: true, state: 'queued' }],
};

let graph: FlowGraph;
let posts: unknown[];

function view(): FlowView {
  return { id: 'f1', appId: 'a1', kind: 'journey', name: '付款关怀', draft: graph, draftVersion: 2, publishedVersion: null, changedSincePublish: true, problems: [], updatedAt: '2026-11-24T01:00:00Z' };
}

async function handle(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  if (url.pathname === FLOW && method === 'GET') return json(200, view(), { ETag: '"2"' });
  if (url.pathname === `${FLOW}/simulations` && method === 'POST') {
    posts.push(JSON.parse(String(init?.body)));
    return json(200, [PATH]);
  }
  if (url.pathname === '/api/v1/workspaces/w1/apps/a1/forms') return json(200, []);
  return json(404, { status: 404, detail: 'no route' });
}

serveFakeApi(() => {
  graph = structuredClone(BY_EVENT);
  posts = [];
  return handle;
});

describe('test mode (jsdom, fake API)', { timeout: 60_000 }, () => {
  it('runs the draft with the customer\'s events and shows the path, the messages and the end', async () => {
    renderFlowsAt('/w/w1/apps/a1/flows/f1/design');
    fireEvent.click(await screen.findByTestId('flow-test-open'));
    const drawer = await screen.findByTestId('flow-test-drawer');
    expect(within(drawer).queryByTestId('flow-test-samples')).toBeNull();
    fireEvent.click(within(drawer).getByTestId('flow-test-add-event'));
    const day = within(drawer).getByTestId('flow-test-event-day');
    fireEvent.change(day.tagName === 'INPUT' ? day : day.querySelector('input')!, { target: { value: '3' } });
    fireEvent.click(within(drawer).getByTestId('flow-test-run'));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]).toEqual({ recordIds: [], events: [{ event: 'record.created', form: null, after: 'P3D' }], approve: true });

    const path = await within(drawer).findByTestId('flow-test-path');
    expect(path.getAttribute('data-end')).toBe('completed');
    expect(within(path).getAllByTestId('flow-test-step').map((s) => s.getAttribute('data-node'))).toEqual(['paid', 'thanks', 'again', 'back']);
    expect(path.textContent).toContain('第 3 天');
    expect(within(path).getByTestId('flow-test-messages').textContent).toContain('会发送');
    expect(within(drawer).getAllByTestId('flow-test-end')[0].textContent).toBe('走完');
  });

  it('asks for sample records when the trigger starts on a form, and sends nothing without them', async () => {
    graph.nodes[0] = { id: 'paid', type: 'trigger', name: '下单', config: { on: 'record.created', form: 'order' }, position: { x: 0, y: 0 } };
    renderFlowsAt('/w/w1/apps/a1/flows/f1/design');
    fireEvent.click(await screen.findByTestId('flow-test-open'));
    const drawer = await screen.findByTestId('flow-test-drawer');
    expect(within(drawer).getByTestId('flow-test-samples')).toBeTruthy();
    fireEvent.click(within(drawer).getByTestId('flow-test-run'));
    expect((await within(drawer).findByTestId('flow-test-error')).textContent).toContain('请先选择样例记录');
    expect(posts).toHaveLength(0);
  });
});
