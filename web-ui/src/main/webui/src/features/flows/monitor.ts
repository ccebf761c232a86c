import type { RunState } from './FlowCanvas';
import type { InstanceDetail, InstanceStep } from './runtimeTypes';

/** Where an instance is on its graph: the nodes it waits at now, those it passed, the one that failed. */
export function runStateOf(detail: Pick<InstanceDetail, 'steps' | 'currentNodes'>): Record<string, RunState> {
  const state: Record<string, RunState> = {};
  for (const step of detail.steps) {
    if (step.state === 'done') state[step.nodeId] ??= 'passed';
  }
  for (const node of detail.currentNodes) state[node] = 'current';
  for (const step of detail.steps) {
    if (step.state === 'failed') state[step.nodeId] = 'failed';
  }
  return state;
}

/** What a step's detail says in a few words: who approved, where it was returned to, what an action did. */
export function stepNote(step: InstanceStep): string | null {
  const d = step.detail ?? {};
  if (typeof d.summary === 'string') return d.summary;
  if (typeof d.comment === 'string') return d.comment;
  return null;
}
