import type { FieldDefinition, FieldType } from './types';

export type PaletteGroup = 'basic' | 'choice' | 'contact' | 'link' | 'computed' | 'rich';

export interface PaletteEntry {
  type: FieldType;
  group: PaletteGroup;
  /** Computed by the engine: never typed in, never required. */
  computed?: boolean;
}

/** The palette, in the order the designer shows it. */
export const PALETTE: readonly PaletteEntry[] = [
  { type: 'text', group: 'basic' },
  { type: 'textarea', group: 'basic' },
  { type: 'number', group: 'basic' },
  { type: 'money', group: 'basic' },
  { type: 'percent', group: 'basic' },
  { type: 'date', group: 'basic' },
  { type: 'datetime', group: 'basic' },
  { type: 'boolean', group: 'basic' },
  { type: 'select', group: 'choice' },
  { type: 'multiselect', group: 'choice' },
  { type: 'tags', group: 'choice' },
  { type: 'rating', group: 'choice' },
  { type: 'phone', group: 'contact' },
  { type: 'email', group: 'contact' },
  { type: 'url', group: 'contact' },
  { type: 'address', group: 'contact' },
  { type: 'member', group: 'link' },
  { type: 'department', group: 'link' },
  { type: 'relation', group: 'link' },
  { type: 'lookup', group: 'link', computed: true },
  { type: 'rollup', group: 'link', computed: true },
  { type: 'subform', group: 'rich' },
  { type: 'richtext', group: 'rich' },
  { type: 'signature', group: 'rich' },
  { type: 'attachment', group: 'rich' },
  { type: 'image', group: 'rich' },
  { type: 'formula', group: 'computed', computed: true },
  { type: 'serial', group: 'computed', computed: true },
];

export const GROUPS: readonly PaletteGroup[] = ['basic', 'choice', 'contact', 'link', 'rich', 'computed'];

export function isComputed(type: FieldType): boolean {
  return PALETTE.some((p) => p.type === type && p.computed);
}

/** The file fields: their values are uploaded files, referenced by id. */
export const FILE_TYPES: ReadonlySet<FieldType> = new Set(['attachment', 'image']);

/** What a file field takes when its options say nothing (the server's defaults, FileType). */
export const FILE_DEFAULTS = {
  attachment: { maxFiles: 10, maxSizeMb: 20 },
  image: { maxFiles: 9, maxSizeMb: 10 },
} as const;
/** The server's bounds of `maxFiles` and `maxSizeMb`. */
export const MAX_FILES_LIMIT = 50;
export const MAX_SIZE_MB_LIMIT = 100;

export function isFileType(type: string): type is 'attachment' | 'image' {
  return type === 'attachment' || type === 'image';
}

/**
 * An attachment field's allowed extensions as the server keeps them: lower case, without the dot
 * (`.PDF` and `*.pdf` are `pdf`), each once; what can be no extension (`pdf/x`, '') is left out.
 * Text with separators (`pdf, docx`) counts as several.
 */
export function normalizeAccept(entries: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    for (const part of entry.split(/[\s,，;；、]+/)) {
      const ext = part.trim().replace(/^\*?\.+/, '').toLowerCase();
      if (/^[a-z0-9]{1,10}$/.test(ext) && !out.includes(ext)) out.push(ext);
    }
  }
  return out;
}

/** Letters (Chinese too), digits and _, starting with a letter: the server's rule for field keys. */
export const KEY_PATTERN = /^[A-Za-z\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff]{0,63}$/;
/** The record's own properties; a field may not take their names. */
export const RESERVED_KEYS = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'version', 'formVersion', 'deletedAt']);

/**
 * A key from a label: formulas read fields by key (`单价 * 数量`), so a key that is the label reads
 * best. Characters a key cannot hold become `_`; a taken key gets a number.
 */
export function keyFromLabel(label: string, taken: ReadonlySet<string>): string {
  let key = label.trim().replace(/[^A-Za-z0-9_\u4e00-\u9fff]/g, '_').slice(0, 60);
  if (!/^[A-Za-z\u4e00-\u9fff]/.test(key)) key = `f${key}`;
  if (RESERVED_KEYS.has(key)) key = `${key}_1`;
  let candidate = key;
  for (let n = 2; taken.has(candidate); n++) candidate = `${key}${n}`;
  return candidate;
}

/** What a freshly dropped field of a type starts with: a label, and the options the type needs. */
export function newField(type: FieldType, label: string, taken: ReadonlySet<string>, optionLabel: (n: number) => string): FieldDefinition {
  const field: FieldDefinition = { key: keyFromLabel(label, taken), label, type };
  switch (type) {
    case 'select':
    case 'multiselect':
      field.options = { choices: [{ value: optionLabel(1) }, { value: optionLabel(2) }] };
      break;
    case 'rating':
      field.options = { max: 5 };
      break;
    case 'serial':
      field.options = { pattern: 'NO-{yyyyMMdd}-{0000}' };
      break;
    case 'formula':
      field.options = { expression: '', resultType: 'number' };
      break;
    case 'rollup':
      field.options = { fn: 'count', form: '', via: '' };
      break;
    case 'lookup':
      field.options = { relation: '', field: '' };
      break;
    case 'relation':
      field.options = { form: '', multiple: false };
      break;
    case 'attachment':
    case 'image':
      field.options = { ...FILE_DEFAULTS[type] };
      break;
    case 'subform':
      field.options = { fields: [{ key: 'name', label: label === 'name' ? 'Name' : '名称', type: 'text' }] };
      break;
    default:
      break;
  }
  return field;
}
