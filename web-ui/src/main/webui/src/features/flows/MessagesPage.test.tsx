// @vitest-environment jsdom
/**
 * The messages page against a fake API: an operator finds a customer's messages by phone (held-back
 * ones say why), puts a customer who called to unsubscribe on the list, and lets one back on; a
 * member who may not change the list sees it without the buttons.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '../../testing/dom';
import { renderFlowsAt, serveFakeApi } from './testing';

const WS = '/api/v1/workspaces/w1';

let optOuts: { recipient: string; at: string }[];
let asked: string[];

async function handle(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  const method = init?.method ?? 'GET';
  asked.push(`${method} ${url.pathname}${url.search}`);
  if (url.pathname === `${WS}/messages`) {
    const all = [
      { id: 2, instanceId: 'i1', channel: 'sms', recipient: '13800000001', template: 'coupon', body: '送您 10 元券', marketing: true, state: 'opted-out', createdAt: '2026-11-24T02:00:00Z' },
      { id: 1, instanceId: 'i1', channel: 'sms', recipient: '13800000001', template: 'thanks', body: '感谢您的首单', marketing: false, state: 'queued', createdAt: '2026-11-23T02:00:00Z' },
      { id: 3, instanceId: 'i2', channel: 'sms', recipient: '13900000002', template: 'thanks', body: '感谢您的首单', marketing: false, state: 'queued', createdAt: '2026-11-23T03:00:00Z' },
    ];
    const r = url.searchParams.get('recipient');
    return json(200, r ? all.filter((m) => m.recipient === r) : all);
  }
  if (url.pathname === `${WS}/message-opt-outs` && method === 'GET') return json(200, optOuts);
  if (url.pathname === `${WS}/message-opt-outs` && method === 'POST') {
    optOuts = [{ recipient: JSON.parse(String(init?.body)).recipient, at: '2026-11-24T05:00:00Z' }, ...optOuts];
    return new Response(null, { status: 204 });
  }
  if (url.pathname === `${WS}/message-opt-outs` && method === 'DELETE') {
    optOuts = optOuts.filter((o) => o.recipient !== url.searchParams.get('recipient'));
    return new Response(null, { status: 204 });
  }
  return json(404, { status: 404, detail: 'no route' });
}

serveFakeApi(() => {
  optOuts = [{ recipient: '13800000001', at: '2026-11-24T01:00:00Z' }];
  asked = [];
  return handle;
});

describe('messages page (jsdom, fake API)', { timeout: 60_000 }, () => {
  it('finds a customer by phone, says why a message was held back, and keeps the opt-out list', async () => {
    renderFlowsAt('/w/w1/messages');
    const table = await screen.findByTestId('messages-table');
    await waitFor(() => expect(within(table).getAllByTestId('message-state')).toHaveLength(3));
    const search = within(screen.getByTestId('messages-search')).getByRole('searchbox');
    fireEvent.change(search, { target: { value: '13800000001' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(within(table).getAllByTestId('message-state').map((s) => s.textContent)).toEqual(['已退订，未发', '已发出']));

    fireEvent.click(screen.getByTestId('messages-tab-opt-outs'));
    const list = await screen.findByTestId('opt-outs-table');
    await within(list).findByText('13800000001');
    fireEvent.change(screen.getByTestId('opt-out-recipient'), { target: { value: '13900000002' } });
    fireEvent.click(screen.getByTestId('opt-out-add'));
    await within(list).findByText('13900000002');
    expect(asked).toContain(`POST ${WS}/message-opt-outs`);

    fireEvent.click(within(within(list).getByText('13800000001').closest('tr')!).getByTestId('opt-in'));
    fireEvent.click(await screen.findByTestId('opt-in-ok'));
    await waitFor(() => expect(within(list).queryByText('13800000001')).toBeNull());
    expect(asked).toContain(`DELETE ${WS}/message-opt-outs?recipient=13800000001`);
  });

  it('shows the list without the buttons to who may read it but not change it', async () => {
    renderFlowsAt('/w/w1/messages', ['app.view', 'message.read']);
    fireEvent.click(await screen.findByTestId('messages-tab-opt-outs'));
    const list = await screen.findByTestId('opt-outs-table');
    await within(list).findByText('13800000001');
    expect(screen.queryByTestId('opt-out-add')).toBeNull();
    expect(within(list).queryByTestId('opt-in')).toBeNull();
  });

  it('is closed to a role without message.read: the log shows customers beyond its records', async () => {
    renderFlowsAt('/w/w1/messages', ['app.view', 'app.manage']);
    await screen.findByText('无权访问');
    expect(screen.queryByTestId('messages-tab-log')).toBeNull();
  });
});
