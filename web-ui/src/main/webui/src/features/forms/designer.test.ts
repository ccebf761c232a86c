import { describe, expect, it } from 'vitest';
import {
  fieldsOf, fromDraft, insertField, insertSection, moveItem, problemsByField, removeItem, renameSection, reshapedOnOpen, setSpan, setTitleField,
  toDraft, updateField,
} from './designer';
import { FIELD_ICONS } from './fieldIcons';
import { placeFields, sectionsOf } from './layout';
import { FILE_DEFAULTS, GROUPS, isFileType, keyFromLabel, newField, normalizeAccept, PALETTE } from './fieldTypes';

const opt = (n: number) => `选项${n}`;

describe('keyFromLabel', () => {
  it('keeps Chinese labels as keys so formulas read naturally', () => {
    expect(keyFromLabel('单价', new Set())).toBe('单价');
  });
  it('replaces what a key cannot hold, avoids reserved and taken keys', () => {
    expect(keyFromLabel('手机 (主)', new Set())).toBe('手机__主_');
    expect(keyFromLabel('1st', new Set())).toBe('f1st');
    expect(keyFromLabel('id', new Set())).toBe('id_1');
    expect(keyFromLabel('姓名', new Set(['姓名', '姓名2']))).toBe('姓名3');
  });
});

describe('designer state', () => {
  it('inserts a dropped field at the drop position with the options its type needs', () => {
    let s = fromDraft({ key: 'customer', name: '客户', fields: [{ key: 'a', label: 'A', type: 'text' }] });
    const r = insertField(s, 'select', '单选', opt, 0);
    s = r.state;
    expect(fieldsOf(s).map((f) => f.field.key)).toEqual(['单选', 'a']);
    expect(fieldsOf(s)[0].field.options?.choices).toEqual([{ value: '选项1' }, { value: '选项2' }]);
    s = insertField(s, 'select', '单选', opt).state;
    expect(fieldsOf(s)[2].field.label).toBe('单选2');
    expect(fieldsOf(s)[2].field.key).toBe('单选2');
  });

  it('lets a new key follow its label until typed by hand, and never changes a published key', () => {
    let s = fromDraft({ key: 'c', name: 'c', fields: [{ key: 'old', label: '旧', type: 'text' }] }, ['old']);
    const r = insertField(s, 'text', '单行文本', opt);
    s = updateField(r.state, r.uid, { label: '姓名' });
    expect(fieldsOf(s)[1].field.key).toBe('姓名');
    s = updateField(s, r.uid, { key: 'name' });
    s = updateField(s, r.uid, { label: '客户姓名' });
    expect(fieldsOf(s)[1].field.key).toBe('name');
    s = updateField(s, fieldsOf(s)[0].uid, { key: 'renamed', label: '新' });
    expect(fieldsOf(s)[0].field).toMatchObject({ key: 'old', label: '新' });
  });

  it('moves and removes fields and turns back into a draft', () => {
    let s = fromDraft({ key: 'c', name: '客户', fields: [
      { key: 'a', label: 'A', type: 'text' }, { key: 'b', label: 'B', type: 'number' }, { key: 'c', label: 'C', type: 'date' }] });
    s = moveItem(s, 0, 2);
    expect(fieldsOf(s).map((f) => f.field.key)).toEqual(['b', 'c', 'a']);
    s = removeItem(s, fieldsOf(s)[1].uid);
    expect(toDraft(s)).toEqual({ key: 'c', name: '客户', fields: [{ key: 'b', label: 'B', type: 'number' }, { key: 'a', label: 'A', type: 'text' }] });
    expect(moveItem(s, 0, 9)).toBe(s);
  });

  it('places server problems on the field their path points at', () => {
    const s = fromDraft({ key: 'c', name: '客户', fields: [{ key: 'a', label: 'A', type: 'text' }, { key: 'b', label: '', type: 'text' }] });
    const placed = problemsByField(s, [
      { field: 'fields[1].label', code: 'form.def.label', message: '名称必填' },
      { field: 'key', code: 'form.def.formKey', message: '标识不对' },
    ]);
    expect(placed.get(fieldsOf(s)[1].uid)?.[0].message).toBe('名称必填');
    expect(placed.get('')?.[0].field).toBe('key');
  });
});

describe('layout', () => {
  const fields = [{ key: 'name', label: '姓名', type: 'text' as const }, { key: 'mobile', label: '手机', type: 'phone' as const },
    { key: 'city', label: '城市', type: 'text' as const }];

  it('saves no layout while every field is a whole row in order, and sections and widths once there are some', () => {
    let s = fromDraft({ key: 'c', name: '客户', fields });
    expect(toDraft(s).layout).toBeUndefined();
    const r = insertSection(s, '联系方式', 1);
    s = setSpan(renameSection(r.state, r.uid, '联系'), fieldsOf(r.state)[1].uid, 12);
    expect(toDraft(s)).toEqual({ key: 'c', name: '客户', fields, layout: [
      { field: 'name' }, { section: '联系' }, { field: 'mobile', span: 12 }, { field: 'city' }] });
    // a heading moves like a field; the fields keep the canvas' order
    s = moveItem(s, 1, 3);
    expect(toDraft(s).layout).toEqual([{ field: 'name' }, { field: 'mobile', span: 12 }, { field: 'city' }, { section: '联系' }]);
    s = removeItem(s, s.items[3].uid);
    s = setSpan(s, fieldsOf(s)[1].uid, 24);
    expect(toDraft(s).layout).toBeUndefined();
  });

  it('keeps the title field setting while that field is there, following its key', () => {
    let s = fromDraft({ key: 'c', name: '客户', fields, settings: { titleField: 'mobile', colour: 'red' } });
    expect(s.settings).toEqual({ titleField: 'mobile' });
    expect(toDraft(s).settings).toEqual({ titleField: 'mobile' });
    const r = insertField(s, 'text', '单行文本', opt);
    s = updateField(setTitleField(r.state, fieldsOf(r.state)[3].field.key), r.uid, { label: '会员号' });
    expect(toDraft(s).settings).toEqual({ titleField: '会员号' });
    s = removeItem(s, r.uid);
    expect(toDraft(s).settings).toBeUndefined();
    s = setTitleField(s, 'name');
    s = removeItem(s, fieldsOf(s)[1].uid);
    expect(toDraft(s).settings).toEqual({ titleField: 'name' });
  });

  it('reads a saved layout back onto the canvas', () => {
    const s = fromDraft({ key: 'c', name: '客户', fields, layout: [{ section: '基本' }, { field: 'city', span: 8 }, { field: 'name', span: 8 }] });
    expect(s.items.map((i) => (i.kind === 'section' ? `#${i.title}` : `${i.field.key}:${i.span}`))).toEqual(['#基本', 'city:8', 'name:8', 'mobile:24']);
  });

  it('keeps a heading no field follows yet, and tells when the canvas reads a saved layout differently', () => {
    const saved = { key: 'c', name: '客户', fields, layout: [{ span: 12, field: 'name' }, { section: '备注' }, { section: '其他' }] };
    const s = fromDraft(saved);
    expect(toDraft(s).layout).toEqual([{ field: 'name', span: 12 }, { section: '备注' }, { section: '其他' }, { field: 'mobile' }, { field: 'city' }]);
    expect(reshapedOnOpen({ ...saved, layout: toDraft(s).layout }, s)).toBe(false);
    // members in another order (PostgreSQL's) are the same layout
    const reordered = [{ span: 12, field: 'name' }, { section: '备注' }, { section: '其他' }, { field: 'mobile' }, { field: 'city' }];
    expect(reshapedOnOpen({ ...saved, layout: reordered }, s)).toBe(false);
    expect(reshapedOnOpen(saved, s)).toBe(true);
    expect(reshapedOnOpen({ key: 'c', name: '客户', fields, layout: [{ field: 'name' }] }, fromDraft({ key: 'c', name: '客户', fields, layout: [{ field: 'name' }] }))).toBe(true);
    expect(reshapedOnOpen({ key: 'c', name: '客户', fields, settings: { colour: 'red' } }, fromDraft({ key: 'c', name: '客户', fields, settings: { colour: 'red' } }))).toBe(true);
    expect(reshapedOnOpen({ key: 'c', name: '客户', fields }, fromDraft({ key: 'c', name: '客户', fields }))).toBe(false);
  });

  it('places the problems of the layout on the canvas item they point at', () => {
    const s = fromDraft({ key: 'c', name: '客户', fields, layout: [{ section: ' ' }, { field: 'name', span: 12 }] });
    const placed = problemsByField(s, [{ field: 'layout[0].section', code: 'form.def.label', message: '名称必填' }]);
    expect(placed.get(s.items[0].uid)?.[0].message).toBe('名称必填');
  });
});

describe('placeFields', () => {
  const fields = [{ key: 'a' }, { key: 'b' }, { key: 'c' }];
  it('draws the layout, then what it leaves out, and skips what the caller does not see or is placed twice', () => {
    const placed = placeFields(fields, [{ section: '一' }, { field: 'b', span: 12 }, { field: 'hidden' }, { field: 'b' },
      { field: 'a', span: 7 }, { section: '空' }, { section: '二' }, { field: 'hidden' }]);
    expect(placed.map((p) => (p.kind === 'section' ? `#${p.title}` : `${p.field.key}:${p.span}`))).toEqual(['#一', 'b:12', 'a:24', 'c:24']);
  });
  it('groups the fields by section for the record view, the ones before the first heading without a title', () => {
    const groups = sectionsOf(placeFields(fields, [{ field: 'c' }, { section: '二' }, { field: 'a' }]));
    expect(groups.map((g) => [g.title, g.fields.map((f) => f.key)])).toEqual([[undefined, ['c']], ['二', ['a', 'b']]]);
  });
  it('draws one field per row without a layout, or with one it cannot read', () => {
    expect(placeFields(fields, undefined).map((p) => p.kind)).toEqual(['field', 'field', 'field']);
    expect(placeFields(fields, { field: 'a' }).length).toBe(3);
  });
});

describe('department fields', () => {
  it('are in the palette next to members, with an icon of their own, and start with no options', () => {
    const types = PALETTE.map((p) => p.type);
    expect(types.indexOf('department')).toBe(types.indexOf('member') + 1);
    expect(PALETTE.find((p) => p.type === 'department')).toEqual({ type: 'department', group: 'link' });
    expect(FIELD_ICONS.department).toBeTruthy();
    expect(FIELD_ICONS.department).not.toBe(FIELD_ICONS.member);
    expect(newField('department', '部门', new Set(), opt)).toEqual({ key: '部门', label: '部门', type: 'department' });
  });
});

describe('file fields', () => {
  it('are in the palette, each with an icon, as are all the other types', () => {
    const types = PALETTE.map((p) => p.type);
    expect(types).toContain('attachment');
    expect(types).toContain('image');
    expect(PALETTE.find((p) => p.type === 'attachment')).toMatchObject({ group: 'rich' });
    expect(PALETTE.every((p) => GROUPS.includes(p.group))).toBe(true);
    for (const type of types) expect(FIELD_ICONS[type], type).toBeTruthy();
    expect(isFileType('image')).toBe(true);
    expect(isFileType('signature')).toBe(false);
  });

  it('start with the server defaults: 10 files of 20 MB for attachments, 9 of 10 MB for images, any type', () => {
    expect(FILE_DEFAULTS).toEqual({ attachment: { maxFiles: 10, maxSizeMb: 20 }, image: { maxFiles: 9, maxSizeMb: 10 } });
    const attachment = newField('attachment', '附件', new Set(), opt);
    expect(attachment).toEqual({ key: '附件', label: '附件', type: 'attachment', options: { maxFiles: 10, maxSizeMb: 20 } });
    const image = fieldsOf(insertField(fromDraft({ key: 'c', name: 'c', fields: [] }), 'image', '图片', opt).state)[0].field;
    expect(image.options).toEqual({ maxFiles: 9, maxSizeMb: 10 });
    expect(image.options?.accept).toBeUndefined();
    // each field its own options: changing one leaves the defaults alone
    image.options!.maxFiles = 3;
    expect(newField('image', '图片', new Set(), opt).options?.maxFiles).toBe(9);
  });

  it('keep the allowed extensions as the server does: lower case, no dot, each once', () => {
    expect(normalizeAccept(['PDF', '.docx', '*.xlsx', 'pdf', ' .Png '])).toEqual(['pdf', 'docx', 'xlsx', 'png']);
    expect(normalizeAccept(['pdf, docx；zip', 'a b'])).toEqual(['pdf', 'docx', 'zip', 'a', 'b']);
    expect(normalizeAccept(['', '.', 'pdf/x', 'averyverylongext', '..jpg'])).toEqual(['jpg']);
    expect(normalizeAccept([])).toEqual([]);
  });
});
