// @vitest-environment jsdom
/**
 * An action node's settings against a fake API: the form comes from the action's JSON schema (what
 * the engine fills in not required, its own fields not shown), and a flow to start is picked by name
 * among the app's other flows.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, pickOption } from '../../testing/dom';
import { renderFlowsAt, serveFakeApi } from './testing';
import type { FlowGraph, FlowView } from './types';

const FLOWS = '/api/v1/workspaces/w1/apps/a1/flows';

const DRAFT: FlowGraph = {
  nodes: [
    { id: 'start', type: 'trigger', name: '入会', config: { on: 'manual' }, position: { x: 0, y: 0 } },
    { id: 'send', type: 'action', name: '欢迎', config: { action: 'message.send', template: 'hello' }, position: { x: 0, y: 140 } },
    { id: 'end', type: 'end', name: '结束', config: {}, position: { x: 0, y: 280 } },
  ],
  edges: [{ from: 'start', to: 'send' }, { from: 'send', to: 'end' }],
};

const ACTIONS = [
  {
    key: 'message.send',
    configSchema: {
      type: 'object', required: ['template'],
      properties: {
        template: { type: 'string', title: '模板 / Template' },
        to: { type: ['string', 'null'], title: '收件人 / Recipient' },
        marketing: { type: 'boolean', title: '营销消息 / Marketing' },
        instance: { type: 'string', title: '流程实例 / Flow instance' },
      },
    },
  },
  {
    key: 'flow.start',
    configSchema: {
      type: 'object', title: '启动流程 / Start a flow', required: ['flow'],
      properties: { flow: { type: 'string' }, customer: { type: ['string', 'null'], title: '客户 / Customer' } },
    },
  },
];

let puts: { graph: FlowGraph }[];

function view(draft: FlowGraph): FlowView {
  return {
    id: 'f1', appId: 'a1', kind: 'journey', name: '入会礼', draft, draftVersion: puts.length + 1, publishedVersion: null, changedSincePublish: true,
    problems: [{ field: 'nodes.send', nodeId: 'send', code: 'x', message: '检查这个动作' }], updatedAt: '2026-11-24T01:00:00Z',
  };
}

async function handle(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  if (url.pathname === `${FLOWS}/f1` && method === 'GET') return json(200, view(DRAFT), { ETag: '"1"' });
  if (url.pathname === `${FLOWS}/f1` && method === 'PUT') {
    puts.push(JSON.parse(String(init?.body)));
    return json(200, view(puts[puts.length - 1].graph), { ETag: `"${puts.length + 1}"` });
  }
  if (url.pathname === FLOWS) {
    return json(200, [
      { id: 'f1', kind: 'journey', name: '入会礼', nodeCount: 3, draftVersion: 1, changedSincePublish: true, problemCount: 1, updatedAt: '2026-11-24T01:00:00Z' },
      { id: 'f2', kind: 'journey', name: '欢迎系列', nodeCount: 3, draftVersion: 1, publishedVersion: 1, changedSincePublish: false, problemCount: 0, updatedAt: '2026-11-24T01:00:00Z' },
    ]);
  }
  if (url.pathname === '/api/v1/actions') return json(200, ACTIONS);
  return json(404, { status: 404, detail: 'no route' });
}

serveFakeApi(() => {
  puts = [];
  return handle;
});

async function openActionNode() {
  renderFlowsAt(`/w/w1/apps/a1/flows/f1/design`);
  fireEvent.click(await screen.findByText('检查这个动作'));
  const panel = await screen.findByTestId('flow-node-panel');
  await within(panel).findByTestId('flow-action-config-template');
  return panel;
}

async function saved(): Promise<Record<string, unknown>> {
  fireEvent.click(screen.getByTestId('flow-save'));
  await waitFor(() => expect(puts.length).toBeGreaterThan(0));
  return puts[puts.length - 1].graph.nodes.find((n) => n.id === 'send')!.config;
}

describe('action settings (jsdom, fake API)', { timeout: 60_000 }, () => {
  it('edits a message from its schema, without the fields the engine fills in', async () => {
    const panel = await openActionNode();
    expect(within(panel).queryByTestId('flow-action-config-instance')).toBeNull();
    expect(within(panel).getByTestId('flow-action-filled').textContent).toContain('to');
    fireEvent.change(within(panel).getByTestId('flow-action-config-template'), { target: { value: 'coupon-10' } });
    expect(await saved()).toEqual({ action: 'message.send', template: 'coupon-10' });
  });

  it('picks the flow to start among the app\'s other flows', async () => {
    const panel = await openActionNode();
    await pickOption(within(panel).getByTestId('flow-action-key'), '启动流程 · flow.start');
    const picker = await within(panel).findByTestId('flow-action-flow');
    fireEvent.mouseDown(within(picker).getByRole('combobox'));
    await waitFor(() => expect(document.querySelector('.ant-select-item-option[title="欢迎系列"]')).toBeTruthy());
    expect(document.querySelector('.ant-select-item-option[title="入会礼"]')).toBeNull();
    fireEvent.click(document.querySelector('.ant-select-item-option[title="欢迎系列"]')!);
    expect(await saved()).toEqual({ action: 'flow.start', flow: 'f2' });
  });
});
