import { describe, expect, it } from 'vitest';
import { AUDIT_TYPES, auditTypeColor, auditTypeLabelKey } from './auditTypes';

describe('audit types', () => {
  it('know the department events', () => {
    for (const type of ['department.created', 'department.updated', 'department.deleted', 'department.members-added', 'department.member-removed']) {
      expect(AUDIT_TYPES as readonly string[]).toContain(type);
    }
    expect(auditTypeLabelKey('department.members-added')).toBe('auditType.department.members-added');
  });

  it('colour by the last word: additions green, removals red-ish, changes blue', () => {
    expect(auditTypeColor('department.created')).toBe('green');
    expect(auditTypeColor('department.members-added')).toBe('green');
    expect(auditTypeColor('department.member-removed')).toBe('volcano');
    expect(auditTypeColor('department.deleted')).toBe('volcano');
    expect(auditTypeColor('member.removed')).toBe('volcano');
    expect(auditTypeColor('department.updated')).toBe('blue');
    expect(auditTypeColor('login.failed')).toBe('red');
    expect(auditTypeColor('login.succeeded')).toBe('green');
    expect(auditTypeColor('export')).toBe('purple');
  });
});
