// @vitest-environment jsdom
/**
 * The property panel of attachment and image fields: the limits start at the server's defaults,
 * changes land in the field's options, typed extensions are kept as the server keeps them, and the
 * server's definition problems show under the option they are about. Then the default value a new
 * record starts with, entered with the input the record form uses.
 */
import { useState } from 'react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FieldProblem } from '../../api/problem';
import { changeLanguage } from '../../i18n';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { installDomShims, json } from '../../testing/dom';
import type { DesignerField } from './designer';
import { newField } from './fieldTypes';
import { PropertyPanel } from './PropertyPanel';
import type { FieldDefinition } from './types';

function renderPanel(initial: FieldDefinition, problems: FieldProblem[] = [], publishedChoices?: ReadonlySet<string>) {
  const seen: FieldDefinition[] = [];
  function Harness() {
    const [field, setField] = useState(initial);
    const item: DesignerField = { kind: 'field', uid: 'u1', field, keyLocked: true, span: 24 };
    return (
      <PropertyPanel
        workspaceId="w1"
        appId="a1"
        formKey="customer"
        item={item}
        all={[item]}
        published={publishedChoices !== undefined}
        publishedChoices={publishedChoices}
        forms={[]}
        problems={problems}
        onSpan={() => undefined}
        onChange={(change) =>
          setField((f) => {
            const next = { ...f, ...change };
            seen.push(next);
            return next;
          })
        }
      />
    );
  }
  // the rule editor (a formula editor) reads the function list
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <ConfigProvider locale={zhCN}>
      <QueryClientProvider client={client}>
        <Harness />
      </QueryClientProvider>
    </ConfigProvider>,
  );
  return { last: () => seen[seen.length - 1] };
}

const numberIn = (testId: string) => screen.getByTestId(testId) as HTMLInputElement;

beforeAll(async () => {
  installDomShims();
  await changeLanguage('zh-CN');
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL) => {
    const path = new URL(String(input), 'http://localhost').pathname;
    if (path === '/api/v1/expressions/functions') return json(200, []);
    if (path === '/api/v1/expressions/evaluate') return json(200, { value: true });
    return json(404, { status: 404, detail: '不存在' });
  }));
});

afterAll(() => vi.unstubAllGlobals());

afterEach(() => cleanup());

describe('property panel of file fields (jsdom)', { timeout: 60_000 }, () => {
  it('edits the limits of an attachment and normalises the allowed types', async () => {
    const panel = renderPanel(newField('attachment', '附件', new Set(), (n) => `选项${n}`));
    expect(numberIn('prop-max-files').value).toBe('10');
    expect(numberIn('prop-max-size').value).toBe('20');
    expect(screen.getByText('允许的文件类型')).toBeTruthy();

    fireEvent.change(numberIn('prop-max-files'), { target: { value: '3' } });
    await waitFor(() => expect(panel.last()?.options).toMatchObject({ maxFiles: 3, maxSizeMb: 20 }));
    fireEvent.change(numberIn('prop-max-size'), { target: { value: '50' } });
    await waitFor(() => expect(panel.last()?.options).toMatchObject({ maxFiles: 3, maxSizeMb: 50 }));

    // extensions typed as users do: with dots, upper case, several at once
    const input = within(screen.getByTestId('prop-accept')).getByRole('combobox');
    fireEvent.change(input, { target: { value: '.PDF,' } });
    await waitFor(() => expect(panel.last()?.options?.accept).toEqual(['pdf']));
    fireEvent.change(input, { target: { value: '*.Docx pdf ' } });
    await waitFor(() => expect(panel.last()?.options?.accept).toEqual(['pdf', 'docx']));
    expect(panel.last()?.options).toEqual({ maxFiles: 3, maxSizeMb: 50, accept: ['pdf', 'docx'] });
  });

  it('lets a department field hold several departments', async () => {
    const panel = renderPanel(newField('department', '部门', new Set(), (n) => `选项${n}`));
    expect(screen.getByText('类型: 部门')).toBeTruthy();
    const multiple = screen.getByTestId('prop-multiple');
    expect(multiple.getAttribute('aria-checked')).toBe('false');
    fireEvent.click(multiple);
    await waitFor(() => expect(panel.last()?.options).toEqual({ multiple: true }));
    expect(screen.queryByTestId('prop-unique')).toBeNull();
  });

  it('offers no types for an image, and shows definition problems under their option', () => {
    renderPanel(newField('image', '图片', new Set(), (n) => `选项${n}`), [
      { field: 'fields[0].options.maxFiles', code: 'form.def.range', message: '须在 1 到 50 之间' },
    ]);
    expect(numberIn('prop-max-files').value).toBe('9');
    expect(numberIn('prop-max-size').value).toBe('10');
    expect(screen.queryByTestId('prop-accept')).toBeNull();
    expect(screen.getByText('须在 1 到 50 之间')).toBeTruthy();
    expect(screen.getByText(/PNG、JPEG、GIF 和 WebP/)).toBeTruthy();
  });
});

describe('default value of a field (jsdom)', { timeout: 60_000 }, () => {
  const defaultInput = () => within(screen.getByTestId('prop-default'));

  it('takes a text default as typed and drops it when cleared', async () => {
    const panel = renderPanel(newField('text', '城市', new Set(), (n) => `选项${n}`));
    expect(screen.getByText('默认值')).toBeTruthy();
    fireEvent.change(defaultInput().getByRole('textbox'), { target: { value: '杭州' } });
    await waitFor(() => expect(panel.last()?.default).toBe('杭州'));
    fireEvent.change(defaultInput().getByRole('textbox'), { target: { value: '  ' } });
    await waitFor(() => expect(panel.last()?.default).toBeUndefined());
  });

  it('keeps a money default as a number and a select default as one of its choices', async () => {
    const money = renderPanel(newField('money', '预算', new Set(), (n) => `选项${n}`));
    fireEvent.change(defaultInput().getByRole('spinbutton'), { target: { value: '5000' } });
    await waitFor(() => expect(money.last()?.default).toBe(5000));
    cleanup();

    const select = renderPanel(newField('select', '等级', new Set(), (n) => `选项${n}`));
    fireEvent.mouseDown(defaultInput().getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('选项2'));
    await waitFor(() => expect(select.last()?.default).toBe('选项2'));
  });

  it('keeps the values of published options (records hold them) and lets their labels and new options change', async () => {
    const select = renderPanel({ key: 'level', label: '等级', type: 'select', options: { choices: [{ value: '金卡' }] } }, [],
      new Set(['金卡']));
    expect(numberIn('prop-choice-0').disabled).toBe(true);
    screen.getByText('已发布的选项值不能修改：记录里存的就是它。要改名，请填写“显示名”。');
    fireEvent.change(screen.getAllByPlaceholderText('显示名（可选）')[0], { target: { value: '黄金卡' } });
    await waitFor(() => expect(select.last()?.options?.choices).toEqual([{ value: '金卡', label: '黄金卡' }]));
    fireEvent.click(screen.getByTestId('prop-choice-add'));
    fireEvent.change(numberIn('prop-choice-1'), { target: { value: '钻石' } });
    await waitFor(() => expect(select.last()?.options?.choices).toEqual([{ value: '金卡', label: '黄金卡' }, { value: '钻石' }]));
    expect(numberIn('prop-choice-1').disabled).toBe(false);
  });

  it('writes a validation rule with its message, and drops both when the rule is cleared', async () => {
    const rule = renderPanel({ key: 'discount', label: '折扣', type: 'number' });
    expect(screen.queryByTestId('prop-rule-message')).toBeNull();
    fireEvent.change(screen.getByTestId('prop-rule-input'), { target: { value: 'discount <= 0.3' } });
    await waitFor(() => expect(rule.last()?.validation).toEqual({ rule: 'discount <= 0.3' }));
    fireEvent.change(await screen.findByTestId('prop-rule-message'), { target: { value: '折扣不能低于七折' } });
    await waitFor(() => expect(rule.last()?.validation).toEqual({ rule: 'discount <= 0.3', message: '折扣不能低于七折' }));
    fireEvent.change(screen.getByTestId('prop-rule-input'), { target: { value: ' ' } });
    await waitFor(() => expect(rule.last()?.validation).toEqual({ message: '折扣不能低于七折' }));
    cleanup();
    renderPanel(newField('formula', '金额', new Set(), (n) => `选项${n}`));
    expect(screen.queryByTestId('prop-rule')).toBeNull(); // computed: nobody fills it in
  });

  it('sets a yes/no default to yes, to no, and back to none', async () => {
    const panel = renderPanel(newField('boolean', '已回访', new Set(), (n) => `选项${n}`));
    const pickOption = async (label: string) => {
      fireEvent.mouseDown(defaultInput().getByRole('combobox'));
      fireEvent.click(await screen.findByTitle(label));
    };
    await pickOption('是');
    await waitFor(() => expect(panel.last()?.default).toBe(true));
    await pickOption('否');
    await waitFor(() => expect(panel.last()?.default).toBe(false));
    const clear = screen.getByTestId('prop-default').querySelector('.ant-select-clear')!;
    fireEvent.mouseDown(clear);
    fireEvent.click(clear);
    await waitFor(() => expect(panel.last()?.default).toBeUndefined());
  });

  it('puts the problem with one item of a default under the default, and warns of a default on a unique field', () => {
    renderPanel({ key: 'tags', label: '偏好', type: 'multiselect', unique: false,
      options: { choices: [{ value: 'a' }, { value: 'b' }] }, default: ['a', 'x'] }, [
      { field: 'fields[0].default[1]', code: 'form.value.choice', message: '不是可选的值' },
    ]);
    expect(within(screen.getByTestId('designer-properties')).getAllByText('不是可选的值')).toHaveLength(1);
    expect(screen.getByText('不是可选的值').closest('.ant-form-item')!.querySelector('[data-testid="prop-default"]')).toBeTruthy();
    cleanup();
    renderPanel({ key: 'city', label: '城市', type: 'text', unique: true, default: '杭州' });
    expect(screen.getByText(/第二条没改过它的记录就会因重复被拒绝/)).toBeTruthy();
  });

  it('shows the server\'s problem with a default under it, and offers none for uploads and references', () => {
    renderPanel({ key: 'level', label: '等级', type: 'select', options: { choices: [{ value: '金卡' }] }, default: '钻石' }, [
      { field: 'fields[0].default', code: 'form.value.choice', message: '不是可选的值' },
    ]);
    expect(screen.getByText('不是可选的值')).toBeTruthy();
    expect(screen.getAllByText('不是可选的值')).toHaveLength(1);
    cleanup();
    renderPanel(newField('attachment', '附件', new Set(), (n) => `选项${n}`));
    expect(screen.queryByTestId('prop-default')).toBeNull();
    cleanup();
    renderPanel(newField('relation', '客户', new Set(), (n) => `选项${n}`));
    expect(screen.queryByTestId('prop-default')).toBeNull();
  });

  it('lets a member field default to whoever fills the record in, and back to none', async () => {
    const owner = renderPanel(newField('member', '负责人', new Set(), (n) => `选项${n}`));
    fireEvent.mouseDown(within(screen.getByTestId('prop-default')).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('填写人（当前用户）'));
    await waitFor(() => expect(owner.last()?.default).toBe('$me'));
    cleanup();
    const team = renderPanel({ key: 'team', label: '参与人', type: 'member', options: { multiple: true } });
    fireEvent.mouseDown(within(screen.getByTestId('prop-default')).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('填写人（当前用户）'));
    await waitFor(() => expect(team.last()?.default).toEqual(['$me']));
  });
});
