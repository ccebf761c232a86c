import { describe, expect, it } from 'vitest';
import { ApiError, fieldPath, mapFieldErrors, problemCode, problemFromResponse } from './problem';

const PROBLEM_JSON = 'application/problem+json';

describe('problemFromResponse', () => {
  it('reads a problem document and uses its localized detail as the message', () => {
    const body = JSON.stringify({
      type: 'https://qiaoban.io/problems/conflict-app-name',
      title: '名称冲突',
      status: 409,
      detail: '应用名称“CRM”已存在',
    });
    const err = problemFromResponse(409, PROBLEM_JSON, body, 'fallback');
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(409);
    expect(err.message).toBe('应用名称“CRM”已存在');
    expect(err.code).toBe('conflict-app-name');
    expect(err.fieldErrors).toEqual([]);
  });

  it('keeps per-field errors, filling a missing message with the code', () => {
    const body = JSON.stringify({
      type: 'https://qiaoban.io/problems/validation',
      title: 'Invalid request',
      status: 400,
      detail: '2 fields are invalid',
      errors: [
        { field: 'newPassword', code: 'password-length', message: 'Use 8 to 72 characters' },
        { field: 'permissions[1]', code: 'unknown-permission' },
        'garbage',
      ],
    });
    const err = problemFromResponse(400, PROBLEM_JSON, body, 'fallback');
    expect(err.fieldErrors).toEqual([
      { field: 'newPassword', code: 'password-length', message: 'Use 8 to 72 characters' },
      { field: 'permissions[1]', code: 'unknown-permission', message: 'unknown-permission' },
    ]);
  });

  it('keeps the position of an expression error', () => {
    const body = JSON.stringify({
      status: 400,
      detail: '表达式有误',
      errors: [
        { field: 'expression', code: 'expression.syntax', message: '表达式不完整', position: 12 },
        { field: 'condition', code: 'x', message: 'y', position: 'nope' },
      ],
    });
    expect(problemFromResponse(400, PROBLEM_JSON, body, 'fallback').fieldErrors).toEqual([
      { field: 'expression', code: 'expression.syntax', message: '表达式不完整', position: 12 },
      { field: 'condition', code: 'x', message: 'y' },
    ]);
  });

  it('falls back to the title when there is no detail', () => {
    const err = problemFromResponse(403, PROBLEM_JSON, JSON.stringify({ title: 'Forbidden', status: 403 }), 'fallback');
    expect(err.message).toBe('Forbidden');
  });

  it('uses the fallback message when the body is an HTML error page', () => {
    const err = problemFromResponse(502, 'text/html', '<html><body>Bad Gateway</body></html>', 'Server error (502)');
    expect(err.status).toBe(502);
    expect(err.message).toBe('Server error (502)');
    expect(err.problem).toEqual({ status: 502 });
    expect(err.code).toBe('');
  });

  it('uses the fallback message when a JSON content type carries broken JSON', () => {
    const err = problemFromResponse(500, 'application/json', '{"detail": ', 'Server error');
    expect(err.message).toBe('Server error');
  });

  it('uses the fallback message for an empty body', () => {
    expect(problemFromResponse(404, null, '', 'Not found').message).toBe('Not found');
  });

  it('uses the fallback message when the JSON is not an object', () => {
    expect(problemFromResponse(400, 'application/json', '["a"]', 'Bad request').message).toBe('Bad request');
  });

  it('never shows raw JSON even when detail is blank', () => {
    const err = problemFromResponse(400, PROBLEM_JSON, JSON.stringify({ status: 400, detail: '  ' }), 'Bad request');
    expect(err.message).toBe('Bad request');
  });
});

describe('problemCode', () => {
  it('takes the last path segment of the type URI', () => {
    expect(problemCode('https://qiaoban.io/problems/password-change-required')).toBe('password-change-required');
    expect(problemCode('https://qiaoban.io/problems/session-expired/')).toBe('session-expired');
    expect(problemCode('about:blank')).toBe('');
    expect(problemCode(undefined)).toBe('');
  });
});

describe('fieldPath', () => {
  it('splits JSON paths into form name paths', () => {
    expect(fieldPath('name')).toEqual(['name']);
    expect(fieldPath('permissions[2]')).toEqual(['permissions', 2]);
    expect(fieldPath('a.b[0].c')).toEqual(['a', 'b', 0, 'c']);
  });
});

describe('mapFieldErrors', () => {
  const err = problemFromResponse(
    400,
    PROBLEM_JSON,
    JSON.stringify({
      status: 400,
      detail: '3 fields are invalid',
      errors: [
        { field: 'name', code: 'required', message: '请输入名称' },
        { field: 'permissions[3]', code: 'unknown', message: '未知权限' },
        { field: 'name', code: 'too-long', message: '名称太长' },
        { field: 'tenant', code: 'x', message: 'no such field in the form' },
      ],
    }),
    'fallback',
  );

  it('puts errors on the fields the form has, nested paths on their top-level field', () => {
    const mapped = mapFieldErrors(err, ['name', 'description', 'permissions']);
    expect(mapped.fields).toEqual({ name: ['请输入名称', '名称太长'], permissions: ['未知权限'] });
    expect(mapped.unmapped).toEqual([{ field: 'tenant', code: 'x', message: 'no such field in the form' }]);
  });

  it('maps nothing for errors that are not API errors', () => {
    expect(mapFieldErrors(new Error('boom'), ['name'])).toEqual({ fields: {}, unmapped: [] });
  });
});
