import type { RunState } from './FlowCanvas';
import type { SimulationPath } from './runtimeTypes';

const DAY_MS = 86_400_000;

/**
 * Where a simulated sample went on the graph: the nodes it passed, and where it stopped when that was not
 * an end node (failed there, waits there for ever, or left there at the goal or on the exit condition).
 */
export function simulatedRunState(path: SimulationPath): Record<string, RunState> {
  const state: Record<string, RunState> = {};
  for (const step of path.steps) state[step.nodeId] = 'passed';
  if (path.endNode && path.end !== 'completed' && path.end !== 'rejected') {
    state[path.endNode] = path.end === 'failed' ? 'failed' : 'current';
  }
  return state;
}

/** The whole days from the start of the run to a moment: "day 0" is the day the customer entered. */
export function dayOf(start: string, at: string): number {
  return Math.floor((Date.parse(at) - Date.parse(start)) / DAY_MS);
}
