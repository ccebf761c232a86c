import { DatePicker, Flex, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DATETIME_FORMAT } from './fieldInputs';
import { choicesOf } from './fieldTypes';
import { DepartmentSelect } from './DepartmentSelect';
import { allowsDepartmentTokens, type FilterScalar, type FilterValue, type ValueKind } from './filter';
import type { FilterOp } from './fieldTypes';
import { MemberSelect } from './MemberSelect';
import { DATE_FORMAT } from './recordValues';
import { RelationSelect } from './RelationSelect';
import type { FieldDefinition } from './types';

interface FilterValueInputProps {
  field: FieldDefinition;
  kind: ValueKind;
  /** the condition's operator: department fields offer "my departments" with eq and ne only */
  op?: FilterOp;
  value: FilterValue;
  onChange: (value: FilterValue) => void;
  /** Enter in a text box applies the filter */
  onSubmit: () => void;
  invalid: boolean;
}

const toDay = (v: unknown): Dayjs | null => (typeof v === 'string' && v ? dayjs(v) : null);
const pair = (v: FilterValue): [FilterScalar | undefined, FilterScalar | undefined] => (Array.isArray(v) ? [v[0], v[1]] : [undefined, undefined]);
const WIDTH = 220;

/** The value box of a filter condition; what it holds is already the filter language's value. */
export function FilterValueInput({ field, kind, op, value, onChange, onSubmit, invalid }: FilterValueInputProps) {
  const { t } = useTranslation();
  const status = invalid ? ('error' as const) : undefined;
  const style = { width: WIDTH };
  switch (kind) {
    case 'none':
      return null;
    case 'number':
    case 'days':
      return (
        <InputNumber<number>
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange(v ?? undefined)}
          onPressEnter={onSubmit}
          precision={kind === 'days' ? 0 : undefined}
          min={kind === 'days' ? 1 : undefined}
          suffix={kind === 'days' ? t('records.filter.days') : undefined}
          style={style}
          status={status}
        />
      );
    case 'numberRange': {
      const [from, to] = pair(value);
      const set = (i: 0 | 1, v: number | null) => {
        const next: FilterScalar[] = [from ?? '', to ?? ''];
        next[i] = v ?? '';
        onChange(next);
      };
      return (
        <Flex gap={4} align="center">
          <InputNumber<number> value={typeof from === 'number' ? from : null} onChange={(v) => set(0, v)} placeholder={t('records.filter.from')} status={status} style={{ width: 105 }} data-testid="records-filter-from" />
          <span>~</span>
          <InputNumber<number> value={typeof to === 'number' ? to : null} onChange={(v) => set(1, v)} placeholder={t('records.filter.to')} status={status} style={{ width: 105 }} data-testid="records-filter-to" />
        </Flex>
      );
    }
    case 'date':
    case 'datetime':
      return (
        <DatePicker
          value={toDay(value)}
          onChange={(d) => onChange(d ? (kind === 'date' ? d.format(DATE_FORMAT) : d.format()) : undefined)}
          showTime={kind === 'datetime' ? { format: 'HH:mm' } : undefined}
          format={kind === 'date' ? DATE_FORMAT : DATETIME_FORMAT}
          style={style}
          status={status}
        />
      );
    case 'dateRange':
    case 'datetimeRange': {
      const [from, to] = pair(value);
      return (
        <DatePicker.RangePicker
          value={[toDay(from), toDay(to)]}
          onChange={(range) => {
            const [a, b] = range ?? [null, null];
            const out = (d: Dayjs | null) => (d ? (kind === 'dateRange' ? d.format(DATE_FORMAT) : d.format()) : '');
            onChange(a || b ? [out(a), out(b)] : undefined);
          }}
          showTime={kind === 'datetimeRange' ? { format: 'HH:mm' } : undefined}
          format={kind === 'dateRange' ? DATE_FORMAT : DATETIME_FORMAT}
          status={status}
        />
      );
    }
    case 'boolean':
      return (
        <Select
          value={typeof value === 'boolean' ? String(value) : undefined}
          onChange={(v: string) => onChange(v === 'true')}
          options={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
          style={style}
          status={status}
        />
      );
    case 'choice':
    case 'choices':
      return (
        <Select
          mode={kind === 'choices' ? 'multiple' : undefined}
          value={value === null || value === undefined ? undefined : value}
          onChange={(v: FilterValue) => onChange(v)}
          options={choicesOf(field).map((c) => ({ value: c.value, label: c.label }))}
          showSearch={{ optionFilterProp: 'label' }}
          style={style}
          status={status}
        />
      );
    case 'member':
    case 'members':
      return (
        <div style={style}>
          <MemberSelect
            value={value as string | string[] | undefined}
            onChange={(v) => onChange(v)}
            multiple={kind === 'members'}
            allowMe
            status={status}
          />
        </div>
      );
    case 'department':
    case 'departments':
      return (
        <div style={style}>
          <DepartmentSelect
            value={value as string | string[] | undefined}
            onChange={(v) => onChange(v)}
            multiple={kind === 'departments'}
            allowMine={kind === 'department' && allowsDepartmentTokens(op)}
            status={status}
          />
        </div>
      );
    case 'relation':
    case 'relations':
      return (
        <div style={style}>
          <RelationSelect field={field} value={value as string | string[] | undefined} onChange={(v) => onChange(v)} multiple={kind === 'relations'} status={status} />
        </div>
      );
    case 'texts':
    case 'numbers':
      return (
        <Select
          mode="tags"
          value={Array.isArray(value) ? value.map(String) : []}
          onChange={(v: string[]) => onChange(kind === 'numbers' ? v.map(Number).filter(Number.isFinite) : v)}
          tokenSeparators={[',', '，']}
          open={false}
          suffixIcon={null}
          placeholder={t('records.filter.values')}
          style={style}
          status={status}
        />
      );
    default:
      return (
        <Input
          value={typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value)}
          onChange={(e) => onChange(e.target.value)}
          onPressEnter={onSubmit}
          placeholder={t('records.filter.value')}
          style={style}
          status={status}
          allowClear
        />
      );
  }
}
