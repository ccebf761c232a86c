/** The shapes of the form engine's REST API that the records page reads and writes. */

// the designer's vocabulary (forms/types.ts) is the one source of the field types and their parts
import type { Choice, FieldOptions as DesignerFieldOptions, FieldType, FieldValidation } from '../forms/types';

export type { Choice, FieldType, FieldValidation };

/** The designer's options; sub-form columns read with this page's tolerant field shape. */
export interface FieldOptions extends Omit<DesignerFieldOptions, 'fields'> {
  fields?: FieldDefinition[];
}

export interface FieldDefinition {
  key: string;
  label: string;
  /** a {@link FieldType}; a newer server may send types this UI does not know yet */
  type: FieldType | (string & {});
  required?: boolean;
  unique?: boolean;
  indexed?: boolean;
  default?: unknown;
  help?: string | null;
  validation?: FieldValidation | null;
  options?: FieldOptions | null;
}

export interface FormDetail {
  id: string;
  key: string;
  name: string;
  fields: FieldDefinition[];
  /** the published version's layout (sections, widths): how the record form is drawn */
  layout?: unknown;
  /** the published version's settings: the field that names its records */
  settings?: { titleField?: string };
  draftVersion: number;
  publishedVersion: number | null;
  changedSincePublish: boolean;
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

export type RecordData = Record<string, unknown>;

export interface FormRecord {
  id: string;
  formVersion: number;
  version: number;
  data: RecordData;
  createdBy: string | null;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string;
  deletedAt?: string | null;
  /** client-side, on a record just created: the creator's row filter leaves it out (they will not find it again) */
  outsideView?: boolean;
}

export interface RecordTotal {
  value: number;
  /** false: a big form's estimate, shown as "about N" */
  exact: boolean;
}

export interface RecordPage {
  items: FormRecord[];
  nextCursor: string | null;
  /** only on the first page (a request without cursor) */
  total?: RecordTotal | null;
}

export type HistoryKind = 'created' | 'updated' | 'computed' | 'deleted' | 'restored';

export interface FieldChange {
  field: string;
  from?: unknown;
  to?: unknown;
}

export interface HistoryEntry {
  id: number | string;
  kind: HistoryKind | (string & {});
  version: number;
  changes: FieldChange[];
  changedBy: string | null;
  /** null: the engine itself (computed fields, rules) */
  changedByName: string | null;
  changedAt: string;
}

/** A node of GET /forms/divisions: province > city > district. */
export interface Division {
  code: string;
  name: string;
  children?: Division[];
}

export interface AddressValue {
  province?: string;
  city?: string;
  district?: string;
  detail?: string;
  code?: string;
}
