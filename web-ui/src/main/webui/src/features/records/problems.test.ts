import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { recordProblems } from './problems';
import { recordsI18n, type Translate } from './testing';
import type { FieldDefinition } from './types';

const FIELDS: FieldDefinition[] = [
  { key: 'mobile', label: '手机', type: 'phone' },
  { key: 'addr', label: '地址', type: 'address' },
  { key: 'lines', label: '明细', type: 'subform', options: { fields: [{ key: 'sku', label: 'SKU', type: 'text' }] } },
];
let t: Translate;

beforeAll(async () => {
  t = await recordsI18n('zh-CN');
});

const problem = (status: number, errors: { field: string; message: string }[], detail = '数据不合法') =>
  new ApiError({ status, detail, errors: errors.map((e) => ({ ...e, code: 'x' })) }, 'fallback');

describe('recordProblems', () => {
  it('puts each problem under its top-level field', () => {
    const p = recordProblems(
      problem(400, [
        { field: 'mobile', message: '手机号格式不对' },
        { field: 'addr.province', message: '没有这个省份' },
        { field: 'lines[1].sku', message: '必填' },
      ]),
      FIELDS,
      t,
    );
    expect(p).toEqual({
      fields: { mobile: ['手机号格式不对'], addr: ['没有这个省份'], lines: ['第 2 行 SKU：必填'] },
      unplaced: [],
      message: null,
      conflict: false,
    });
  });

  it('shows the detail on top when a problem has no field of the form', () => {
    const p = recordProblems(problem(400, [{ field: 'mobile', message: '不对' }, { field: 'secret', message: '不存在的字段' }]), FIELDS, t);
    expect(p.fields).toEqual({ mobile: ['不对'] });
    expect(p.unplaced.map((x) => x.field)).toEqual(['secret']);
    expect(p.message).toBe('数据不合法');
  });

  it('puts a duplicate (409) under its field', () => {
    const p = recordProblems(problem(409, [{ field: 'mobile', message: '手机 13800000000 已存在' }], '值重复'), FIELDS, t);
    expect(p.fields.mobile).toEqual(['手机 13800000000 已存在']);
    expect(p.message).toBeNull();
  });

  it('recognises a stale version (412)', () => {
    expect(recordProblems(problem(412, []), FIELDS, t)).toMatchObject({ conflict: true, fields: {} });
  });

  it('shows the detail of a problem without field errors, and a generic text for anything else', () => {
    expect(recordProblems(problem(403, [], '没有权限'), FIELDS, t).message).toBe('没有权限');
    expect(recordProblems(new Error('boom'), FIELDS, t).message).toBe(t('errors.unexpected'));
  });
});

describe('recordProblems of file fields', () => {
  const fields: FieldDefinition[] = [{ key: 'photos', label: '照片', type: 'image' }];

  it('names the file a problem is about, by its place in the value sent', () => {
    const values = { photos: [{ id: 'a', name: 'a.png', size: 1, type: 'image/png' }, { id: 'b', name: 'b.bmp', size: 1, type: 'image/bmp' }] };
    const p = recordProblems(problem(400, [{ field: 'photos[1]', message: '只能上传 PNG、JPEG、GIF 或 WebP 图片。' }]), fields, t, values);
    expect(p.fields).toEqual({ photos: ['“b.bmp”：只能上传 PNG、JPEG、GIF 或 WebP 图片。'] });
    expect(p.message).toBeNull();
    const unknown = recordProblems(problem(400, [{ field: 'photos[0]', message: '文件不存在或已失效，请重新上传。' }]), fields, t);
    expect(unknown.fields.photos).toEqual(['第 1 个文件：文件不存在或已失效，请重新上传。']);
    expect(recordProblems(problem(400, [{ field: 'photos', message: '最多 9 个' }]), fields, t).fields.photos).toEqual(['最多 9 个']);
  });
});
