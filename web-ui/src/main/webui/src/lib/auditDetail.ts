/**
 * Compact one-line rendering of an audit entry's `detail` object: `name=CRM · from=Owner`. Some
 * types read better in their own words (given `type`): a department's move or rename as
 * `总部 / 销售部 → 总部 / 市场部`, members put into or taken out of one as `销售部: zhang, li`.
 */
export function formatAuditDetail(detail: unknown, maxValueLength = 60, type?: string): string {
  if (detail === null || detail === undefined) return '';
  const special = type ? byType(type, detail, maxValueLength) : null;
  if (special) return special;
  if (typeof detail !== 'object' || Array.isArray(detail)) return truncate(stringify(detail), maxValueLength);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(detail as Record<string, unknown>)) {
    if (value === null || value === undefined || value === '') continue;
    parts.push(`${key}=${truncate(stringify(value), maxValueLength)}`);
  }
  return parts.join(' · ');
}

function byType(type: string, detail: unknown, max: number): string | null {
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return null;
  const d = detail as Record<string, unknown>;
  const text = (v: unknown) => (v === null || v === undefined || v === '' ? '' : truncate(stringify(v), max));
  switch (type) {
    case 'department.updated':
      return d.from !== undefined && d.to !== undefined ? `${text(d.from)} → ${text(d.to)}` : null;
    case 'department.members-added':
      return d.department !== undefined ? `${text(d.department)}: ${text(d.usernames)}` : null;
    case 'department.member-removed':
      return d.department !== undefined ? `${text(d.department)}: ${text(d.username)}` : null;
    default:
      return null;
  }
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(stringify).join(', ');
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
