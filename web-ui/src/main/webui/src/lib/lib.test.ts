import { describe, expect, it } from 'vitest';
import { formatAuditDetail } from './auditDetail';
import { generatePassword, passwordProblem } from './password';
import { formatDateTime } from './time';
import { normalizeLang } from '../i18n/lang';

describe('formatDateTime', () => {
  it('shows instants in Asia/Shanghai (UTC+8)', () => {
    expect(formatDateTime('2024-05-01T06:03:22Z')).toBe('2024-05-01 14:03:22');
    expect(formatDateTime('2023-12-31T16:30:00Z')).toBe('2024-01-01 00:30:00');
    expect(formatDateTime('2024-05-01T06:03:22.123456+00:00', false)).toBe('2024-05-01 14:03');
  });

  it('copes with missing and invalid values', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('')).toBe('');
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});

describe('generatePassword', () => {
  it('always satisfies the server policy', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(12);
      expect(passwordProblem(p)).toBeNull();
    }
  });

  it('keeps the length within 8..72', () => {
    expect(generatePassword(4)).toHaveLength(8);
    expect(generatePassword(100)).toHaveLength(72);
  });

  it('holds letters and digits even with a degenerate random source', () => {
    expect(passwordProblem(generatePassword(8, () => 0))).toBeNull();
  });
});

describe('passwordProblem', () => {
  it('mirrors the server rules', () => {
    expect(passwordProblem('')).toBe('required');
    expect(passwordProblem('abc123')).toBe('length');
    expect(passwordProblem('abcdefgh')).toBe('weak');
    expect(passwordProblem('12345678')).toBe('weak');
    expect(passwordProblem('密码密码密码1234')).toBeNull();
    expect(passwordProblem('a1'.repeat(37))).toBe('length');
    expect(passwordProblem('s3cretPassw0rd')).toBeNull();
  });
});

describe('formatAuditDetail', () => {
  it('writes department moves and memberships in their own words', () => {
    expect(formatAuditDetail({ from: '总部 / 销售部', to: '总部 / 市场部' }, 60, 'department.updated')).toBe('总部 / 销售部 → 总部 / 市场部');
    expect(formatAuditDetail({ department: '销售部', usernames: ['zhang', 'li'] }, 60, 'department.members-added')).toBe('销售部: zhang, li');
    expect(formatAuditDetail({ department: '销售部', username: 'zhang' }, 60, 'department.member-removed')).toBe('销售部: zhang');
    // other types, and details without the expected parts, stay generic
    expect(formatAuditDetail({ name: '销售部' }, 60, 'department.created')).toBe('name=销售部');
    expect(formatAuditDetail({ name: 'x' }, 60, 'department.updated')).toBe('name=x');
  });

  it('renders a compact one-liner and skips empty values', () => {
    expect(formatAuditDetail({ name: 'CRM', from: '成员', to: '所有者', note: null, empty: '' })).toBe('name=CRM · from=成员 · to=所有者');
  });

  it('flattens arrays and nested objects, truncating long values', () => {
    expect(formatAuditDetail({ permissions: ['app.view', 'app.manage'] })).toBe('permissions=app.view, app.manage');
    expect(formatAuditDetail({ o: { a: 1 } })).toBe('o={"a":1}');
    expect(formatAuditDetail({ s: 'x'.repeat(100) }, 10)).toBe(`s=${'x'.repeat(9)}…`);
  });

  it('handles no detail', () => {
    expect(formatAuditDetail(null)).toBe('');
    expect(formatAuditDetail({})).toBe('');
  });
});

describe('normalizeLang', () => {
  it('defaults to zh-CN and recognizes English', () => {
    expect(normalizeLang(null)).toBe('zh-CN');
    expect(normalizeLang('fr')).toBe('zh-CN');
    expect(normalizeLang('en')).toBe('en');
    expect(normalizeLang('en-US')).toBe('en');
    expect(normalizeLang('zh-CN')).toBe('zh-CN');
  });
});
