// @vitest-environment jsdom
/**
 * Journey goals in the UI, against a fake of the API: the designer's flow properties set a goal (event,
 * form, customer field, window) and an exit condition that the save sends with the graph, and show
 * the server's problems of the goal; a journey's runs page shows the conversion per version and A/B
 * group, and marks the instances that reached the goal.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, pickOption } from '../../testing/dom';
import type { ConversionReport, FlowInstance } from './runtimeTypes';
import { renderFlowsAt, serveFakeApi } from './testing';
import type { FlowGraph, FlowView } from './types';

const WS = '/api/v1/workspaces/w1';
const FLOW = `${WS}/apps/a1/flows/f1`;

const GRAPH: FlowGraph = {
  nodes: [
    { id: 'joined', type: 'trigger', name: '入会', config: { on: 'record.created', form: 'member' }, position: { x: 0, y: 0 } },
    { id: 'week', type: 'wait', name: '等 7 天', config: { duration: 'P7D' }, position: { x: 0, y: 140 } },
    { id: 'end', type: 'end', name: '结束', config: {}, position: { x: 0, y: 280 } },
  ],
  edges: [{ from: 'joined', to: 'week' }, { from: 'week', to: 'end' }],
};

const REPORT: ConversionReport = {
  goal: { event: 'record.created', form: 'order', match: 'phone', within: 'P30D' },
  versions: [{ version: 1, entered: 5, converted: 2, running: 0, exited: 1 }],
  variants: [
    { version: 1, split: 'ab', variant: 'ten', entered: 2, converted: 0, running: 0, exited: 1 },
    { version: 1, split: 'ab', variant: 'twenty', entered: 3, converted: 2, running: 0, exited: 0 },
  ],
};

const CONVERTED: FlowInstance = {
  id: 'i1aaaaaa', appId: 'a1', flowId: 'f1', version: 1, kind: 'journey', state: 'completed', customerKey: '13500000001',
  startedAt: '2026-11-24T01:00:00Z', endedAt: '2026-11-26T01:00:00Z', goalReachedAt: '2026-11-26T01:00:00Z', exitReason: 'goal',
};

class FakeApi {
  draft: FlowGraph = structuredClone(GRAPH);
  draftVersion = 1;
  puts: unknown[] = [];
  problems: FlowView['problems'] = [];

  view(): FlowView {
    return {
      id: 'f1', appId: 'a1', kind: 'journey', name: '入会礼', draft: this.draft, draftVersion: this.draftVersion, publishedVersion: 1,
      changedSincePublish: false, problems: this.problems, updatedAt: '2026-11-24T01:00:00Z',
    };
  }

  handle = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const p = url.pathname;
    if (p === FLOW && method === 'GET') return json(200, this.view(), { ETag: `"${this.draftVersion}"` });
    if (p === FLOW && method === 'PUT') {
      const body = JSON.parse(String(init?.body));
      this.puts.push(body);
      this.draft = body.graph;
      this.draftVersion += 1;
      this.problems = [{ field: 'goal', code: 'flow.goal.within', message: '目标的统计期限须大于 0 且不超过 400 天（从进入旅程算起）。' }];
      return json(200, this.view(), { ETag: `"${this.draftVersion}"` });
    }
    if (p === `${WS}/apps/a1/forms`) {
      return json(200, [
        { id: 'fm', key: 'member', name: '会员', fieldCount: 2, draftVersion: 1, publishedVersion: 1, changedSincePublish: false, updatedAt: '2026-11-24T01:00:00Z' },
        { id: 'fo', key: 'order', name: '订单', fieldCount: 1, draftVersion: 1, publishedVersion: 1, changedSincePublish: false, updatedAt: '2026-11-24T01:00:00Z' },
      ]);
    }
    if (p === `${WS}/apps/a1/forms/fo` || p === `${WS}/apps/a1/forms/fo/published`) {
      return json(200, { id: 'fo', key: 'order', name: '订单', fields: [{ key: 'phone', label: '手机', type: 'phone' }], draftVersion: 1, publishedVersion: 1, changedSincePublish: false });
    }
    if (p === `${WS}/apps/a1/forms/fm` || p === `${WS}/apps/a1/forms/fm/published`) {
      return json(200, { id: 'fm', key: 'member', name: '会员', fields: [{ key: 'phone', label: '手机', type: 'phone' }, { key: 'note', label: '备注', type: 'text' }], draftVersion: 1, publishedVersion: 1, changedSincePublish: false });
    }
    if (p === `${FLOW}/versions/1`) return json(200, GRAPH);
    if (p === `${FLOW}/conversion`) return json(200, REPORT);
    if (p === `${FLOW}/instances`) return json(200, [CONVERTED]);
    return json(404, { status: 404, detail: 'no route' });
  };
}

let api: FakeApi;

serveFakeApi(() => {
  api = new FakeApi();
  return api.handle;
});

describe('journey goal (jsdom, fake API)', { timeout: 60_000 }, () => {
  it('sets a goal and an exit condition in the flow properties and saves them with the graph', async () => {
    renderFlowsAt('/w/w1/apps/a1/flows/f1/design');
    const panel = await screen.findByTestId('journey-goal');
    fireEvent.click(within(panel).getByTestId('goal-enabled'));
    await pickOption(screen.getByTestId('goal-form'), '订单');
    await waitFor(() => expect(screen.getByTestId('goal-match').className).not.toContain('disabled'));
    await pickOption(screen.getByTestId('goal-match'), '手机');
    const amount = screen.getByTestId('goal-within-amount');
    fireEvent.change(amount.tagName === 'INPUT' ? amount : amount.querySelector('input')!, { target: { value: '14' } });
    fireEvent.change(screen.getByTestId('goal-exit-input'), { target: { value: 'note == "退订"' } });
    fireEvent.click(screen.getByTestId('flow-save'));
    await waitFor(() => expect(api.puts).toHaveLength(1));
    expect(api.puts[0]).toMatchObject({
      graph: { goal: { event: 'record.created', form: 'order', match: 'phone', within: 'P14D' }, exitWhen: 'note == "退订"' },
    });
    expect((await screen.findByTestId('goal-problem')).textContent).toContain('统计期限');
  });

  it('shows the conversion per version and A/B group and marks converted instances', async () => {
    renderFlowsAt('/w/w1/apps/a1/flows/f1/instances');
    const card = await screen.findByTestId('conversion-card');
    await waitFor(() => expect(within(card).getAllByTestId('conversion-rate').map((r) => r.textContent)).toEqual(['0%', '66.7%']));
    expect(within(card).getByTestId('conversion-goal').textContent).toContain('order · record.created');
    expect(within(card).getByTestId('conversion-goal').textContent).toContain('30 天内');
    expect(within(card).getByTestId('conversion-chart')).toBeTruthy();
    expect(within(card).getByTestId('conversion-table').textContent).toContain('v1 · ab: twenty');
    expect((await screen.findByTestId('instance-converted')).textContent).toContain('已达成目标');
  });
});
