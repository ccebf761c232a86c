// @vitest-environment jsdom
/**
 * The designer's form and field pickers against a fake API: a record trigger's form, and the field that
 * names the journey's customer among that form's fields, are picked by name and saved by key; a wait
 * until a date offers only the date fields of the trigger's form.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, pickOption } from '../../testing/dom';
import { fakeDesigner, renderFlowsAt, serveFakeApi } from './testing';
import type { FlowGraph } from './types';


const DRAFT: FlowGraph = {
  nodes: [
    { id: 'start', type: 'trigger', name: '入会', config: { on: 'record.created' }, position: { x: 0, y: 0 } },
    { id: 'birthday', type: 'wait', name: '等生日', config: { untilField: '' }, position: { x: 0, y: 140 } },
    { id: 'end', type: 'end', name: '结束', config: {}, position: { x: 0, y: 280 } },
  ],
  edges: [{ from: 'start', to: 'birthday' }, { from: 'birthday', to: 'end' }],
};

const MEMBER = {
  id: 'fm', key: 'member', name: '会员',
  fields: [{ key: 'phone', label: '手机', type: 'phone' }, { key: 'birthday', label: '生日', type: 'date' }, { key: 'note', label: '备注', type: 'text' }],
};

let designer: ReturnType<typeof fakeDesigner>;

serveFakeApi(() => {
  designer = fakeDesigner(DRAFT, { start: '检查触发', birthday: '检查等待' }, [MEMBER], '生日关怀');
  return async (input, init) => designer.answer(new URL(String(input), 'http://localhost'), init) ?? json(404, { status: 404, detail: 'no route' });
});

const options = () => [...document.querySelectorAll('.ant-select-item-option')]
  .filter((o) => !o.closest('.ant-select-dropdown-hidden')).map((o) => o.getAttribute('title'));

describe('form and field pickers (jsdom, fake API)', { timeout: 60_000 }, () => {
  it('picks the trigger form and the customer field by name and waits until a date field of that form', async () => {
    renderFlowsAt('/w/w1/apps/a1/flows/f1/design');
    fireEvent.click(await screen.findByText('检查触发'));
    let panel = await screen.findByTestId('flow-node-panel');
    await pickOption(within(panel).getByTestId('flow-trigger-form'), '会员');
    await waitFor(() => expect(within(panel).getByTestId('flow-trigger-customer').className).not.toContain('disabled'));
    await pickOption(within(panel).getByTestId('flow-trigger-customer'), '手机');

    fireEvent.click(screen.getByText('检查等待'));
    panel = await waitFor(() => {
      const p = screen.getByTestId('flow-node-panel');
      if (p.getAttribute('data-node') !== 'birthday') throw new Error('not yet');
      return p;
    });
    fireEvent.mouseDown(within(within(panel).getByTestId('flow-wait-until')).getByRole('combobox'));
    await waitFor(() => expect(options()).toEqual(['生日']));
    fireEvent.click(document.querySelector('.ant-select-item-option[title="生日"]')!);

    fireEvent.click(screen.getByTestId('flow-save'));
    await waitFor(() => expect(designer.puts).toHaveLength(1));
    const nodes = designer.puts[0].graph.nodes;
    expect(nodes.find((n) => n.id === 'start')!.config).toEqual({ on: 'record.created', form: 'member', customerField: 'phone' });
    expect(nodes.find((n) => n.id === 'birthday')!.config).toEqual({ untilField: 'birthday' });
  });
});
