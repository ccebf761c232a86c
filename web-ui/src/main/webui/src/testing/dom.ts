import { configure, fireEvent, waitFor, within } from '@testing-library/react';
import { vi } from 'vitest';

/** What antd needs from a browser that jsdom lacks (call in `beforeAll` of a jsdom test). */
export function installDomShims(): void {
  configure({ asyncUtilTimeout: 15_000 }); // generous: CI machines are small and busy
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
  // jsdom cannot compute pseudo-element styles (antd asks for scrollbar sizes); the element's own will do
  const getComputedStyle = window.getComputedStyle.bind(window);
  window.getComputedStyle = (elt: Element) => getComputedStyle(elt);
  // jsdom has no layout, so antd's auto-sizing TextArea computes NaN heights: harmless here
  const consoleError = console.error.bind(console);
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('is an invalid value for the `%s` css style property')) return;
    if (typeof args[0] === 'string' && args[0].includes('is an invalid value for the `height` css style property')) return;
    consoleError(...args);
  });
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
}

export function json(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: body === undefined ? headers : { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

/** Opens the antd Select inside `scope` and clicks its visible option titled `title`. */
export async function pickOption(scope: HTMLElement, title: string): Promise<void> {
  fireEvent.mouseDown(within(scope).getByRole('combobox'));
  const option = await waitFor(() => {
    const o = [...document.querySelectorAll('.ant-select-item-option')].find((x) => x.getAttribute('title') === title && !x.closest('.ant-select-dropdown-hidden'));
    if (!o) throw new Error(`no option ${title} yet`);
    return o;
  });
  fireEvent.click(option);
}
