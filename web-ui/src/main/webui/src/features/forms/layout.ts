/**
 * A form's layout (the engine's FormLayout): in display order, fields with their width on a
 * 24-column row and section headings. Fields it does not place follow at full width; the order of
 * `fields` stays the order of data (grid columns, exports).
 */
export type Span = 24 | 12 | 8 | 6;
export const SPANS: readonly Span[] = [24, 12, 8, 6];

export type LayoutItem = { field: string; span?: Span } | { section: string };

/** What a form draws, in order: sections, and fields with their width. */
export type Placed<F extends { key: string }> =
  | { kind: 'section'; title: string; key: string }
  | { kind: 'field'; field: F; span: Span };

function isSpan(n: unknown): n is Span {
  return SPANS.includes(n as Span);
}

/**
 * The layout over these fields: the fields a caller is shown (the server leaves out the ones hidden
 * from them), each once, and a section only when a field of it is shown; the designer keeps every
 * section (`keepEmptySections`), even one no field follows yet.
 */
export function placeFields<F extends { key: string }>(fields: readonly F[], layout: unknown, keepEmptySections = false): Placed<F>[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const placed: Placed<F>[] = [];
  const used = new Set<string>();
  let pending: Placed<F> | null = null;
  const items = Array.isArray(layout) ? (layout as LayoutItem[]) : [];
  items.forEach((item, i) => {
    if (item && typeof item === 'object' && 'section' in item && typeof item.section === 'string') {
      const section: Placed<F> = { kind: 'section', title: item.section, key: `section-${i}` };
      if (keepEmptySections) placed.push(section);
      else pending = section;
    } else if (item && typeof item === 'object' && 'field' in item) {
      const field = byKey.get(item.field);
      if (!field || used.has(field.key)) return;
      used.add(field.key);
      if (pending) placed.push(pending);
      pending = null;
      placed.push({ kind: 'field', field, span: isSpan(item.span) ? item.span : 24 });
    }
  });
  for (const field of fields) {
    if (!used.has(field.key)) placed.push({ kind: 'field', field, span: 24 });
  }
  return placed;
}

/** The fields of a layout by section, in order; fields before the first heading form a group without a title. */
export function sectionsOf<F extends { key: string }>(placed: readonly Placed<F>[]): { title?: string; fields: F[] }[] {
  const groups: { title?: string; fields: F[] }[] = [];
  for (const p of placed) {
    if (p.kind === 'section') groups.push({ title: p.title, fields: [] });
    else if (groups.length === 0) groups.push({ fields: [p.field] });
    else groups[groups.length - 1].fields.push(p.field);
  }
  return groups;
}

/** The layout to save, or undefined when it would only repeat the fields' order at full width. */
export function layoutOf(items: readonly ({ kind: 'section'; title: string } | { kind: 'field'; key: string; span: Span })[]): LayoutItem[] | undefined {
  const plain = items.every((i) => i.kind === 'field' && i.span === 24);
  if (plain) return undefined;
  return items.map((i) => (i.kind === 'section' ? { section: i.title } : i.span === 24 ? { field: i.key } : { field: i.key, span: i.span }));
}
