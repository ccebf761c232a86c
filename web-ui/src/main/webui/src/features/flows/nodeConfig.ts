/** Reading and changing a node's config in the designer's panels: values as typed, keys left out when empty. */
import type { NodeConfig } from './types';

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const text = (v: unknown): string => (typeof v === 'string' ? v : '');
export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The config with `key` set, or left out when the value is empty (a free-text key the user cleared, a picker cleared). */
export function withKey(config: NodeConfig, key: string, value: unknown): NodeConfig {
  const next = { ...config };
  if (value === undefined || value === null || value === '') delete next[key];
  else next[key] = value;
  return next;
}
