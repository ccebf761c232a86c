/** The form schema as the server keeps it (DESIGN.md 3.1). */
export type FieldType =
  | 'text' | 'textarea' | 'number' | 'money' | 'percent' | 'date' | 'datetime' | 'boolean'
  | 'select' | 'multiselect' | 'phone' | 'email' | 'url' | 'address' | 'member' | 'department' | 'subform'
  | 'relation' | 'lookup' | 'rollup' | 'formula' | 'serial' | 'rating' | 'tags' | 'richtext' | 'signature'
  | 'attachment' | 'image';

export interface Choice {
  value: string;
  label?: string;
  color?: string;
}

export interface FieldOptions {
  choices?: Choice[];
  decimals?: number;
  max?: number;
  /** member / department / relation: a list of ids instead of one */
  multiple?: boolean;
  form?: string;
  expression?: string;
  resultType?: string;
  relation?: string;
  field?: string;
  fn?: string;
  via?: string;
  pattern?: string;
  fields?: FieldDefinition[];
  /** attachment / image: how many files a record may hold (1..50) */
  maxFiles?: number;
  /** attachment / image: the largest file in MB (1..100) */
  maxSizeMb?: number;
  /** attachment: the extensions it takes, lower case without the dot; none: any */
  accept?: string[];
}

export interface FieldValidation {
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  maxRows?: number;
  /** a condition over the record's fields (expression service), checked when the field has a value */
  rule?: string;
  /** shown under the field when the rule is broken */
  message?: string;
}

export interface FieldDefinition {
  key: string;
  label: string;
  type: FieldType;
  required?: boolean;
  unique?: boolean;
  indexed?: boolean;
  default?: unknown;
  help?: string;
  validation?: FieldValidation;
  options?: FieldOptions;
}

export interface FormDraft {
  key: string;
  name: string;
  fields: FieldDefinition[];
  layout?: unknown;
  settings?: Record<string, unknown>;
}

export interface FormView extends FormDraft {
  id: string;
  appId: string;
  draftVersion: number;
  publishedVersion: number | null;
  changedSincePublish: boolean;
  updatedAt: string;
}

export interface FormSummary {
  id: string;
  key: string;
  name: string;
  fieldCount: number;
  draftVersion: number;
  publishedVersion: number | null;
  changedSincePublish: boolean;
  updatedAt: string;
}

export interface FieldRef {
  key: string;
  label: string;
  type: FieldType;
}

export interface FormDiff {
  firstVersion: boolean;
  nameChanged: boolean;
  added: FieldRef[];
  removed: FieldRef[];
  changed: { key: string; label: string; properties: string[]; fromType: FieldType; toType: FieldType }[];
  layoutChanged: boolean;
}
