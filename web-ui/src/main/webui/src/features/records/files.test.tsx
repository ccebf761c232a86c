// @vitest-environment jsdom
/**
 * Attachment and image fields on the records page: the upload input against a fake XMLHttpRequest
 * (the field in the query, the guard header, progress, the uploaded file in the value, a file refused
 * before it is sent, the server's refusal under the file, the count limit), the record form sending
 * the ids and waiting for running uploads, and the grid's cells linking to the record's files.
 */
import { useState } from 'react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/problem';
import { installDomShims } from '../../testing/dom';
import { CellValue } from './cellRender';
import { FieldInput } from './fieldInputs';
import { FileInput } from './FileInput';
import type { FileValue } from './files';
import { RecordForm } from './RecordForm';
import { FileScopeContext, RecordsScopeContext } from './scope';
import { recordsI18n } from './testing';
import type { FieldDefinition, FormRecord } from './types';
import { FakeXhr } from '../../testing/xhr';

const FORM = '/api/v1/workspaces/w1/apps/a1/forms/f1';
const PHOTOS: FieldDefinition = { key: 'photos', label: '照片', type: 'image', options: { maxFiles: 3, maxSizeMb: 1 } };
const CONTRACT: FieldDefinition = { key: 'contract', label: '合同', type: 'attachment', options: { maxFiles: 5, maxSizeMb: 20, accept: ['pdf', 'docx'] } };

const file = (id: string, name: string, size = 1000, type = 'image/png'): FileValue => ({ id, name, size, type });

function Providers({ children, recordId, formId = 'f1' }: { children: React.ReactNode; recordId?: string; formId?: string }) {
  return (
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <RecordsScopeContext.Provider value={{ workspaceId: 'w1', appId: 'a1' }}>
          <FileScopeContext.Provider value={{ formId, recordId }}>{children}</FileScopeContext.Provider>
        </RecordsScopeContext.Provider>
      </AntApp>
    </ConfigProvider>
  );
}

/** The input as a form holds it: its value in state, every change recorded. */
function renderInput(field: FieldDefinition, initial?: FileValue[], recordId?: string) {
  const changes: unknown[] = [];
  function Harness() {
    const [value, setValue] = useState<unknown>(initial);
    return (
      <FieldInput
        field={field}
        value={value}
        onChange={(v) => {
          changes.push(v);
          setValue(v);
        }}
      />
    );
  }
  render(
    <Providers recordId={recordId}>
      <Harness />
    </Providers>,
  );
  return { changes, last: () => changes[changes.length - 1] };
}

const wrapper = (key: string) => screen.getByTestId(`file-input-${key}`);
const fileInput = (key: string) => wrapper(key).querySelector('input[type=file]') as HTMLInputElement;
const choose = (key: string, ...files: File[]) => fireEvent.change(fileInput(key), { target: { files } });
const items = (key: string) => within(wrapper(key)).queryAllByTestId('file-item');
const png = (name = 'photo.png', size?: number) => {
  const f = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], name, { type: 'image/png' });
  if (size !== undefined) Object.defineProperty(f, 'size', { value: size });
  return f;
};

beforeAll(async () => {
  installDomShims();
  await recordsI18n('zh-CN');
});

beforeEach(() => {
  FakeXhr.sent = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('file input (jsdom, fake upload)', { timeout: 60_000 }, () => {
  it('uploads an image for its field with the guard header and progress, and puts the file into the value', async () => {
    const input = renderInput(PHOTOS);
    expect(fileInput('photos').accept).toBe('image/png,image/jpeg,image/gif,image/webp');
    expect(wrapper('photos').textContent).toContain('最多 3 张图片，单张不超过 1 MB');

    choose('photos', png());
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    const xhr = FakeXhr.sent[0];
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe(`${FORM}/files?field=photos`);
    expect(xhr.headers['X-Qiaoban-Upload']).toBe('1');
    expect(xhr.headers['Accept-Language']).toBe('zh-CN');
    expect(xhr.headers['Content-Type']).toBeUndefined(); // the browser sets the multipart boundary
    expect(((xhr.body as FormData).get('file') as File).name).toBe('photo.png');

    await waitFor(() => expect(items('photos')).toHaveLength(1));
    expect(items('photos')[0].getAttribute('data-status')).toBe('uploading');
    xhr.progress(40, 100);
    await waitFor(() => expect(items('photos')[0].getAttribute('data-percent')).toBe('40'));
    expect(input.changes).toEqual([]); // nothing in the value until the server has the file

    await xhr.respond(201, { id: 'p1', name: 'photo.png', size: 4, type: 'image/png', uploadedAt: '2026-11-24T02:00:00Z' });
    await waitFor(() => expect(input.last()).toEqual([{ id: 'p1', name: 'photo.png', size: 4, type: 'image/png' }]));
    const item = items('photos')[0];
    expect(item.getAttribute('data-status')).toBe('done');
    expect(item.getAttribute('data-file-id')).toBe('p1');
    // no record holds it yet: read as the uploader's pending file
    expect(item.querySelector('img')?.getAttribute('src')).toBe(`${FORM}/files/p1`);
    expect(wrapper('photos').getAttribute('data-count')).toBe('1');

    // the preview shows the picture large
    fireEvent.click(item.querySelector('a[title]') as HTMLElement);
    await waitFor(() => expect(document.querySelector('.ant-image-preview img')?.getAttribute('src')).toBe(`${FORM}/files/p1`));
  });

  it('refuses a file over the size limit before sending it, saying the limit', async () => {
    const input = renderInput(PHOTOS);
    choose('photos', png('big.png', 1024 * 1024 + 1));
    const error = await within(wrapper('photos')).findByTestId('file-error');
    expect(error.textContent).toBe('big.png：文件超过了 1 MB 的上限。');
    expect(FakeXhr.sent).toHaveLength(0);
    expect(input.changes).toEqual([]);
    // a refused file can be dismissed
    expect(items('photos')[0].getAttribute('data-status')).toBe('error');
  });

  it('shows the server refusal under the file and keeps the value as it was', async () => {
    const held = [file('h1', 'held.png')];
    const input = renderInput(PHOTOS, held, 'r1');
    // a file the record holds is read through the record
    expect(items('photos')[0].querySelector('img')?.getAttribute('src')).toBe(`${FORM}/records/r1/files/h1`);

    choose('photos', png('fake.png'));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    await FakeXhr.sent[0].respond(400, {
      type: 'https://qiaoban.io/problems/validation',
      status: 400,
      detail: '数据不合法',
      errors: [{ field: 'file', code: 'form.value.imageType', message: '只能上传 PNG、JPEG、GIF 或 WebP 图片。' }],
    });
    const error = await within(wrapper('photos')).findByTestId('file-error');
    expect(error.textContent).toBe('fake.png：只能上传 PNG、JPEG、GIF 或 WebP 图片。');
    expect(input.changes).toEqual([]);
    expect(items('photos').map((i) => i.getAttribute('data-status'))).toEqual(['done', 'error']);
  });

  it('shows a 413 problem detail under an attachment, lists names with sizes and removes a file from the value', async () => {
    const held = [file('d1', '合同.pdf', 2048, 'application/pdf')];
    const input = renderInput(CONTRACT, held, 'r1');
    expect(fileInput('contract').accept).toBe('.pdf,.docx');
    expect(wrapper('contract').textContent).toContain('允许的类型：pdf, docx');
    const link = within(items('contract')[0]).getByText('合同.pdf').closest('a');
    expect(link?.getAttribute('href')).toBe(`${FORM}/records/r1/files/d1`);
    expect(within(items('contract')[0]).getByTestId('file-size').textContent).toBe('2 KB');

    // a type the field does not take is refused before the upload
    choose('contract', new File(['x'], 'photo.exe'));
    await waitFor(() => expect(within(wrapper('contract')).getAllByTestId('file-error')).toHaveLength(1));
    expect(within(wrapper('contract')).getByTestId('file-error').textContent).toBe('只能上传这些类型的文件：pdf, docx。');
    expect(FakeXhr.sent).toHaveLength(0);

    choose('contract', new File(['x'], 'big.pdf'));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    expect(FakeXhr.sent[0].url).toBe(`${FORM}/files?field=contract`);
    await FakeXhr.sent[0].respond(413, { type: 'https://qiaoban.io/problems/file.too-large', status: 413, detail: '文件超过了 20 MB 的上限。' });
    await waitFor(() => expect(within(wrapper('contract')).getAllByTestId('file-error')).toHaveLength(2));
    const failed = items('contract').find((i) => i.textContent?.includes('big.pdf'))!;
    expect(within(failed).getByTestId('file-error').textContent).toBe('文件超过了 20 MB 的上限。');

    // removing the held file takes it out of the value
    const remove = items('contract')[0].querySelector('button') as HTMLButtonElement;
    fireEvent.click(remove);
    await waitFor(() => expect(input.last()).toEqual([]));
  });

  it('takes no more files than the field allows and hides the add button at the limit', async () => {
    const input = renderInput(PHOTOS, [file('h1', 'one.png')]);
    expect(within(wrapper('photos')).getByTestId('file-add')).toBeTruthy();
    // three chosen at once, two places left: the third is refused
    choose('photos', png('a.png'), png('b.png'), png('c.png'));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(2));
    expect(within(wrapper('photos')).getByTestId('file-error').textContent).toBe('c.png：最多只能有 3 个文件。');
    expect(within(wrapper('photos')).queryByTestId('file-add')).toBeNull();
    // both answers land in the value, in the order they came
    await FakeXhr.sent[1].respond(201, { id: 'b1', name: 'b.png', size: 4, type: 'image/png' });
    await FakeXhr.sent[0].respond(201, { id: 'a1', name: 'a.png', size: 4, type: 'image/png' });
    await waitFor(() => expect((input.last() as FileValue[]).map((f) => f.id)).toEqual(['h1', 'b1', 'a1']));
    expect(within(wrapper('photos')).queryByTestId('file-add')).toBeNull();
  });

  it('is a disabled upload area in the designer preview (no form to upload to)', () => {
    render(
      <Providers formId="">
        <FileInput field={CONTRACT} disabled />
      </Providers>,
    );
    expect(fileInput('contract').disabled).toBe(true);
    expect((within(wrapper('contract')).getByTestId('file-add') as HTMLButtonElement).disabled).toBe(true);
    expect(wrapper('contract').textContent).toContain('预览中不能上传');
  });
});

describe('record form with a file field (jsdom)', { timeout: 60_000 }, () => {
  const FIELDS: FieldDefinition[] = [{ key: 'name', label: '姓名', type: 'text' }, PHOTOS];

  it('waits for running uploads, then sends the ids; a save refusal names the file', async () => {
    const save = vi.fn<(data: Record<string, unknown>, base?: FormRecord) => Promise<FormRecord>>();
    render(
      <Providers>
        <RecordForm fields={FIELDS} labels={{}} save={save} onSaved={() => undefined} onCancel={() => undefined} />
      </Providers>,
    );
    choose('photos', png('a.png'));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    fireEvent.click(screen.getByTestId('record-save'));
    await screen.findByText('文件还在上传，请等上传完成后再保存。');
    expect(save).not.toHaveBeenCalled();

    await FakeXhr.sent[0].respond(201, { id: 'a1', name: 'a.png', size: 4, type: 'image/png' });
    await waitFor(() => expect(items('photos')[0].getAttribute('data-file-id')).toBe('a1'));
    save.mockRejectedValueOnce(
      new ApiError({ status: 400, detail: '数据不合法', errors: [{ field: 'photos[0]', code: 'form.value.fileUnknown', message: '文件不存在或已失效，请重新上传。' }] }, 'x'),
    );
    fireEvent.click(screen.getByTestId('record-save'));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(save.mock.calls[0][0]).toEqual({ photos: [{ id: 'a1' }] });
    expect((await within(screen.getByTestId('record-field-photos')).findByText('“a.png”：文件不存在或已失效，请重新上传。')).textContent).toBeTruthy();
  });
});

describe('file cells', () => {
  const IMAGES = [1, 2, 3, 4, 5].map((n) => file(`i${n}`, `${n}.png`));

  it('show a few thumbnails of the record files and count the rest; clicks stay off the row', () => {
    const onRow = vi.fn();
    render(
      <Providers>
        <div onClick={onRow}>
          <CellValue field={PHOTOS} value={IMAGES} labels={{}} recordId="r1" />
        </div>
      </Providers>,
    );
    const cell = screen.getByTestId('cell-images');
    const srcs = [...cell.querySelectorAll('img')].map((i) => i.getAttribute('src'));
    expect(srcs).toEqual([`${FORM}/records/r1/files/i1`, `${FORM}/records/r1/files/i2`, `${FORM}/records/r1/files/i3`]);
    expect(screen.getByTestId('cell-images-more').textContent).toBe('+2');
    fireEvent.click(cell.querySelector('img')!);
    expect(onRow).not.toHaveBeenCalled();
  });

  it('show every thumbnail in the record drawer', () => {
    render(
      <Providers>
        <CellValue field={PHOTOS} value={IMAGES} labels={{}} recordId="r1" full />
      </Providers>,
    );
    expect(screen.getByTestId('cell-images').querySelectorAll('img')).toHaveLength(5);
    expect(screen.queryByTestId('cell-images-more')).toBeNull();
  });

  it('link attachments to their download with name and size', () => {
    render(
      <Providers>
        <CellValue field={CONTRACT} value={[file('d1', '合同.pdf', 2048, 'application/pdf'), file('d2', '报价.docx', 3 * 1024 * 1024, '')]} labels={{}} recordId="r1" />
      </Providers>,
    );
    const links = [...screen.getByTestId('cell-attachments').querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('target')])).toEqual([
      ['合同.pdf', `${FORM}/records/r1/files/d1`, '_blank'],
      ['报价.docx', `${FORM}/records/r1/files/d2`, '_blank'],
    ]);
    expect(screen.getByTestId('cell-attachments').textContent).toContain('(2 KB)');
    expect(screen.getByTestId('cell-attachments').textContent).toContain('(3 MB)');
  });

  it('are the names where no form is known', () => {
    render(
      <Providers formId="">
        <CellValue field={CONTRACT} value={[file('d1', 'a.pdf'), file('d2', 'b.pdf')]} labels={{}} recordId="r1" />
      </Providers>,
    );
    expect(screen.queryByTestId('cell-attachments')).toBeNull();
    expect(screen.getByText('a.pdf, b.pdf')).toBeTruthy();
  });
});
