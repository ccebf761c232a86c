import type { FieldProblem } from '../../api/problem';
import { keyFromLabel, newField } from './fieldTypes';
import type { FieldDefinition, FieldType, FormDraft } from './types';

/**
 * The designer's state: the draft plus a stable id per field (keys change while a new field's label
 * is typed, and drag and drop needs ids that do not), and which keys were published (those keys are
 * fixed: rules, relations and stored records use them).
 */
export interface DesignerField {
  uid: string;
  field: FieldDefinition;
  /** The key no longer follows the label: it was saved before, or typed by hand. */
  keyLocked: boolean;
}

export interface DesignerState {
  key: string;
  name: string;
  fields: DesignerField[];
  publishedKeys: ReadonlySet<string>;
}

let counter = 0;
export function uid(): string {
  counter += 1;
  return `f${Date.now().toString(36)}${counter}`;
}

export function fromDraft(draft: FormDraft, publishedKeys: Iterable<string> = []): DesignerState {
  return {
    key: draft.key,
    name: draft.name,
    fields: draft.fields.map((field) => ({ uid: uid(), field, keyLocked: true })),
    publishedKeys: new Set(publishedKeys),
  };
}

export function toDraft(state: DesignerState, base?: Partial<FormDraft>): FormDraft {
  return { ...base, key: state.key, name: state.name, fields: state.fields.map((f) => f.field) };
}

function keysExcept(state: DesignerState, except?: string): Set<string> {
  return new Set(state.fields.filter((f) => f.uid !== except).map((f) => f.field.key));
}

/** Adds a field of a type at a position (the end when `index` is undefined); returns its uid too. */
export function insertField(
  state: DesignerState,
  type: FieldType,
  label: string,
  optionLabel: (n: number) => string,
  index?: number,
): { state: DesignerState; uid: string } {
  const taken = keysExcept(state);
  let numbered = label;
  for (let n = 2; state.fields.some((f) => f.field.label === numbered); n++) numbered = `${label}${n}`;
  const added: DesignerField = { uid: uid(), field: newField(type, numbered, taken, optionLabel), keyLocked: false };
  const fields = [...state.fields];
  fields.splice(index === undefined || index < 0 || index > fields.length ? fields.length : index, 0, added);
  return { state: { ...state, fields }, uid: added.uid };
}

export function moveField(state: DesignerState, from: number, to: number): DesignerState {
  if (from === to || from < 0 || to < 0 || from >= state.fields.length || to >= state.fields.length) return state;
  const fields = [...state.fields];
  const [moved] = fields.splice(from, 1);
  fields.splice(to, 0, moved);
  return { ...state, fields };
}

/**
 * Changes a field. While a field is not published its key follows its label, so `单价` stays the
 * name formulas use; a published key never changes.
 */
export function updateField(state: DesignerState, fieldUid: string, change: Partial<FieldDefinition>): DesignerState {
  return {
    ...state,
    fields: state.fields.map((f) => {
      if (f.uid !== fieldUid) return f;
      const next: FieldDefinition = { ...f.field, ...change };
      const published = state.publishedKeys.has(f.field.key);
      if (published) {
        next.key = f.field.key;
        return { ...f, field: next };
      }
      if (change.key !== undefined) return { ...f, field: next, keyLocked: true };
      if (change.label !== undefined && !f.keyLocked) {
        next.key = keyFromLabel(change.label || f.field.type, keysExcept(state, fieldUid));
      }
      return { ...f, field: next };
    }),
  };
}

export function removeField(state: DesignerState, fieldUid: string): DesignerState {
  return { ...state, fields: state.fields.filter((f) => f.uid !== fieldUid) };
}

/**
 * Server problems of a save or publish, by field uid: paths like `fields[3].options.choices` point at
 * the fourth field. Problems of the form itself (key, name) are under ''.
 */
export function problemsByField(state: DesignerState, problems: readonly FieldProblem[]): Map<string, FieldProblem[]> {
  const byField = new Map<string, FieldProblem[]>();
  for (const p of problems) {
    const m = /^fields\[(\d+)\]/.exec(p.field);
    const target = m ? state.fields[Number(m[1])]?.uid ?? '' : '';
    byField.set(target, [...(byField.get(target) ?? []), p]);
  }
  return byField;
}
