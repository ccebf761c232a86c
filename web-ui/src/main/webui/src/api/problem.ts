/**
 * RFC 9457 problem documents, as every error of the Qiaoban API is answered.
 * `detail` is already localized by the server (it follows our Accept-Language header).
 */
export interface FieldProblem {
  /** JSON path of the offending request field, e.g. `name` or `permissions[2]`. */
  field: string;
  code: string;
  message: string;
  /** For expression errors: the 0-based character offset inside the expression text. */
  position?: number;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
}

/** An API call that failed: carries the problem document (real or synthesized) and a user-facing message. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem, fallbackMessage: string) {
    super(pickMessage(problem, fallbackMessage));
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** The last segment of the problem type URI, e.g. `password-change-required`; '' when absent. */
  get code(): string {
    return problemCode(this.problem.type);
  }

  get fieldErrors(): FieldProblem[] {
    return this.problem.errors ?? [];
  }
}

function pickMessage(problem: Problem, fallback: string): string {
  const detail = problem.detail?.trim();
  if (detail) return detail;
  const title = problem.title?.trim();
  if (title) return title;
  return fallback;
}

export function problemCode(type: string | undefined): string {
  if (!type || type === 'about:blank') return '';
  const trimmed = type.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function parseFieldErrors(v: unknown): FieldProblem[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: FieldProblem[] = [];
  for (const item of v) {
    if (!isRecord(item)) continue;
    const field = asString(item.field) ?? '';
    const code = asString(item.code) ?? '';
    const message = asString(item.message) ?? code;
    const position = typeof item.position === 'number' && Number.isFinite(item.position) ? item.position : undefined;
    out.push(position === undefined ? { field, code, message } : { field, code, message, position });
  }
  return out;
}

/**
 * Builds an {@link ApiError} from a failed HTTP response. Never throws: a body that is not a
 * problem document (an HTML error page from a proxy, plain text, empty) yields a problem with the
 * given status and no detail, so the error's message is `fallbackMessage`.
 */
export function problemFromResponse(
  status: number,
  contentType: string | null,
  bodyText: string,
  fallbackMessage: string,
): ApiError {
  let problem: Problem = { status };
  const looksJson = (contentType ?? '').toLowerCase().includes('json') || /^\s*\{/.test(bodyText);
  if (looksJson && bodyText.trim()) {
    try {
      const parsed: unknown = JSON.parse(bodyText);
      if (isRecord(parsed)) {
        problem = {
          type: asString(parsed.type),
          title: asString(parsed.title),
          status: typeof parsed.status === 'number' ? parsed.status : status,
          detail: asString(parsed.detail),
          errors: parseFieldErrors(parsed.errors),
        };
      }
    } catch {
      // not JSON after all: keep the synthesized problem
    }
  }
  return new ApiError(problem, fallbackMessage);
}

/** `permissions[2].key` -> `['permissions', 2, 'key']` */
export function fieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of field.split('.')) {
    const re = /([^[\]]+)|\[(\d+)\]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(part)) !== null) {
      if (m[1] !== undefined) out.push(m[1]);
      else out.push(Number(m[2]));
    }
  }
  return out;
}

export interface MappedFieldErrors {
  /** Errors per form field name (a field the form knows), messages in server order. */
  fields: Record<string, string[]>;
  /** Errors that belong to no known form field: show them with the problem's detail. */
  unmapped: FieldProblem[];
}

/**
 * Maps the problem's `errors[]` onto the form fields a form has. A nested path is attributed to
 * its top-level field when the form knows that one (`permissions[2]` -> `permissions`).
 */
export function mapFieldErrors(error: unknown, knownFields: readonly string[]): MappedFieldErrors {
  const result: MappedFieldErrors = { fields: {}, unmapped: [] };
  if (!(error instanceof ApiError)) return result;
  for (const fe of error.fieldErrors) {
    const path = fieldPath(fe.field);
    const top = path.length > 0 ? String(path[0]) : '';
    const name = knownFields.includes(fe.field) ? fe.field : knownFields.includes(top) ? top : undefined;
    if (name === undefined) {
      result.unmapped.push(fe);
    } else {
      (result.fields[name] ??= []).push(fe.message);
    }
  }
  return result;
}
