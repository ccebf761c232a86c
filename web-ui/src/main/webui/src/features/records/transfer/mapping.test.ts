import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/problem';
import type { FieldDefinition } from '../types';
import { assignField, importableFields, mappingProblems, matchColumns, normalizeName, unmappedRequired } from './mapping';
import type { ImportColumn } from './types';

const FIELDS: FieldDefinition[] = [
  { key: 'name', label: '姓名', type: 'text', required: true },
  { key: 'mobile', label: '手机', type: 'phone' },
  { key: 'level', label: '等级', type: 'select', options: { choices: [{ value: 'gold', label: '金卡' }] } },
  { key: 'totalSpend', label: '累计消费', type: 'money' },
  { key: 'email', label: 'E-Mail', type: 'email' },
  { key: 'no', label: '编号', type: 'serial', required: true },
  { key: 'score', label: '评分', type: 'formula', options: { expression: 'totalSpend / 100' } },
  { key: 'owner', label: '负责人', type: 'lookup' },
  { key: 'orders', label: '订单数', type: 'rollup' },
  { key: 'source', label: '来源', type: 'text', required: true, default: '导入' },
];

const cols = (...names: string[]): ImportColumn[] => names.map((name, index) => ({ index, name, samples: [] }));

describe('normalizeName', () => {
  it('ignores case and surrounding blanks (a BOM too)', () => {
    expect(normalizeName('  E-Mail ')).toBe('e-mail');
    expect(normalizeName('\uFEFF姓名')).toBe('姓名');
    expect(normalizeName(undefined)).toBe('');
  });
});

describe('importableFields', () => {
  it('leaves out the computed types', () => {
    expect(importableFields(FIELDS).map((f) => f.key)).toEqual(['name', 'mobile', 'level', 'totalSpend', 'email', 'source']);
  });

  it('leaves out files and signatures, which a sheet cannot carry', () => {
    const withFiles = [...FIELDS, { key: 'photos', label: '照片', type: 'image' }, { key: 'docs', label: '附件', type: 'attachment' },
      { key: 'sign', label: '签名', type: 'signature' }] as typeof FIELDS;
    expect(importableFields(withFiles).map((f) => f.key)).not.toContain('photos');
    expect(importableFields(withFiles).map((f) => f.key)).not.toContain('docs');
    expect(importableFields(withFiles).map((f) => f.key)).not.toContain('sign');
  });
});

describe('matchColumns', () => {
  it('matches the header to labels, case-insensitive and trimmed', () => {
    expect(matchColumns(cols(' 姓名 ', '手机', '等级', '累计消费', 'e-mail'), FIELDS)).toEqual([
      { column: 0, field: 'name' },
      { column: 1, field: 'mobile' },
      { column: 2, field: 'level' },
      { column: 3, field: 'totalSpend' },
      { column: 4, field: 'email' },
    ]);
  });

  it('matches keys too, and leaves unknown columns out', () => {
    expect(matchColumns(cols('备注', 'MOBILE', 'totalspend'), FIELDS)).toEqual([
      { column: 1, field: 'mobile' },
      { column: 2, field: 'totalSpend' },
    ]);
  });

  it('prefers a label over a key, even when the key column comes first', () => {
    expect(matchColumns(cols('name', '姓名'), FIELDS)).toEqual([{ column: 1, field: 'name' }]);
  });

  it('gives a field to one column only: the leftmost', () => {
    expect(matchColumns(cols('手机', '手机'), FIELDS)).toEqual([{ column: 0, field: 'mobile' }]);
  });

  it('never guesses a computed field', () => {
    expect(matchColumns(cols('编号', '评分', 'owner', '订单数'), FIELDS)).toEqual([]);
  });

  it('uses the columns indexes, not their positions', () => {
    expect(matchColumns([{ index: 7, name: '手机', samples: [] }], FIELDS)).toEqual([{ column: 7, field: 'mobile' }]);
  });

  it('skips empty headers', () => {
    expect(matchColumns(cols('', '  '), [...FIELDS, { key: 'x', label: ' ', type: 'text' }])).toEqual([]);
  });
});

describe('assignField', () => {
  const mapping = [
    { column: 0, field: 'name' },
    { column: 2, field: 'mobile' },
  ];

  it('sets a column, in column order', () => {
    expect(assignField(mapping, 1, 'level')).toEqual([...mapping.slice(0, 1), { column: 1, field: 'level' }, mapping[1]]);
  });

  it('clears a column', () => {
    expect(assignField(mapping, 2, undefined)).toEqual([{ column: 0, field: 'name' }]);
  });

  it('moves a field another column had', () => {
    expect(assignField(mapping, 1, 'mobile')).toEqual([
      { column: 0, field: 'name' },
      { column: 1, field: 'mobile' },
    ]);
  });
});

describe('unmappedRequired', () => {
  it('lists the required fields without a column, not computed ones and not ones with a default', () => {
    expect(unmappedRequired(FIELDS, []).map((f) => f.key)).toEqual(['name']);
    expect(unmappedRequired(FIELDS, [{ column: 0, field: 'name' }])).toEqual([]);
  });
});

describe('mappingProblems', () => {
  const sent = [
    { column: 0, field: 'name' },
    { column: 3, field: 'score' },
  ];

  it('puts an entry problem on its column and the rest on the whole', () => {
    const error = new ApiError(
      {
        status: 400,
        detail: '有 2 个字段不合法',
        errors: [
          { field: 'mapping[1].field', code: 'import.mapping-computed', message: '“评分”由系统计算，不能导入。' },
          { field: 'mapping', code: 'import.required-unmapped', message: '必填字段“姓名”没有对应的列。' },
          { field: 'mapping[5]', code: 'import.mapping-twice', message: '不在发送的对应关系里' },
        ],
      },
      'fallback',
    );
    expect(mappingProblems(error, sent)).toEqual({
      byColumn: { 3: ['“评分”由系统计算，不能导入。'] },
      general: ['必填字段“姓名”没有对应的列。', '不在发送的对应关系里'],
    });
  });

  it('has nothing for other errors', () => {
    expect(mappingProblems(new Error('x'), sent)).toEqual({ byColumn: {}, general: [] });
  });
});
