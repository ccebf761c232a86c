import { describe, expect, it } from 'vitest';
import { fromIsoDuration, toIsoDuration } from './duration';
import {
  connect,
  edgeLabel,
  flowToGraph,
  followVariantRenames,
  graphToFlow,
  isValidNodeId,
  layout,
  nextEdgeId,
  nextNodeId,
  placeProblems,
  removeElements,
  setEdgeWhen,
  suggestWhen,
  uniqueName,
  whenChoices,
  whenValue,
  type DesignerEdge,
  type DesignerNode,
} from './graph';
import { defaultConfig } from './nodeTypes';
import type { FlowGraph } from './types';

/** The journey the product is drawn for: first order -> thanks -> wait 7 days -> no repurchase? coupon. */
const JOURNEY: FlowGraph = {
  nodes: [
    { id: 'start', type: 'trigger', name: '首单', config: { on: 'record.created', form: 'orders' }, position: { x: 0, y: 0 } },
    { id: 'thanks', type: 'action', name: '感谢', config: { action: 'message.send', template: 'thanks', urgent: true, retry: { times: 2 } }, position: { x: 0, y: 140 } },
    { id: 'wait7', type: 'wait', config: { duration: 'P7D' }, position: { x: 0, y: 280 } },
    { id: 'again', type: 'condition', name: '复购了吗', config: {}, position: { x: 0, y: 420 } },
    { id: 'ab1', type: 'ab', config: { variants: [{ key: 'A', percent: 30 }, { key: 'B', percent: 70 }] }, position: { x: 240, y: 560 } },
    { id: 'coupon', type: 'action', config: { action: 'tag.add' }, position: { x: 240, y: 700 } },
    { id: 'end', type: 'end', name: '结束', config: {}, position: { x: 0, y: 840 } },
  ],
  edges: [
    { from: 'start', to: 'thanks' },
    { from: 'thanks', to: 'wait7' },
    { from: 'wait7', to: 'again' },
    { from: 'again', to: 'end', when: 'orderCount > 1' },
    { from: 'again', to: 'ab1', when: 'else' },
    { from: 'ab1', to: 'coupon', when: 'A' },
    { from: 'ab1', to: 'end', when: 'B' },
    { from: 'coupon', to: 'end' },
  ],
};

const t = (key: string) => `<${key}>`;

function node(id: string, type: string, config: Record<string, unknown> = {}): DesignerNode {
  return { id, type: 'flow', position: { x: 0, y: 0 }, data: { type, config } };
}

describe('graph <-> React Flow', () => {
  it('round-trips a graph: ids, names, positions, configs and whens, in order', () => {
    const { nodes, edges } = graphToFlow(JOURNEY);
    expect(nodes.map((n) => n.id)).toEqual(JOURNEY.nodes.map((n) => n.id));
    expect(nodes[1]).toMatchObject({ id: 'thanks', type: 'flow', position: { x: 0, y: 140 }, data: { type: 'action', name: '感谢' } });
    expect(edges.map((e) => e.id)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']);
    expect(edges[3]).toMatchObject({ source: 'again', target: 'end', data: { when: 'orderCount > 1' } });
    expect(flowToGraph(nodes, edges)).toEqual(JOURNEY);
  });

  it('sends only the properties the server knows, with whole-pixel positions and no empty names or whens', () => {
    const { nodes, edges } = graphToFlow(JOURNEY);
    const moved: DesignerNode[] = nodes.map((n, i) =>
      i === 0 ? { ...n, position: { x: 10.4, y: 20.6 }, selected: true, measured: { width: 180, height: 60 }, data: { ...n.data, name: '  ' } } : n,
    );
    const drawn: DesignerEdge[] = [...edges.map((e) => ({ ...e, selected: true, label: 'x' })), { id: 'e9', source: 'coupon', target: 'end', data: { when: '' } }];
    const graph = flowToGraph(moved, drawn);
    expect(graph.nodes[0]).toEqual({ id: 'start', type: 'trigger', config: { on: 'record.created', form: 'orders' }, position: { x: 10, y: 21 } });
    for (const n of graph.nodes) expect(Object.keys(n).every((k) => ['id', 'type', 'name', 'config', 'position'].includes(k))).toBe(true);
    for (const e of graph.edges) expect(Object.keys(e).every((k) => ['from', 'to', 'when'].includes(k))).toBe(true);
    expect(graph.edges[8]).toEqual({ from: 'coupon', to: 'end' });
  });

  it('lays out nodes that have no position, a row per step from the trigger', () => {
    const graph: FlowGraph = {
      nodes: [{ id: 'start', type: 'trigger', config: {} }, { id: 'a', type: 'action', config: {} }, { id: 'b', type: 'action', config: {} }, { id: 'end', type: 'end', config: {} }],
      edges: [{ from: 'start', to: 'a' }, { from: 'start', to: 'b' }, { from: 'a', to: 'end' }],
    };
    const at = layout(graph);
    expect(at.get('start')).toEqual({ x: 0, y: 0 });
    expect(at.get('a')).toEqual({ x: 0, y: 140 });
    expect(at.get('b')).toEqual({ x: 240, y: 140 });
    expect(at.get('end')).toEqual({ x: 0, y: 280 });
    expect(graphToFlow(graph).nodes.map((n) => n.position)).toEqual([{ x: 0, y: 0 }, { x: 0, y: 140 }, { x: 240, y: 140 }, { x: 0, y: 280 }]);
  });
});

describe('ids and names', () => {
  it('numbers node ids per type, skipping those in use, always valid for the server', () => {
    expect(nextNodeId('approval', ['start', 'end'])).toBe('approval1');
    expect(nextNodeId('approval', ['approval1', 'approval2'])).toBe('approval3');
    expect(nextNodeId('ab', ['ab1'])).toBe('ab2');
    for (const type of ['trigger', 'approval', 'condition', 'parallel', 'join', 'action', 'wait', 'ab', 'end', '条件']) {
      expect(isValidNodeId(nextNodeId(type, []))).toBe(true);
    }
    expect(nextEdgeId([{ id: 'e0' }, { id: 'e7' }, { id: 'x' }])).toBe('e8');
    expect(nextEdgeId([])).toBe('e0');
  });

  it('numbers names taken by another node', () => {
    const nodes = [node('a', 'approval'), node('b', 'approval')];
    nodes[0].data.name = '审批';
    expect(uniqueName('审批', nodes)).toBe('审批2');
    expect(uniqueName('等待', nodes)).toBe('等待');
  });
});

describe('whens', () => {
  it('offers the choices that fit the source node', () => {
    expect(whenChoices('approval', {})).toEqual({
      kind: 'options',
      options: [{ value: null, labelKey: 'flows.when.approved' }, { value: 'rejected', labelKey: 'flows.when.rejected' }],
    });
    expect(whenChoices('condition', {})).toEqual({ kind: 'expression' });
    expect(whenChoices('wait', { duration: 'P7D' })).toEqual({ kind: 'options', options: [{ value: null, labelKey: 'flows.when.done' }] });
    expect(whenChoices('wait', { event: 'order.created', timeout: 'P3D' })).toEqual({
      kind: 'options',
      options: [{ value: null, labelKey: 'flows.when.done' }, { value: 'timeout', labelKey: 'flows.when.timeout' }],
    });
    expect(whenChoices('ab', defaultConfig('ab', 'journey'))).toEqual({
      kind: 'options',
      options: [{ value: 'A', text: 'A (50%)' }, { value: 'B', text: 'B (50%)' }],
    });
    for (const type of ['trigger', 'action', 'parallel', 'join']) expect(whenChoices(type, {})).toEqual({ kind: 'none' });
  });

  it('keeps a when the source no longer offers, marked stale, and reads "approved" as the plain edge', () => {
    expect(whenChoices('ab', { variants: [{ key: 'A', percent: 100 }] }, 'Z')).toEqual({
      kind: 'options',
      options: [{ value: 'A', text: 'A (100%)' }, { value: 'Z', text: 'Z', stale: true }],
    });
    expect(whenChoices('action', {}, 'approved')).toMatchObject({ kind: 'options', options: [{ value: null }, { value: 'approved', stale: true }] });
    expect(whenValue('approval', 'approved')).toBeNull();
    expect(whenValue('approval', undefined)).toBeNull();
    expect(whenValue('approval', 'rejected')).toBe('rejected');
    expect(whenChoices('approval', {}, 'approved')).toMatchObject({ options: [{ value: null }, { value: 'rejected' }] });
  });

  it('suggests the when of the next edge drawn from a node', () => {
    expect(suggestWhen('approval', {}, [])).toBeUndefined();
    expect(suggestWhen('approval', {}, [undefined])).toBe('rejected');
    expect(suggestWhen('approval', {}, ['approved'])).toBe('rejected');
    expect(suggestWhen('approval', {}, [undefined, 'rejected'])).toBeUndefined();
    expect(suggestWhen('condition', {}, [])).toBeUndefined();
    expect(suggestWhen('condition', {}, ['x > 1'])).toBe('else');
    expect(suggestWhen('condition', {}, ['x > 1', 'else'])).toBeUndefined();
    expect(suggestWhen('wait', { event: 'e', timeout: 'P1D' }, [undefined])).toBe('timeout');
    expect(suggestWhen('wait', { duration: 'P1D' }, [undefined])).toBeUndefined();
    expect(suggestWhen('ab', { variants: [{ key: 'A', percent: 50 }, { key: 'B', percent: 50 }] }, ['A'])).toBe('B');
    expect(suggestWhen('action', {}, [])).toBeUndefined();
  });

  it('labels edges by their outcome', () => {
    expect(edgeLabel('approval', undefined, t)).toBe('<flows.when.approved>');
    expect(edgeLabel('approval', 'rejected', t)).toBe('<flows.when.rejected>');
    expect(edgeLabel('condition', 'else', t)).toBe('<flows.when.else>');
    expect(edgeLabel('condition', 'orderCount > 1', t)).toBe('orderCount > 1');
    expect(edgeLabel('wait', 'timeout', t)).toBe('<flows.when.timeout>');
    expect(edgeLabel('ab', 'A', t)).toBe('A');
    expect(edgeLabel('action', undefined, t)).toBe('');
  });
});

describe('editing', () => {
  const nodes = [node('start', 'trigger'), node('approve', 'approval'), node('ok', 'action'), node('end', 'end')];

  it('connects with the suggested when, and refuses edges the graph cannot have', () => {
    let edges: DesignerEdge[] = [];
    edges = connect(nodes, edges, 'start', 'approve')!;
    edges = connect(nodes, edges, 'approve', 'ok')!;
    edges = connect(nodes, edges, 'approve', 'end')!;
    expect(edges).toEqual([
      { id: 'e0', source: 'start', target: 'approve', data: {} },
      { id: 'e1', source: 'approve', target: 'ok', data: {} },
      { id: 'e2', source: 'approve', target: 'end', data: { when: 'rejected' } },
    ]);
    expect(connect(nodes, edges, 'ok', 'ok')).toBeNull();
    expect(connect(nodes, edges, 'ok', 'start')).toBeNull();
    expect(connect(nodes, edges, 'end', 'ok')).toBeNull();
    expect(connect(nodes, edges, 'start', 'approve')).toBeNull(); // the same edge again
  });

  it('removes a node with its edges, and sets whens', () => {
    const edges: DesignerEdge[] = [
      { id: 'e0', source: 'start', target: 'approve' },
      { id: 'e1', source: 'approve', target: 'ok' },
      { id: 'e2', source: 'ok', target: 'end' },
    ];
    const r = removeElements(nodes, edges, ['approve'], []);
    expect(r.nodes.map((n) => n.id)).toEqual(['start', 'ok', 'end']);
    expect(r.edges.map((e) => e.id)).toEqual(['e2']);
    expect(removeElements(nodes, edges, [], ['e2']).edges.map((e) => e.id)).toEqual(['e0', 'e1']);
    expect(setEdgeWhen(edges, 'e1', 'rejected')[1].data).toEqual({ when: 'rejected' });
    expect(setEdgeWhen(edges, 'e1', null)[1].data).toEqual({});
  });

  it('keeps an A/B split edge on its variant when the variant is renamed', () => {
    const edges: DesignerEdge[] = [
      { id: 'e0', source: 'ab1', target: 'x', data: { when: 'A' } },
      { id: 'e1', source: 'ab1', target: 'y', data: { when: 'B' } },
      { id: 'e2', source: 'other', target: 'y', data: { when: 'A' } },
    ];
    const renamed = followVariantRenames(edges, 'ab1', [{ key: 'A' }, { key: 'B' }], [{ key: 'control' }, { key: 'B' }]);
    expect(renamed.map((e) => e.data?.when)).toEqual(['control', 'B', 'A']);
    // a removed or swapped variant is no rename
    expect(followVariantRenames(edges, 'ab1', [{ key: 'A' }, { key: 'B' }], [{ key: 'B' }]).map((e) => e.data?.when)).toEqual(['A', 'B', 'A']);
    expect(followVariantRenames(edges, 'ab1', [{ key: 'A' }, { key: 'B' }], [{ key: 'B' }, { key: 'A' }]).map((e) => e.data?.when)).toEqual(['A', 'B', 'A']);
  });
});

describe('problems', () => {
  it('puts each problem on its node, its edge (by the checked graph\'s order) or the graph', () => {
    const placed = placeProblems(
      [
        { field: 'nodes.approve', nodeId: 'approve', code: 'flow.config.assignees', message: '请设置审批人。' },
        { field: 'nodes.approve', nodeId: 'approve', code: 'flow.graph.oneOutgoing', message: '需要一条连线' },
        { field: 'edges[1]', edgeIndex: 1, code: 'flow.graph.edgeWhen', message: '条件不适合' },
        { field: 'graph', code: 'flow.graph.noEnd', message: '需要结束节点' },
        { field: 'edges[7]', code: 'flow.graph.danglingEdge', message: '已不在图中' },
      ],
      ['e0', 'e5'],
    );
    expect(Object.keys(placed.nodes)).toEqual(['approve']);
    expect(placed.nodes.approve.map((p) => p.code)).toEqual(['flow.config.assignees', 'flow.graph.oneOutgoing']);
    expect(placed.edges).toEqual({ e5: [expect.objectContaining({ code: 'flow.graph.edgeWhen' })] });
    expect(placed.graph.map((p) => p.code)).toEqual(['flow.graph.noEnd', 'flow.graph.danglingEdge']);
    expect(placed.count).toBe(5);
  });

  it('reads the field of a refused publish (no nodeId / edgeIndex)', () => {
    const placed = placeProblems(
      [
        { field: 'nodes.wait-7_a', code: 'flow.config.duration', message: '时长不对' },
        { field: 'edges[0]', code: 'flow.graph.edgeVariant', message: '组不对' },
      ],
      ['e3'],
    );
    expect(placed.nodes['wait-7_a'][0].message).toBe('时长不对');
    expect(placed.edges.e3[0].message).toBe('组不对');
  });
});

describe('durations', () => {
  it('writes ISO-8601 durations', () => {
    expect(toIsoDuration({ amount: 7, unit: 'days' })).toBe('P7D');
    expect(toIsoDuration({ amount: 2, unit: 'hours' })).toBe('PT2H');
    expect(toIsoDuration({ amount: 30, unit: 'minutes' })).toBe('PT30M');
  });

  it('reads them in the largest unit that holds them whole', () => {
    expect(fromIsoDuration('P7D')).toEqual({ amount: 7, unit: 'days' });
    expect(fromIsoDuration('PT2H')).toEqual({ amount: 2, unit: 'hours' });
    expect(fromIsoDuration('PT48H')).toEqual({ amount: 2, unit: 'days' });
    expect(fromIsoDuration('PT90M')).toEqual({ amount: 90, unit: 'minutes' });
    expect(fromIsoDuration('P1DT2H')).toEqual({ amount: 26, unit: 'hours' });
    expect(fromIsoDuration('PT1H30M')).toEqual({ amount: 90, unit: 'minutes' });
    expect(fromIsoDuration('pt120s')).toEqual({ amount: 2, unit: 'minutes' });
  });

  it('round-trips and refuses what minutes cannot express', () => {
    for (const iso of ['P1D', 'P400D', 'PT5M', 'PT23H']) expect(toIsoDuration(fromIsoDuration(iso)!)).toBe(iso);
    for (const bad of ['P1W', 'P1M', 'PT30S', 'P', 'PT', '7 days', '', undefined, 7, '-P1D']) expect(fromIsoDuration(bad)).toBeNull();
  });
});
