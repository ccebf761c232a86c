/**
 * The view forms, "new view" and "view settings": the fields a board or a calendar may use, what
 * they send (a new grid saves the grid as it is; a new board or calendar takes the grid's filter
 * along, the only place this page edits one; the settings change a view's name and fields and keep
 * the rest of its config) and where the server's problems land.
 */
import { ApiError, fieldPath } from '../../../api/problem';
import type { FieldDefinition } from '../types';
import { dateFields } from './calendar';
import { groupableFields } from './kanban';
import type { CalendarViewConfig, GridViewConfig, KanbanViewConfig, NewView, SavedView, ViewChanges, ViewKind } from './types';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface ViewFormValues {
  name: string;
  kind: ViewKind;
  groupBy?: string;
  cardFields?: string[];
  dateField?: string;
  titleField?: string;
  shared?: boolean;
}

export interface FieldOption {
  value: string;
  label: string;
}

/** What the fields of a board or a calendar may be set to. */
export interface FieldChoices {
  /** single-select fields: a board's columns */
  groupable: FieldOption[];
  /** date and datetime fields: a calendar's days */
  dated: FieldOption[];
  /** every field: the cards' fields, a calendar's title */
  all: FieldOption[];
}

export function fieldChoices(fields: readonly FieldDefinition[]): FieldChoices {
  const option = (f: FieldDefinition): FieldOption => ({ value: f.key, label: f.label });
  return { groupable: groupableFields(fields).map(option), dated: dateFields(fields).map(option), all: fields.map(option) };
}

/** After the last view: where a new one goes. */
export function positionAfter(views: readonly Pick<SavedView, 'position'>[]): number {
  return views.reduce((max, v) => Math.max(max, v.position + 1), 0);
}

export function buildNewView(values: ViewFormValues, grid: GridViewConfig, position: number): NewView {
  const base = { name: values.name.trim(), position, ...(values.shared ? { shared: true } : {}) };
  const filter = grid.filter ? { filter: grid.filter } : {};
  switch (values.kind) {
    case 'kanban':
      return {
        ...base,
        kind: 'kanban',
        config: { groupBy: values.groupBy ?? '', ...(values.cardFields?.length ? { cardFields: values.cardFields } : {}), ...filter, ...(grid.sort ? { sort: grid.sort } : {}) },
      };
    case 'calendar':
      return { ...base, kind: 'calendar', config: { dateField: values.dateField ?? '', ...(values.titleField ? { titleField: values.titleField } : {}), ...filter } };
    default:
      return { ...base, kind: 'grid', config: grid };
  }
}

/** The form's fields of a view's kind: the name, then what the kind needs (a grid's columns, filter and sort are saved from the grid). */
export function settingsFieldsOf(kind: ViewKind): (keyof ViewFormValues)[] {
  if (kind === 'kanban') return ['name', 'groupBy', 'cardFields'];
  if (kind === 'calendar') return ['name', 'dateField', 'titleField'];
  return ['name'];
}

/**
 * The settings form of a view as saved. Fields the form no longer has (removed, or no longer of a
 * type the kind can use) are left out: they are chosen again, rather than saved back and refused.
 */
export function settingsValuesOf(view: SavedView, fields: readonly FieldDefinition[]): ViewFormValues {
  const choices = fieldChoices(fields);
  const known = (options: FieldOption[], key: string | undefined) => (key !== undefined && options.some((o) => o.value === key) ? key : undefined);
  switch (view.kind) {
    case 'kanban':
      return {
        name: view.name,
        kind: 'kanban',
        groupBy: known(choices.groupable, view.config.groupBy),
        cardFields: (view.config.cardFields ?? []).filter((k) => known(choices.all, k) !== undefined),
      };
    case 'calendar':
      return { name: view.name, kind: 'calendar', dateField: known(choices.dated, view.config.dateField), titleField: known(choices.all, view.config.titleField) };
    default:
      return { name: view.name, kind: 'grid' };
  }
}

/** `key: value` in a copy of `config`; an empty value takes the key out (as a new view leaves it out). */
function withValue<C extends object, K extends keyof C>(config: C, key: K, value: C[K] | undefined): C {
  const { [key]: _, ...rest } = config;
  const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
  return (empty ? rest : { ...rest, [key]: value }) as C;
}

/**
 * What the settings save: the name and, for a board or a calendar, its config with the fields
 * chosen; the rest of the config (its filter, its sort) as it is. A grid: the name only.
 */
export function buildViewChanges(view: SavedView, values: ViewFormValues): ViewChanges {
  const name = values.name.trim();
  switch (view.kind) {
    case 'kanban': {
      const config: KanbanViewConfig = { ...view.config, groupBy: values.groupBy ?? '' };
      return { name, config: withValue(config, 'cardFields', values.cardFields) };
    }
    case 'calendar': {
      const config: CalendarViewConfig = { ...view.config, dateField: values.dateField ?? '' };
      return { name, config: withValue(config, 'titleField', values.titleField) };
    }
    default:
      return { name };
  }
}

/** The server's names of the parts of a view, as the form's field names. */
const FORM_FIELDS: Record<string, keyof ViewFormValues> = {
  name: 'name',
  kind: 'kind',
  shared: 'shared',
  'config.groupBy': 'groupBy',
  'config.cardFields': 'cardFields',
  'config.dateField': 'dateField',
  'config.titleField': 'titleField',
};

export interface ViewFormProblems {
  /** messages per form field */
  fields: Partial<Record<keyof ViewFormValues, string[]>>;
  /** the rest (a grid's columns, filter or sort; a 403), for the top of the form; null when the fields say it all */
  message: string | null;
}

/** `shown`: the form's fields on screen; a problem of another one goes on top with the rest. */
export function viewFormProblems(error: unknown, t: Translate, shown?: readonly (keyof ViewFormValues)[]): ViewFormProblems {
  const fields: ViewFormProblems['fields'] = {};
  const rest: string[] = [];
  for (const p of error instanceof ApiError ? error.fieldErrors : []) {
    // config.cardFields[2] belongs to cardFields
    const path = fieldPath(p.field);
    const name = FORM_FIELDS[p.field] ?? FORM_FIELDS[path.filter((x) => typeof x === 'string').join('.')];
    if (name && (!shown || shown.includes(name))) (fields[name] ??= []).push(p.message);
    else rest.push(p.message);
  }
  if (Object.keys(fields).length > 0 && rest.length === 0) return { fields, message: null };
  return { fields, message: problemText(error, t, rest) };
}

/** The problem's detail, with the messages it does not already say (a 400's are per part). */
export function problemText(error: unknown, t: Translate, messages: readonly string[] = error instanceof ApiError ? error.fieldErrors.map((e) => e.message) : []): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected');
  const extra = messages.filter((m) => m && !error.message.includes(m));
  return extra.length ? `${error.message} ${extra.join('；')}` : error.message;
}
