import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { canonicalDecimal, changedData, createData, fromFormValue, initialFormValues, numberOut, sameValue, toFormValues } from './recordValues';
import type { FieldDefinition } from './types';

const FIELDS: FieldDefinition[] = [
  { key: 'name', label: '姓名', type: 'text', required: true },
  { key: 'spend', label: '消费', type: 'money' },
  { key: 'joined', label: '入会日期', type: 'date' },
  { key: 'visit', label: '回访时间', type: 'datetime' },
  { key: 'vip', label: 'VIP', type: 'boolean' },
  { key: 'tags', label: '标签', type: 'tags' },
  { key: 'addr', label: '地址', type: 'address' },
  {
    key: 'lines',
    label: '明细',
    type: 'subform',
    options: { fields: [{ key: 'sku', label: 'SKU', type: 'text' }, { key: 'qty', label: '数量', type: 'number' }, { key: 'due', label: '交期', type: 'date' }] },
  },
  { key: 'total', label: '合计', type: 'formula', options: { expression: 'spend * 2' } },
  { key: 'level', label: '等级', type: 'select', default: 'gold', options: { choices: [{ value: 'gold' }] } },
];
const field = (key: string) => FIELDS.find((f) => f.key === key)!;

const STORED = {
  name: '张三',
  spend: 100.5,
  joined: '2026-11-24',
  visit: '2026-11-24T06:30:00.000Z',
  vip: true,
  tags: ['a'],
  addr: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号', code: '330106' },
  lines: [{ sku: 'A1', qty: 2, due: '2026-12-01' }],
  total: 201,
  level: 'gold',
};

describe('numbers', () => {
  it('canonicalises decimal text', () => {
    expect(canonicalDecimal('007.50')).toBe('7.5');
    expect(canonicalDecimal('-0.0')).toBe('0');
    expect(canonicalDecimal('.5')).toBe('0.5');
    expect(canonicalDecimal('12')).toBe('12');
    expect(canonicalDecimal('1e5')).toBeNull();
    expect(canonicalDecimal('')).toBeNull();
  });

  it('sends a JSON number when exact, the text when a double would change it', () => {
    expect(numberOut('100.50')).toBe(100.5);
    expect(numberOut('12345678901234567890.12')).toBe('12345678901234567890.12');
    expect(numberOut('')).toBeNull();
    expect(numberOut(null)).toBeNull();
    expect(numberOut(3)).toBe(3);
    expect(numberOut('abc')).toBe('abc');
  });
});

describe('form values', () => {
  it('turns stored values into input values and back', () => {
    const values = toFormValues(FIELDS, STORED);
    expect(values.spend).toBe('100.5');
    expect(dayjs.isDayjs(values.joined)).toBe(true);
    expect(values.addr).toEqual({ region: ['浙江省', '杭州市', '西湖区'], detail: '文三路 1 号' });
    expect('total' in values).toBe(false);
    expect(dayjs.isDayjs((values.lines as Record<string, unknown>[])[0].due)).toBe(true);

    const data = createData(FIELDS, values);
    expect(data).toEqual({
      name: '张三',
      spend: 100.5,
      joined: '2026-11-24',
      visit: expect.stringMatching(/^2026-11-24T\d\d:30:00[+-]\d\d:\d\d$/),
      vip: true,
      tags: ['a'],
      addr: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' },
      lines: [{ sku: 'A1', qty: 2, due: '2026-12-01' }],
      level: 'gold',
    });
    expect(Date.parse(data.visit as string)).toBe(Date.parse(STORED.visit));
  });

  it('leaves empty inputs out of a new record and never sends computed fields', () => {
    expect(createData(FIELDS, { name: '李四', spend: '', tags: [], addr: { region: [], detail: ' ' }, lines: [{}], total: 5, vip: undefined })).toEqual({ name: '李四' });
  });

  it('starts a new record from the defaults', () => {
    expect(initialFormValues(FIELDS)).toEqual({ level: 'gold' });
  });

  it('fills "$me" of member fields with the user filling the record in, and leaves it empty when unknown', () => {
    const owners: FieldDefinition[] = [
      { key: 'owner', label: '负责人', type: 'member', default: '$me' },
      { key: 'team', label: '参与人', type: 'member', options: { multiple: true }, default: ['$me'] },
    ];
    expect(initialFormValues(owners, 'u1')).toEqual({ owner: 'u1', team: ['u1'] });
    expect(initialFormValues(owners)).toEqual({});
  });

  it('sends dates as YYYY-MM-DD and datetimes with their offset', () => {
    expect(fromFormValue(field('joined'), dayjs('2026-01-02'))).toBe('2026-01-02');
    expect(fromFormValue(field('visit'), dayjs('2026-01-02T08:00:00+08:00'))).toMatch(/^2026-01-0[12]T\d\d:00:00[+-]\d\d:\d\d$/);
  });
});

describe('changedData (the PATCH body)', () => {
  it('holds only what changed', () => {
    const values = toFormValues(FIELDS, STORED);
    expect(changedData(FIELDS, STORED, values)).toEqual({});
    expect(changedData(FIELDS, STORED, { ...values, name: '张三丰', spend: '100.50' })).toEqual({ name: '张三丰' });
  });

  it('sends a cleared field as null', () => {
    const values = toFormValues(FIELDS, STORED);
    expect(changedData(FIELDS, STORED, { ...values, tags: [], spend: null })).toEqual({ tags: null, spend: null });
  });

  it('sees a changed sub-form cell and a changed address part', () => {
    const values = toFormValues(FIELDS, STORED);
    const lines = [{ ...(values.lines as Record<string, unknown>[])[0], qty: '3' }];
    expect(changedData(FIELDS, STORED, { ...values, lines })).toEqual({ lines: [{ sku: 'A1', qty: 3, due: '2026-12-01' }] });
    expect(changedData(FIELDS, STORED, { ...values, addr: { region: ['浙江省', '杭州市', '西湖区'], detail: '文三路 2 号' } })).toEqual({
      addr: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 2 号' },
    });
  });

  it('ignores fields the form does not hold', () => {
    expect(changedData(FIELDS, STORED, { name: '王五' })).toEqual({ name: '王五' });
  });

  it('compares datetimes as moments and numbers as decimals', () => {
    expect(sameValue(field('visit'), '2026-11-24T06:30:00.000Z', '2026-11-24T14:30:00+08:00')).toBe(true);
    expect(sameValue(field('spend'), 100, '100.00')).toBe(true);
    expect(sameValue(field('spend'), 100, null)).toBe(false);
    expect(sameValue(field('tags'), [], null)).toBe(true);
  });
});

describe('file fields', () => {
  const photos: FieldDefinition = { key: 'photos', label: '照片', type: 'image' };
  const held = [
    { id: '0190a1b2-0000-7000-8000-000000000001', name: 'a.png', size: 100, type: 'image/png' },
    { id: '0190a1b2-0000-7000-8000-000000000002', name: 'b.jpg', size: 200, type: 'image/jpeg' },
  ];

  it('edit the stored list of files and send the ids only', () => {
    expect(toFormValues([photos], { photos: held })).toEqual({ photos: held });
    expect(toFormValues([photos], { photos: [{ id: 'x' }, 'junk', null] })).toEqual({ photos: [{ id: 'x', name: 'x', size: 0, type: '' }] });
    expect(fromFormValue(photos, held)).toEqual([{ id: held[0].id }, { id: held[1].id }]);
    expect(fromFormValue(photos, [])).toBeNull();
    expect(createData([photos], { photos: [held[1]] })).toEqual({ photos: [{ id: held[1].id }] });
  });

  it('patch the field only when the files changed', () => {
    expect(changedData([photos], { photos: held }, { photos: held })).toEqual({});
    expect(sameValue(photos, held, [{ id: held[0].id }, { id: held[1].id }])).toBe(true);
    expect(changedData([photos], { photos: held }, { photos: [held[1]] })).toEqual({ photos: [{ id: held[1].id }] });
    expect(changedData([photos], { photos: held }, { photos: [held[1], held[0]] })).toEqual({ photos: [{ id: held[1].id }, { id: held[0].id }] });
    expect(changedData([photos], { photos: held }, { photos: [] })).toEqual({ photos: null });
    expect(changedData([photos], {}, { photos: [] })).toEqual({});
  });
});
