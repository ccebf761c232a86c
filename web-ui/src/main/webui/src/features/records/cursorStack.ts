/**
 * Cursor paging forwards and back: the server only knows "the page after this cursor", so the
 * cursors of the pages seen so far are kept to step back. The first page has no cursor (null).
 */
export interface CursorStack {
  readonly cursors: readonly (string | null)[];
}

export const FIRST_PAGE: CursorStack = { cursors: [null] };

export function currentCursor(stack: CursorStack): string | null {
  return stack.cursors[stack.cursors.length - 1] ?? null;
}

/** 1-based, for "第 n 页". */
export function pageNumber(stack: CursorStack): number {
  return stack.cursors.length;
}

export function hasPrevious(stack: CursorStack): boolean {
  return stack.cursors.length > 1;
}

export function nextPage(stack: CursorStack, nextCursor: string | null | undefined): CursorStack {
  return nextCursor ? { cursors: [...stack.cursors, nextCursor] } : stack;
}

export function previousPage(stack: CursorStack): CursorStack {
  return hasPrevious(stack) ? { cursors: stack.cursors.slice(0, -1) } : stack;
}
