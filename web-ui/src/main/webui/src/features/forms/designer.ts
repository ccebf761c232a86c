import type { FieldProblem } from '../../api/problem';
import { keyFromLabel, newField } from './fieldTypes';
import { layoutOf, placeFields, type Span } from './layout';
import type { FieldDefinition, FieldType, FormDraft } from './types';

/**
 * The designer's state: the draft as the canvas shows it (fields and section headings in display
 * order, each with a stable id: keys change while a new field's label is typed, and drag and drop
 * needs ids that do not), and which keys were published (those keys are fixed: rules, relations and
 * stored records use them).
 */
export interface DesignerField {
  kind: 'field';
  uid: string;
  field: FieldDefinition;
  /** The key no longer follows the label: it was saved before, or typed by hand. */
  keyLocked: boolean;
  span: Span;
}

export interface DesignerSection {
  kind: 'section';
  uid: string;
  title: string;
}

export type DesignerItem = DesignerField | DesignerSection;

/** The form's settings (the engine's FormSettings): the field that names its records. */
export interface DesignerSettings {
  titleField?: string;
}

export interface DesignerState {
  key: string;
  name: string;
  items: DesignerItem[];
  settings: DesignerSettings;
  publishedKeys: ReadonlySet<string>;
}

export function fieldsOf(state: DesignerState): DesignerField[] {
  return state.items.filter((i): i is DesignerField => i.kind === 'field');
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
    items: placeFields(draft.fields, draft.layout, true).map((p): DesignerItem => (p.kind === 'section'
      ? { kind: 'section', uid: uid(), title: p.title }
      : { kind: 'field', uid: uid(), field: p.field, keyLocked: true, span: p.span })),
    settings: typeof draft.settings?.titleField === 'string' ? { titleField: draft.settings.titleField } : {},
    publishedKeys: new Set(publishedKeys),
  };
}

/**
 * The draft to save: the fields in the canvas' order, the layout when it is more than that order,
 * the settings when there are some.
 */
export function toDraft(state: DesignerState): FormDraft {
  const draft: FormDraft = { key: state.key, name: state.name, fields: fieldsOf(state).map((f) => f.field) };
  if (state.settings.titleField) draft.settings = { titleField: state.settings.titleField };
  const layout = layoutOf(state.items.map((i) => (i.kind === 'section' ? i : { kind: 'field', key: i.field.key, span: i.span })));
  if (layout) draft.layout = layout;
  return draft;
}

/**
 * Whether the canvas shows the draft's layout or settings other than they are saved (saved through
 * the API before they were checked, with a trivial layout, or with settings the designer does not
 * know): the designer then counts them as a change to save, so publishing does not stop at them.
 */
export function reshapedOnOpen(draft: FormDraft, state: DesignerState): boolean {
  const shown = toDraft(state);
  return canonical(draft.layout) !== canonical(shown.layout) || canonical(draft.settings) !== canonical(shown.settings);
}

/** JSON with the members of each object in one order: PostgreSQL returns jsonb members reordered. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v));
}

function keysExcept(state: DesignerState, except?: string): Set<string> {
  return new Set(fieldsOf(state).filter((f) => f.uid !== except).map((f) => f.field.key));
}

function insertAt(state: DesignerState, item: DesignerItem, index?: number): DesignerState {
  const items = [...state.items];
  items.splice(index === undefined || index < 0 || index > items.length ? items.length : index, 0, item);
  return { ...state, items };
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
  for (let n = 2; fieldsOf(state).some((f) => f.field.label === numbered); n++) numbered = `${label}${n}`;
  const added: DesignerField = { kind: 'field', uid: uid(), field: newField(type, numbered, taken, optionLabel), keyLocked: false, span: 24 };
  return { state: insertAt(state, added, index), uid: added.uid };
}

/** Adds a section heading at a position (the end when `index` is undefined); returns its uid too. */
export function insertSection(state: DesignerState, title: string, index?: number): { state: DesignerState; uid: string } {
  const added: DesignerSection = { kind: 'section', uid: uid(), title };
  return { state: insertAt(state, added, index), uid: added.uid };
}

/** Moves a field or a heading from one position of the canvas to another. */
export function moveItem(state: DesignerState, from: number, to: number): DesignerState {
  if (from === to || from < 0 || to < 0 || from >= state.items.length || to >= state.items.length) return state;
  const items = [...state.items];
  const [moved] = items.splice(from, 1);
  items.splice(to, 0, moved);
  return { ...state, items };
}

export function setSpan(state: DesignerState, fieldUid: string, span: Span): DesignerState {
  return { ...state, items: state.items.map((i) => (i.uid === fieldUid && i.kind === 'field' ? { ...i, span } : i)) };
}

export function renameSection(state: DesignerState, sectionUid: string, title: string): DesignerState {
  return { ...state, items: state.items.map((i) => (i.uid === sectionUid && i.kind === 'section' ? { ...i, title } : i)) };
}

/**
 * Changes a field. While a field is not published its key follows its label, so `单价` stays the
 * name formulas use; a published key never changes.
 */
export function updateField(state: DesignerState, fieldUid: string, change: Partial<FieldDefinition>): DesignerState {
  const next = updateItems(state, fieldUid, change);
  // the title field follows its key while that key follows the label
  const before = fieldsOf(state).find((f) => f.uid === fieldUid)?.field.key;
  const after = fieldsOf(next).find((f) => f.uid === fieldUid)?.field.key;
  return before !== undefined && before !== after && state.settings.titleField === before
    ? { ...next, settings: { ...next.settings, titleField: after } }
    : next;
}

function updateItems(state: DesignerState, fieldUid: string, change: Partial<FieldDefinition>): DesignerState {
  return {
    ...state,
    items: state.items.map((f) => {
      if (f.uid !== fieldUid || f.kind !== 'field') return f;
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

/** Removes a field or a heading; a removed title field leaves the settings too. */
export function removeItem(state: DesignerState, itemUid: string): DesignerState {
  const removed = state.items.find((i) => i.uid === itemUid);
  const settings = removed?.kind === 'field' && removed.field.key === state.settings.titleField ? {} : state.settings;
  return { ...state, items: state.items.filter((i) => i.uid !== itemUid), settings };
}

export function setTitleField(state: DesignerState, key: string | undefined): DesignerState {
  return { ...state, settings: key ? { titleField: key } : {} };
}

/**
 * Server problems of a save or publish, by item uid: paths like `fields[3].options.choices` point at
 * the fourth field, `layout[2].section` at the third item of the canvas (the saved layout lists them
 * all). Problems of the form itself (key, name) are under ''.
 */
export function problemsByField(state: DesignerState, problems: readonly FieldProblem[]): Map<string, FieldProblem[]> {
  const byItem = new Map<string, FieldProblem[]>();
  const fields = fieldsOf(state);
  for (const p of problems) {
    const field = /^fields\[(\d+)\]/.exec(p.field);
    const item = /^layout\[(\d+)\]/.exec(p.field);
    const target = field ? fields[Number(field[1])]?.uid ?? '' : item ? state.items[Number(item[1])]?.uid ?? '' : '';
    byItem.set(target, [...(byItem.get(target) ?? []), p]);
  }
  return byItem;
}
