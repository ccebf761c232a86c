import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError, mapFieldErrors } from '../api/problem';

/** What to tell the user about a failure: the server's localized detail, never raw JSON. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) return error.message;
  return t('errors.unexpected');
}

/**
 * Shows a failed form submission: per-field `errors[]` go onto the form's fields; the problem
 * detail is returned for a message/alert unless every error found its field.
 *
 * @returns the message to show, or null when the fields already say everything
 */
export function applyFormError(form: FormInstance, error: unknown, fields: readonly string[], t: TFunction): string | null {
  const mapped = mapFieldErrors(error, fields);
  const names = Object.keys(mapped.fields);
  if (names.length > 0) {
    form.setFields(names.map((name) => ({ name, errors: mapped.fields[name] })));
  }
  if (names.length > 0 && mapped.unmapped.length === 0) return null;
  if (mapped.unmapped.length > 0 && error instanceof ApiError && error.fieldErrors.length === mapped.unmapped.length) {
    // nothing landed on a field: the detail may be generic ("2 fields are invalid"), so list them
    const detail = errorMessage(error, t);
    const extra = mapped.unmapped.map((e) => e.message).filter((m) => m && !detail.includes(m));
    return extra.length ? `${detail} ${extra.join('；')}` : detail;
  }
  return errorMessage(error, t);
}
