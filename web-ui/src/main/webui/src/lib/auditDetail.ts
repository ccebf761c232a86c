/** Compact one-line rendering of an audit entry's `detail` object: `name=CRM · from=Owner`. */
export function formatAuditDetail(detail: unknown, maxValueLength = 60): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object' || Array.isArray(detail)) return truncate(stringify(detail), maxValueLength);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(detail as Record<string, unknown>)) {
    if (value === null || value === undefined || value === '') continue;
    parts.push(`${key}=${truncate(stringify(value), maxValueLength)}`);
  }
  return parts.join(' · ');
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
