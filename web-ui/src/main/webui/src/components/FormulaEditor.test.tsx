// @vitest-environment jsdom
import { useState } from 'react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../i18n';
import type { ExpressionFunctionInfo } from '../api/types';
import { installDomShims, json } from '../testing/dom';
import { FormulaEditor } from './FormulaEditor';

const FUNCTIONS: ExpressionFunctionInfo[] = [
  { name: 'daysSince', alias: '距今天数', category: 'date', signature: 'daysSince(date)', descriptionZh: '从该日期到今天过了多少天', descriptionEn: 'Days from the date until today', example: 'daysSince(lastOrderDate) > 90' },
  { name: 'today', alias: '今天', category: 'date', signature: 'today()', descriptionZh: '今天的日期', descriptionEn: "Today's date", example: 'today()' },
  { name: 'round', alias: '四舍五入', category: 'number', signature: 'round(number, digits)', descriptionZh: '四舍五入', descriptionEn: 'Rounds half up', example: 'round(amount * 0.8, 2)' },
];

let evaluated: { expression: string; context: Record<string, unknown> }[] = [];

async function fakeApi(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  if (url.pathname === '/api/v1/expressions/functions') return json(200, FUNCTIONS);
  if (url.pathname === '/api/v1/expressions/evaluate') {
    const body = JSON.parse(String(init?.body)) as { expression: string; context: Record<string, unknown> };
    evaluated.push(body);
    if (/[>&]\s*$/.test(body.expression)) {
      return json(400, {
        type: 'https://qiaoban.io/problems/expression-invalid',
        status: 400,
        detail: '表达式有误',
        errors: [{ field: 'expression', code: 'expression.syntax', message: '表达式在这里不完整', position: body.expression.length }],
      });
    }
    return json(200, { value: Number(body.context.totalSpend) > 5000, type: 'boolean' });
  }
  return json(404, { status: 404, detail: 'not found' });
}

function Harness({ initial = '', context = { totalSpend: 6000, lastOrderDate: '2026-11-20' } }: { initial?: string; context?: Record<string, unknown> }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <FormulaEditor value={value} onChange={setValue} fields={['totalSpend', 'lastOrderDate', 'level']} context={context} />
      <output data-testid="value">{value}</output>
    </>
  );
}

function renderEditor(initial?: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <Harness initial={initial} />
    </QueryClientProvider>,
  );
}

const input = () => screen.getByTestId('formula-input') as HTMLTextAreaElement;
const value = () => screen.getByTestId('value').textContent;

function type(text: string) {
  fireEvent.change(input(), { target: { value: text } });
}

beforeAll(() => installDomShims());

beforeEach(async () => {
  evaluated = [];
  vi.stubGlobal('fetch', vi.fn(fakeApi));
  await changeLanguage('zh-CN');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('FormulaEditor', { timeout: 30_000 }, () => {
  it('completes field names and functions by English name or Chinese alias', async () => {
    renderEditor();
    await waitFor(() => expect(fetch).toHaveBeenCalledWith('/api/v1/expressions/functions', expect.anything()));

    type('tot');
    const suggestion = await screen.findByTestId('formula-suggestion');
    expect(suggestion.getAttribute('data-value')).toBe('totalSpend');
    fireEvent.click(suggestion);
    expect(value()).toBe('totalSpend');

    type('totalSpend > 5000 && 距今');
    const options = await screen.findAllByTestId('formula-suggestion');
    expect(options.map((o) => o.getAttribute('data-value'))).toEqual(['距今天数']);
    expect(options[0].textContent).toContain('daysSince');
    fireEvent.keyDown(input(), { key: 'Enter' });
    expect(value()).toBe('totalSpend > 5000 && 距今天数(');

    // arrows pick among several; Escape closes the list
    type('da');
    await waitFor(() => expect(screen.getAllByTestId('formula-suggestion').length).toBeGreaterThan(1));
    fireEvent.keyDown(input(), { key: 'Escape' });
    expect(screen.queryByTestId('formula-suggestion')).toBeNull();
  });

  it('checks the expression as it is typed: an error with a caret at its position, then the value', async () => {
    renderEditor();
    type('totalSpend >');
    const error = await screen.findByTestId('formula-error');
    expect(error.textContent).toContain('表达式在这里不完整');
    expect(error.getAttribute('data-position')).toBe('12');
    const caret = within(error).getByTestId('formula-caret');
    expect(caret.textContent).toBe(`totalSpend > \n${' '.repeat(12)}^`);

    type('totalSpend > 5000');
    const ok = await screen.findByTestId('formula-value');
    expect(ok.textContent).toContain('= true');
    expect(ok.textContent).toContain('是/否');
    expect(ok.getAttribute('data-expression')).toBe('totalSpend > 5000');
    expect(screen.queryByTestId('formula-error')).toBeNull();
    // debounced: the intermediate text was never sent, the sample context was
    expect(evaluated.map((e) => e.expression)).toEqual(['totalSpend >', 'totalSpend > 5000']);
    expect(evaluated[1].context).toEqual({ totalSpend: 6000, lastOrderDate: '2026-11-20' });
  });

  it('lists the functions by category and inserts one at the cursor', async () => {
    renderEditor('a + ');
    fireEvent.click(screen.getByTestId('formula-reference-toggle'));
    const reference = await screen.findByTestId('formula-reference');
    await waitFor(() => expect(within(reference).getAllByTestId('formula-ref-fn')).toHaveLength(3));
    expect(reference.textContent).toContain('日期');
    expect(reference.textContent).toContain('从该日期到今天过了多少天');
    expect(reference.textContent).toContain('别名：距今天数');
    fireEvent.click(within(reference).getByText('round(number, digits)'));
    expect(value()).toBe('a + round(');
  });

  it('shows the descriptions in English when the UI is in English', async () => {
    await changeLanguage('en');
    renderEditor();
    fireEvent.click(screen.getByTestId('formula-reference-toggle'));
    const reference = await screen.findByTestId('formula-reference');
    await waitFor(() => expect(reference.textContent).toContain('Days from the date until today'));
    expect(reference.textContent).toContain('Dates');
  });
});
