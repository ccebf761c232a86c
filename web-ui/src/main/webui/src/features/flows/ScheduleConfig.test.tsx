// @vitest-environment jsdom
/**
 * A schedule trigger in the designer against a fake API: picked as "weekly, Monday and Friday at
 * 9:00" it saves the cron the engine reads, shows the next firings the server computes, shows the
 * server's words for a cron it refuses, and starts for the records of a chosen form its filter matches.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, pickOption } from '../../testing/dom';
import { fakeDesigner, renderFlowsAt, serveFakeApi } from './testing';
import type { FlowGraph } from './types';

const WS = '/api/v1/workspaces/w1';

const DRAFT: FlowGraph = {
  nodes: [
    { id: 'start', type: 'trigger', name: '每天', config: { on: 'schedule', cron: '0 9 * * *' }, position: { x: 0, y: 0 } },
    { id: 'end', type: 'end', name: '结束', config: {}, position: { x: 0, y: 200 } },
  ],
  edges: [{ from: 'start', to: 'end' }],
};

const MEMBER = {
  id: 'fm', key: 'member', name: '会员',
  fields: [{ key: 'phone', label: '手机', type: 'phone' }, { key: 'note', label: '备注', type: 'text' }],
};

let designer: ReturnType<typeof fakeDesigner>;
let previews: string[];

async function handle(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  const designed = designer.answer(url, init);
  if (designed) return designed;
  if (url.pathname === `${WS}/flow-schedules/preview`) {
    const cron = url.searchParams.get('cron') ?? '';
    previews.push(cron);
    if (!/^[\d*,/ -]+$/.test(cron)) {
      return json(400, { status: 400, title: '输入有误', errors: [{ field: 'cron', code: 'flow.config.cron', message: '请设置定时规则，格式为五段 cron。' }] });
    }
    return json(200, { cron, zone: 'Asia/Shanghai', next: ['2026-11-30T01:00:00Z', '2026-12-04T01:00:00Z'] });
  }
  return json(404, { status: 404, detail: 'no route' });
}

serveFakeApi(() => {
  designer = fakeDesigner(DRAFT, { start: '检查触发' }, [MEMBER], '定时关怀');
  previews = [];
  return handle;
});

describe('schedule trigger (jsdom, fake API)', { timeout: 60_000 }, () => {
  it('picks weekly days and a form with a filter, and saves the cron and the records it starts for', async () => {
    renderFlowsAt('/w/w1/apps/a1/flows/f1/design');
    fireEvent.click(await screen.findByText('检查触发'));
    const panel = await screen.findByTestId('flow-node-panel');
    await waitFor(() => expect(within(panel).getAllByTestId('flow-schedule-next-at')).toHaveLength(2));
    expect(previews).toContain('0 9 * * *');

    fireEvent.click(within(within(panel).getByTestId('flow-schedule-frequency')).getByText('每周'));
    fireEvent.click(within(within(panel).getByTestId('flow-schedule-weekdays')).getByText('五'));
    await waitFor(() => expect(previews).toContain('0 9 * * 1,5'));

    await pickOption(within(panel).getByTestId('flow-trigger-form'), '会员');
    await waitFor(() => expect(within(panel).getByTestId('flow-trigger-customer').className).not.toContain('disabled'));
    fireEvent.click(await within(panel).findByTestId('records-filter-add'));
    await pickOption(within(panel).getByTestId('records-filter-field-0'), '备注');
    await pickOption(within(panel).getByTestId('records-filter-op-0'), '为空');
    fireEvent.click(within(panel).getByTestId('records-filter-apply'));
    await within(panel).findByTestId('records-filter-active');
    await pickOption(within(panel).getByTestId('flow-trigger-customer'), '手机');
    await waitFor(() => expect(within(panel).getByTestId('flow-trigger-customer').textContent).toContain('手机'));

    fireEvent.click(screen.getByTestId('flow-save'));
    await waitFor(() => expect(designer.puts).toHaveLength(1));
    expect(designer.puts[0].graph.nodes.find((n) => n.id === 'start')!.config).toEqual({
      on: 'schedule', cron: '0 9 * * 1,5', form: 'member', filter: { and: [{ field: 'note', op: 'is_empty' }] }, customerField: 'phone',
    });
  });

  it("shows the server's words for a cron it cannot read", async () => {
    renderFlowsAt('/w/w1/apps/a1/flows/f1/design');
    fireEvent.click(await screen.findByText('检查触发'));
    const panel = await screen.findByTestId('flow-node-panel');
    fireEvent.click(within(within(panel).getByTestId('flow-schedule-frequency')).getByText('自定义'));
    fireEvent.change(within(panel).getByTestId('flow-trigger-cron'), { target: { value: 'every day' } });
    expect((await within(panel).findByTestId('flow-schedule-problem')).textContent).toContain('格式为五段 cron');
  });
});
