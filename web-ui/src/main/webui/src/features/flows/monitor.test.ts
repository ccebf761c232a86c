/** Where an instance is drawn on its graph, which flows start by hand, and where an approver may return a request. */
import { describe, expect, it } from 'vitest';
import { returnTargets } from '../approvals/DecisionPanel';
import { manualStart } from './InstancesPage';
import { runStateOf, stepNote } from './monitor';
import type { InstanceStep } from './runtimeTypes';
import type { FlowGraph } from './types';

const step = (id: number, nodeId: string, state: InstanceStep['state'], extra: Partial<InstanceStep> = {}): InstanceStep => ({
  id, nodeId, state, visit: 1, enteredAt: '2026-11-24T01:00:00Z', ...extra,
});

const GRAPH: FlowGraph = {
  nodes: [
    { id: 'start', type: 'trigger', config: { on: 'manual', form: ' discount ' } },
    { id: 'manager', type: 'approval', name: '主管', config: {} },
    { id: 'finance', type: 'approval', name: '财务', config: {} },
    { id: 'end', type: 'end', config: {} },
  ],
  edges: [],
};

describe('instance monitor', () => {
  it('marks the nodes passed, the ones waiting now, and the one that failed', () => {
    const steps = [step(1, 'start', 'done'), step(2, 'manager', 'done'), step(3, 'finance', 'waiting'), step(4, 'manager', 'cancelled')];
    expect(runStateOf({ steps, currentNodes: ['finance'] })).toEqual({ start: 'passed', manager: 'passed', finance: 'current' });
    expect(runStateOf({ steps: [step(1, 'start', 'done'), step(2, 'mark', 'failed')], currentNodes: [] }))
      .toEqual({ start: 'passed', mark: 'failed' });
  });

  it('a node passed before and waited at again is current', () => {
    const steps = [step(1, 'manager', 'done'), step(2, 'finance', 'done', { outcome: 'returned' }), step(3, 'manager', 'waiting')];
    expect(runStateOf({ steps, currentNodes: ['manager'] }).manager).toBe('current');
  });

  it('notes what a step did', () => {
    expect(stepNote(step(1, 'a', 'done', { detail: { summary: 'message thanks to 138: queued' } }))).toBe('message thanks to 138: queued');
    expect(stepNote(step(1, 'a', 'done', { detail: { comment: '请补充' } }))).toBe('请补充');
    expect(stepNote(step(1, 'a', 'done'))).toBeNull();
  });

  it('knows which published flows start by hand, and about which form', () => {
    expect(manualStart(GRAPH)).toEqual({ manual: true, formKey: 'discount' });
    expect(manualStart({ nodes: [{ id: 's', type: 'trigger', config: { on: 'record.created', form: 'order' } }], edges: [] }).manual).toBe(false);
    expect(manualStart(undefined)).toEqual({ manual: false, formKey: null });
  });

  it('offers returning to approval steps passed before, not to the current one', () => {
    const steps = [step(1, 'start', 'done'), step(2, 'manager', 'done', { nodeName: '主管' }), step(3, 'finance', 'waiting')];
    expect(returnTargets({ steps, graph: GRAPH }, 'finance')).toEqual([{ id: 'manager', name: '主管' }]);
    expect(returnTargets({ steps, graph: GRAPH }, 'manager')).toEqual([]);
  });
});
