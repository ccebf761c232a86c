/** The grid's header sorting against the server's `sort=field` / `sort=-field`. */
import { DEFAULT_SORT } from './api';

export type SortOrder = 'ascend' | 'descend' | null;

export function sortOrderOf(sort: string, key: string): SortOrder {
  if (sort === key || sort === `+${key}`) return 'ascend';
  if (sort === `-${key}`) return 'descend';
  return null;
}

/** A header click's result as the sort parameter; no order means the default (newest first). */
export function sortFromHeader(key: string | undefined, order: SortOrder | undefined): string {
  if (!key || !order) return DEFAULT_SORT;
  return order === 'descend' ? `-${key}` : key;
}
