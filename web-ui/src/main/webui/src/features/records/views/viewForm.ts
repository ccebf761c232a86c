/**
 * The "new view" form: what it sends (a grid saves the grid as it is; a board or a calendar takes the
 * grid's filter along, the only place this page edits one) and where the server's problems land.
 */
import { ApiError, fieldPath } from '../../../api/problem';
import type { GridViewConfig, NewView, SavedView, ViewKind } from './types';

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

export function viewFormProblems(error: unknown, t: Translate): ViewFormProblems {
  const fields: ViewFormProblems['fields'] = {};
  const rest: string[] = [];
  for (const p of error instanceof ApiError ? error.fieldErrors : []) {
    // config.cardFields[2] belongs to cardFields
    const path = fieldPath(p.field);
    const name = FORM_FIELDS[p.field] ?? FORM_FIELDS[path.filter((x) => typeof x === 'string').join('.')];
    if (name) (fields[name] ??= []).push(p.message);
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
