import { beforeAll, describe, expect, it } from 'vitest';
import { formatFileSize } from './files';
import { formatAddress, formatMoney, formatValue, isEmptyValue, stripHtml, type FormatContext } from './format';
import { recordsI18n } from './testing';
import type { FieldDefinition } from './types';

const f = (type: string, options?: FieldDefinition['options']): FieldDefinition => ({ key: type, label: type, type, options });
let ctx: FormatContext;

beforeAll(async () => {
  ctx = { t: await recordsI18n('zh-CN') };
});

describe('formatValue', () => {
  it('shows money with ¥ and 2 decimals, percent with %', () => {
    expect(formatValue(f('money'), 1234.5, ctx)).toBe('¥1,234.50');
    expect(formatValue(f('money'), -3, ctx)).toBe('-¥3.00');
    expect(formatMoney('19.99')).toBe('¥19.99');
    expect(formatValue(f('percent'), 12.5, ctx)).toBe('12.5%');
    expect(formatValue(f('number'), 42, ctx)).toBe('42');
    expect(formatValue(f('formula', { resultType: 'money' }), 8, ctx)).toBe('¥8.00');
  });

  it('says yes and no for booleans', () => {
    expect(formatValue(f('boolean'), true, ctx)).toBe('是');
    expect(formatValue(f('boolean'), false, ctx)).toBe('否');
    expect(formatValue(f('formula', { resultType: 'boolean' }), true, ctx)).toBe('是');
  });

  it('uses choice labels', () => {
    const level = f('select', { choices: [{ value: 'gold', label: '金卡' }, { value: 'diamond', label: '钻石' }] });
    expect(formatValue(level, 'gold', ctx)).toBe('金卡');
    expect(formatValue(level, 'unknown', ctx)).toBe('unknown');
    expect(formatValue({ ...level, type: 'multiselect' }, ['gold', 'diamond'], ctx)).toBe('金卡、钻石');
    expect(formatValue(f('tags'), ['a', 'b'], ctx)).toBe('a、b');
  });

  it('shows datetimes in the time zone they are picked in, and dates as they are', () => {
    const at = new Date('2026-11-24T06:30:00.000Z');
    const local = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')} ${String(at.getHours()).padStart(2, '0')}:30`;
    expect(formatValue(f('datetime'), '2026-11-24T06:30:00.000Z', ctx)).toBe(local);
    expect(formatValue(f('datetime'), 'garbage', ctx)).toBe('garbage');
    expect(formatValue(f('date'), '2026-11-24', ctx)).toBe('2026-11-24');
  });

  it('writes an address as province, city, district and detail', () => {
    const addr = { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号', code: '330106' };
    expect(formatValue(f('address'), addr, ctx)).toBe('浙江省杭州市西湖区 文三路 1 号');
    expect(formatAddress({ province: '北京市', city: '市辖区', district: '朝阳区' })).toBe('北京市朝阳区');
    expect(formatAddress({ detail: '某处' })).toBe('某处');
  });

  it('names members and related records when it can, else shortens the id', () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(formatValue(f('member'), id, ctx)).toBe('0f8fad5b');
    expect(formatValue(f('member'), id, { ...ctx, memberName: () => '张三' })).toBe('张三');
    expect(formatValue(f('relation', { multiple: true }), [id, 'b'], { ...ctx, relationLabel: (key, x) => (x === id ? `${key}:客户A` : undefined) })).toBe('relation:客户A、b');
  });

  it('names departments when it can, else shortens the id', () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const names = (x: string) => ({ d1: '销售部', d2: '研发部' })[x];
    expect(formatValue(f('department'), 'd1', { ...ctx, departmentName: names })).toBe('销售部');
    expect(formatValue(f('department', { multiple: true }), ['d1', 'd2', id], { ...ctx, departmentName: names })).toBe('销售部、研发部、0f8fad5b');
    expect(formatValue(f('department'), id, ctx)).toBe('0f8fad5b');
    // member names are not department names
    expect(formatValue(f('department'), 'd1', { ...ctx, memberName: () => '张三' })).toBe('d1');
  });

  it('reduces rich text to its text, a signature and a sub-form to a word', () => {
    expect(formatValue(f('richtext'), '<p>你好&nbsp;<b>世界</b></p><script>alert(1)</script>', ctx)).toBe('你好 世界');
    expect(formatValue(f('signature'), 'data:image/png;base64,iVBOR', ctx)).toBe('[签名]');
    expect(formatValue(f('subform'), [{}, {}, {}], ctx)).toBe('3 行');
    expect(formatValue(f('rating'), 4, ctx)).toBe('4/5');
  });

  it('gives nothing for empty values', () => {
    for (const v of [null, undefined, '', '  ', [], {}]) expect(formatValue(f('text'), v, ctx)).toBe('');
    expect(isEmptyValue(0)).toBe(false);
    expect(isEmptyValue(false)).toBe(false);
  });

  it('speaks English too', async () => {
    const en = { t: await recordsI18n('en') };
    expect(formatValue(f('boolean'), true, en)).toBe('Yes');
    expect(formatValue(f('subform'), [{}], en)).toBe('1 row(s)');
    expect(formatValue(f('tags'), ['a', 'b'], en)).toBe('a, b');
    await recordsI18n('zh-CN');
  });
});

describe('stripHtml', () => {
  it('keeps line breaks of blocks and decodes entities', () => {
    expect(stripHtml('<p>a &amp; b</p><p>c&lt;d</p>')).toBe('a & b\nc<d');
  });
});

describe('file fields', () => {
  const files = [
    { id: 'a', name: '合同.pdf', size: 2048, type: 'application/pdf' },
    { id: 'b', name: 'photo, 1.png', size: 10, type: 'image/png' },
  ];

  it('are their file names joined by ", " (as the export writes them)', () => {
    expect(formatValue(f('attachment'), files, ctx)).toBe('合同.pdf, photo, 1.png');
    expect(formatValue(f('image'), [files[1]], ctx)).toBe('photo, 1.png');
    expect(formatValue(f('image'), [], ctx)).toBe('');
    expect(formatValue(f('attachment'), [{ name: 'no id' }], ctx)).toBe('');
  });

  it('show sizes in B, KB and MB', () => {
    expect(formatFileSize(0)).toBe('0 B');
    expect(formatFileSize(532)).toBe('532 B');
    expect(formatFileSize(1536)).toBe('1.5 KB');
    expect(formatFileSize(200 * 1024)).toBe('200 KB');
    expect(formatFileSize(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatFileSize(1.25 * 1024 * 1024)).toBe('1.3 MB');
  });
});
