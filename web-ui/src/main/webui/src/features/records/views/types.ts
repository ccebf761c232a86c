/** Saved views of a form's records, as `GET .../forms/{formId}/views` sends them. */
import type { FilterNode } from '../filter';

export type ViewKind = 'grid' | 'kanban' | 'calendar';

export const VIEW_KINDS: readonly ViewKind[] = ['grid', 'kanban', 'calendar'];

/** Server bounds of a column width (pixels). */
export const MIN_COLUMN_WIDTH = 40;
export const MAX_COLUMN_WIDTH = 2000;

export interface ViewColumn {
  field: string;
  /** pixels, 40..2000; none: as wide as the content */
  width?: number;
}

/** A grid: its columns (order, widths), filter and sort, the records list's own. */
export interface GridViewConfig {
  columns?: ViewColumn[];
  filter?: FilterNode;
  sort?: string;
}

/** A board: a column per choice of a single-select field. */
export interface KanbanViewConfig {
  groupBy: string;
  /** the first one titles the card */
  cardFields?: string[];
  filter?: FilterNode;
  sort?: string;
}

/** A month calendar: each record on the day of its date field. */
export interface CalendarViewConfig {
  dateField: string;
  titleField?: string;
  filter?: FilterNode;
}

export type ViewConfig = GridViewConfig | KanbanViewConfig | CalendarViewConfig;

interface ViewBase {
  id: string;
  name: string;
  /** shared with everyone in the app (made by those who manage it); else the caller's own */
  shared: boolean;
  /** false: a shared view the caller may not change (no rename, save or delete) */
  editable: boolean;
  position: number;
  /** for If-Match */
  version: number;
  updatedAt: string;
}

/** A view; `kind` tells its config. A newer server's kind this UI does not know shows as a grid. */
export type SavedView =
  | (ViewBase & { kind: 'grid'; config: GridViewConfig })
  | (ViewBase & { kind: 'kanban'; config: KanbanViewConfig })
  | (ViewBase & { kind: 'calendar'; config: CalendarViewConfig });

export type NewView =
  | { name: string; kind: 'grid'; config: GridViewConfig; shared?: boolean; position?: number }
  | { name: string; kind: 'kanban'; config: KanbanViewConfig; shared?: boolean; position?: number }
  | { name: string; kind: 'calendar'; config: CalendarViewConfig; shared?: boolean; position?: number };

/**
 * What PUT changes (absent: as it is); the kind stays. `shared: true` shares the caller's own view
 * with everyone (same id, app.manage), `shared: false` makes a shared view the caller's own again.
 */
export interface ViewChanges {
  name?: string;
  config?: ViewConfig;
  shared?: boolean;
  position?: number;
}
