import { useState } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../api';
import { buildDepartmentTree, type DepartmentNode } from '../admin/departments/tree';
import { useDepartments } from '../admin/departments/useDepartments';
import { isDepartmentToken, MY_DEPARTMENTS, MY_DEPARTMENTS_AND_BELOW } from './filter';
import { shortId } from './format';
import { useRecordsScope } from './scope';

export interface DepartmentTreeOption {
  value: string;
  /** the name: what the search matches */
  title: string;
  children?: DepartmentTreeOption[];
}

/**
 * The options of a department picker: the tree of the workspace's departments, after `extra`
 * options on top (the "my departments" of filters); ids of `selected` the tree does not know (a
 * deleted department, a list that failed to load) still show, shortened.
 */
export function departmentTreeOptions(
  list: readonly Department[],
  selected: readonly string[],
  extra: readonly DepartmentTreeOption[] = [],
): DepartmentTreeOption[] {
  const toOption = (n: DepartmentNode): DepartmentTreeOption => ({
    value: n.department.id,
    title: n.department.name,
    ...(n.children.length ? { children: n.children.map(toOption) } : {}),
  });
  const known = new Set([...list.map((d) => d.id), ...extra.map((e) => e.value)]);
  const unknown = selected.filter((v, i) => !known.has(v) && selected.indexOf(v) === i).map((v) => ({ value: v, title: shortId(v) }));
  return [...extra, ...buildDepartmentTree(list).map(toOption), ...unknown];
}

interface DepartmentSelectProps {
  id?: string;
  value?: string | string[] | null;
  onChange?: (v: string | string[] | undefined) => void;
  multiple?: boolean;
  /** filters with eq / ne: offer "my departments" and "my departments and below" */
  allowMine?: boolean;
  status?: 'error';
}

/** Picks one department (or several) from the workspace's tree, searchable by name. */
export function DepartmentSelect({ id, value, onChange, multiple = false, allowMine = false, status }: DepartmentSelectProps) {
  const { t } = useTranslation();
  const { workspaceId } = useRecordsScope();
  const departments = useDepartments(workspaceId, !!workspaceId);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [search, setSearch] = useState('');
  const list = departments.data ?? [];
  const parents = list.filter((d) => list.some((c) => c.parentId === d.id)).map((d) => d.id);
  const selected = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
  const mine: DepartmentTreeOption[] =
    allowMine || selected.some(isDepartmentToken)
      ? [
          { value: MY_DEPARTMENTS, title: t('records.filter.myDepartments') },
          { value: MY_DEPARTMENTS_AND_BELOW, title: t('records.filter.myDepartmentsAndBelow') },
        ]
      : [];
  return (
    <TreeSelect<string | string[]>
      id={id}
      multiple={multiple}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={departmentTreeOptions(list, selected, mine)}
      // all open (also once the list arrives) until the user closes one; a search opens what it finds
      treeExpandedKeys={search ? undefined : (expanded ?? parents)}
      onTreeExpand={(keys) => setExpanded(keys.map(String))}
      loading={departments.isPending && !!workspaceId}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title', onSearch: setSearch }}
      notFoundContent={departments.isError ? t('records.form.departmentsUnavailable') : undefined}
      popupMatchSelectWidth={false}
      style={{ width: '100%', minWidth: 160 }}
      status={status}
      data-testid="department-select"
    />
  );
}
