import { describe, expect, it } from 'vitest';
import { allowsDepartmentTokens, buildFilter, conditionsOf, conditionToClause, isDepartmentToken, isValueComplete, MY_DEPARTMENTS, MY_DEPARTMENTS_AND_BELOW, relatedFields, valueKind, withField, withOp, type FilterCondition } from './filter';
import type { FieldDefinition } from './types';

const FIELDS: FieldDefinition[] = [
  { key: 'name', label: '姓名', type: 'text' },
  { key: 'city', label: '城市', type: 'select', options: { choices: [{ value: '杭州' }, { value: '上海' }] } },
  { key: 'spend', label: '消费', type: 'money' },
  { key: 'joined', label: '入会日期', type: 'date' },
  { key: 'vip', label: 'VIP', type: 'boolean' },
  { key: 'tags', label: '标签', type: 'tags' },
  { key: 'owner', label: '负责人', type: 'member' },
  { key: 'addr', label: '地址', type: 'address' },
  { key: 'createdAt', label: '创建时间', type: 'datetime' },
];
const fieldOf = (key: string) => FIELDS.find((f) => f.key === key);
const c = (field: string, op: FilterCondition['op'], value?: FilterCondition['value']): FilterCondition => ({ id: field, field, op, value });

describe('buildFilter', () => {
  it('builds the filter language: all conditions under "and"', () => {
    const built = buildFilter('and', [c('city', 'eq', '杭州'), c('spend', 'between', [100, 500])], fieldOf);
    expect(built).toEqual({
      filter: {
        and: [
          { field: 'city', op: 'eq', value: '杭州' },
          { field: 'spend', op: 'between', value: [100, 500] },
        ],
      },
      incomplete: [],
    });
    expect(JSON.stringify(built.filter)).toBe('{"and":[{"field":"city","op":"eq","value":"杭州"},{"field":"spend","op":"between","value":[100,500]}]}');
  });

  it('uses "or" for any condition, also for a single one', () => {
    expect(buildFilter('or', [c('name', 'contains', '张')], fieldOf).filter).toEqual({ or: [{ field: 'name', op: 'contains', value: '张' }] });
  });

  it('has no filter without conditions', () => {
    expect(buildFilter('and', [], fieldOf)).toEqual({ filter: null, incomplete: [] });
  });

  it('reports conditions that are not filled in, by index', () => {
    const built = buildFilter('and', [c('name', 'eq', '  '), { id: 'x' }, c('city', 'eq', '杭州'), c('spend', 'between', [100, ''])], fieldOf);
    expect(built.incomplete).toEqual([0, 1, 3]);
    expect(built.filter).toEqual({ and: [{ field: 'city', op: 'eq', value: '杭州' }] });
  });

  it('sends "is empty" without a value and "is not empty" as is_empty false', () => {
    expect(conditionToClause(c('addr', 'is_empty'), fieldOf('addr'))).toEqual({ field: 'addr', op: 'is_empty' });
    expect(conditionToClause(c('addr', 'not_empty'), fieldOf('addr'))).toEqual({ field: 'addr', op: 'is_empty', value: false });
  });

  it('trims text, keeps numbers, lists and booleans as they are', () => {
    expect(conditionToClause(c('name', 'starts_with', ' 张 '), fieldOf('name'))).toEqual({ field: 'name', op: 'starts_with', value: '张' });
    expect(conditionToClause(c('spend', 'in', [100, 200]), fieldOf('spend'))?.value).toEqual([100, 200]);
    expect(conditionToClause(c('vip', 'eq', false), fieldOf('vip'))?.value).toBe(false);
    expect(conditionToClause(c('joined', 'within_days', 30), fieldOf('joined'))?.value).toBe(30);
    expect(conditionToClause(c('owner', 'eq', '$me'), fieldOf('owner'))?.value).toBe('$me');
  });

  it('refuses an operator the field does not have', () => {
    expect(conditionToClause(c('addr', 'eq', 'x'), fieldOf('addr'))).toBeNull();
    expect(conditionToClause(c('vip', 'contains', 'x'), fieldOf('vip'))).toBeNull();
  });
});

describe('valueKind', () => {
  it('picks the input by type and operator', () => {
    expect(valueKind(fieldOf('name'), 'eq')).toBe('text');
    expect(valueKind(fieldOf('name'), 'in')).toBe('texts');
    expect(valueKind(fieldOf('city'), 'eq')).toBe('choice');
    expect(valueKind(fieldOf('city'), 'not_in')).toBe('choices');
    expect(valueKind(fieldOf('spend'), 'gte')).toBe('number');
    expect(valueKind(fieldOf('spend'), 'between')).toBe('numberRange');
    expect(valueKind(fieldOf('spend'), 'in')).toBe('numbers');
    expect(valueKind(fieldOf('joined'), 'before')).toBe('date');
    expect(valueKind(fieldOf('joined'), 'between')).toBe('dateRange');
    expect(valueKind(fieldOf('joined'), 'within_days')).toBe('days');
    expect(valueKind(fieldOf('createdAt'), 'after')).toBe('datetime');
    expect(valueKind(fieldOf('createdAt'), 'between')).toBe('datetimeRange');
    expect(valueKind(fieldOf('vip'), 'eq')).toBe('boolean');
    expect(valueKind(fieldOf('owner'), 'eq')).toBe('member');
    expect(valueKind(fieldOf('owner'), 'in')).toBe('members');
    expect(valueKind(fieldOf('tags'), 'contains')).toBe('text');
    expect(valueKind(fieldOf('addr'), 'is_empty')).toBe('none');
    expect(valueKind(fieldOf('name'), 'not_empty')).toBe('none');
    expect(valueKind(undefined, 'eq')).toBe('none');
  });

  it('knows when a value is complete', () => {
    expect(isValueComplete('days', 7)).toBe(true);
    expect(isValueComplete('days', 1.5)).toBe(false);
    expect(isValueComplete('numberRange', [1, 2])).toBe(true);
    expect(isValueComplete('numberRange', [1])).toBe(false);
    expect(isValueComplete('choices', [])).toBe(false);
    expect(isValueComplete('boolean', false)).toBe(true);
    expect(isValueComplete('number', Number.NaN)).toBe(false);
  });
});

describe('editing a condition', () => {
  it('a new field takes its first operator and drops the value', () => {
    expect(withField(c('name', 'contains', 'x'), fieldOf('spend'))).toEqual({ id: 'name', field: 'spend', op: 'eq', value: undefined });
  });

  it('a new operator keeps a value of the same kind only', () => {
    expect(withOp(c('spend', 'eq', 5), 'gt', fieldOf('spend')).value).toBe(5);
    expect(withOp(c('spend', 'eq', 5), 'between', fieldOf('spend')).value).toBeUndefined();
  });
});

describe('file fields', () => {
  const photos: FieldDefinition = { key: 'photos', label: '照片', type: 'image', options: { maxFiles: 9 } };
  const contract: FieldDefinition = { key: 'contract', label: '合同', type: 'attachment' };

  it('filter by "is empty" only, without a value', () => {
    expect(withField(c('name', 'eq', 'x'), photos)).toEqual({ id: 'name', field: 'photos', op: 'is_empty', value: undefined });
    expect(valueKind(photos, 'is_empty')).toBe('none');
    expect(conditionToClause(c('photos', 'is_empty'), photos)).toEqual({ field: 'photos', op: 'is_empty' });
    expect(conditionToClause(c('contract', 'not_empty'), contract)).toEqual({ field: 'contract', op: 'is_empty', value: false });
    // what the server refuses is never sent
    expect(conditionToClause(c('contract', 'contains', 'pdf'), contract)).toBeNull();
    expect(conditionToClause(c('photos', 'eq', 'x'), photos)).toBeNull();
  });
});

describe('department fields', () => {
  const dept: FieldDefinition = { key: 'dept', label: '部门', type: 'department' };
  const depts: FieldDefinition = { key: 'depts', label: '协作部门', type: 'department', options: { multiple: true } };

  it('pick a department (or several for "is any of") from the tree', () => {
    expect(valueKind(dept, 'eq')).toBe('department');
    expect(valueKind(dept, 'ne')).toBe('department');
    expect(valueKind(dept, 'in')).toBe('departments');
    expect(valueKind(depts, 'contains')).toBe('department');
    expect(valueKind(depts, 'not_in')).toBe('departments');
    expect(valueKind(dept, 'is_empty')).toBe('none');
    expect(isValueComplete('departments', [])).toBe(false);
    expect(isValueComplete('departments', ['d1'])).toBe(true);
  });

  it('send "my departments" and "my departments and below" with eq and ne only', () => {
    expect(isDepartmentToken(MY_DEPARTMENTS)).toBe(true);
    expect(isDepartmentToken(MY_DEPARTMENTS_AND_BELOW)).toBe(true);
    expect(isDepartmentToken('$me')).toBe(false);
    expect(allowsDepartmentTokens('eq')).toBe(true);
    expect(allowsDepartmentTokens('ne')).toBe(true);
    expect(allowsDepartmentTokens('contains')).toBe(false);
    expect(conditionToClause(c('dept', 'eq', '$myDepartments'), dept)).toEqual({ field: 'dept', op: 'eq', value: '$myDepartments' });
    expect(conditionToClause(c('depts', 'ne', '$myDepartmentsAndBelow'), depts)).toEqual({ field: 'depts', op: 'ne', value: '$myDepartmentsAndBelow' });
    // the server refuses them elsewhere: such a condition is not filled in yet
    expect(conditionToClause(c('depts', 'contains', '$myDepartments'), depts)).toBeNull();
    expect(conditionToClause(c('dept', 'in', ['$myDepartments']), dept)).toEqual({ field: 'dept', op: 'in', value: ['$myDepartments'] });
    expect(conditionToClause(c('dept', 'eq', 'd-sales'), dept)).toEqual({ field: 'dept', op: 'eq', value: 'd-sales' });
    const built = buildFilter('and', [c('depts', 'contains', '$myDepartments')], (k) => (k === 'depts' ? depts : undefined));
    expect(built.incomplete).toEqual([0]);
  });

  it('keep the value from eq to ne, drop "my departments" where the operator cannot take it', () => {
    expect(withOp(c('dept', 'eq', '$myDepartments'), 'ne', dept).value).toBe('$myDepartments');
    expect(withOp(c('depts', 'eq', '$myDepartments'), 'contains', depts).value).toBeUndefined();
    expect(withOp(c('depts', 'eq', 'd-sales'), 'contains', depts).value).toBe('d-sales');
    expect(withOp(c('dept', 'eq', 'd-sales'), 'in', dept).value).toBeUndefined();
  });
});

describe('conditions on the records a relation points to', () => {
  const customer: FieldDefinition = { key: 'customer', label: '客户', type: 'relation', options: { form: 'customer' } };
  const level: FieldDefinition = { key: 'level', label: '等级', type: 'select', required: true, options: { choices: [{ value: 'gold' }, { value: 'diamond' }] } };
  const spend: FieldDefinition = { key: 'spend', label: '累计消费', type: 'money' };

  it('offers each field of the related form under its path, and filters by it in the filter language', () => {
    const related = relatedFields(customer, [level, spend]);
    expect(related.map((f) => [f.key, f.label, f.type])).toEqual([['customer.level', '客户 · 等级', 'select'], ['customer.spend', '客户 · 累计消费', 'money']]);
    expect(related[0].required).toBe(false);
    const fieldOf = (key: string) => related.find((f) => f.key === key);
    const built = buildFilter('and', [{ id: 'a', field: 'customer.level', op: 'eq', value: 'diamond' }, { id: 'b', field: 'customer.spend', op: 'gt', value: 5000 }], fieldOf);
    expect(built.filter).toEqual({ and: [{ field: 'customer.level', op: 'eq', value: 'diamond' }, { field: 'customer.spend', op: 'gt', value: 5000 }] });
    // a saved view's filter comes back into the builder on the same paths
    expect(conditionsOf(built.filter)?.conditions.map((c) => c.field)).toEqual(['customer.level', 'customer.spend']);
  });
});
