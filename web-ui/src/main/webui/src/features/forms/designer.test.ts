import { describe, expect, it } from 'vitest';
import { fromDraft, insertField, moveField, problemsByField, removeField, toDraft, updateField } from './designer';
import { FIELD_ICONS } from './fieldIcons';
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
    expect(s.fields.map((f) => f.field.key)).toEqual(['单选', 'a']);
    expect(s.fields[0].field.options?.choices).toEqual([{ value: '选项1' }, { value: '选项2' }]);
    s = insertField(s, 'select', '单选', opt).state;
    expect(s.fields[2].field.label).toBe('单选2');
    expect(s.fields[2].field.key).toBe('单选2');
  });

  it('lets a new key follow its label until typed by hand, and never changes a published key', () => {
    let s = fromDraft({ key: 'c', name: 'c', fields: [{ key: 'old', label: '旧', type: 'text' }] }, ['old']);
    const r = insertField(s, 'text', '单行文本', opt);
    s = updateField(r.state, r.uid, { label: '姓名' });
    expect(s.fields[1].field.key).toBe('姓名');
    s = updateField(s, r.uid, { key: 'name' });
    s = updateField(s, r.uid, { label: '客户姓名' });
    expect(s.fields[1].field.key).toBe('name');
    s = updateField(s, s.fields[0].uid, { key: 'renamed', label: '新' });
    expect(s.fields[0].field).toMatchObject({ key: 'old', label: '新' });
  });

  it('moves and removes fields and turns back into a draft', () => {
    let s = fromDraft({ key: 'c', name: '客户', fields: [
      { key: 'a', label: 'A', type: 'text' }, { key: 'b', label: 'B', type: 'number' }, { key: 'c', label: 'C', type: 'date' }] });
    s = moveField(s, 0, 2);
    expect(s.fields.map((f) => f.field.key)).toEqual(['b', 'c', 'a']);
    s = removeField(s, s.fields[1].uid);
    expect(toDraft(s)).toEqual({ key: 'c', name: '客户', fields: [{ key: 'b', label: 'B', type: 'number' }, { key: 'a', label: 'A', type: 'text' }] });
    expect(moveField(s, 0, 9)).toBe(s);
  });

  it('places server problems on the field their path points at', () => {
    const s = fromDraft({ key: 'c', name: '客户', fields: [{ key: 'a', label: 'A', type: 'text' }, { key: 'b', label: '', type: 'text' }] });
    const placed = problemsByField(s, [
      { field: 'fields[1].label', code: 'form.def.label', message: '名称必填' },
      { field: 'key', code: 'form.def.formKey', message: '标识不对' },
    ]);
    expect(placed.get(s.fields[1].uid)?.[0].message).toBe('名称必填');
    expect(placed.get('')?.[0].field).toBe('key');
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
    const image = insertField(fromDraft({ key: 'c', name: 'c', fields: [] }), 'image', '图片', opt).state.fields[0].field;
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
