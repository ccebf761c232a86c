import { DatePicker, Input, InputNumber, Rate, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { choicesOf, isMultiple } from './fieldTypes';
import { AddressInput } from './AddressInput';
import { DepartmentSelect } from './DepartmentSelect';
import { FileInput } from './FileInput';
import { MemberSelect } from './MemberSelect';
import { DATE_FORMAT, type AddressFormValue } from './recordValues';
import { RelationSelect } from './RelationSelect';
import { SignaturePad } from './SignaturePad';
import { SubformInput } from './SubformInput';
import type { FieldDefinition } from './types';

export const DATETIME_FORMAT = 'YYYY-MM-DD HH:mm';

export interface FieldInputProps {
  field: FieldDefinition;
  /** set by Form.Item (or a sub-form cell): the value in its form shape (see recordValues) */
  value?: unknown;
  onChange?: (value: unknown) => void;
  id?: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

/** The input for one field by its type; Form.Item hands it value and onChange. */
export function FieldInput({ field, value, onChange, id }: FieldInputProps) {
  const change = (v: unknown) => onChange?.(v);
  const maxLength = field.validation?.maxLength;
  switch (field.type) {
    case 'textarea':
      return <Input.TextArea id={id} value={str(value)} onChange={(e) => change(e.target.value)} autoSize={{ minRows: 2, maxRows: 8 }} maxLength={maxLength} />;
    case 'richtext':
      // HTML source for now: a rich editor is a dependency of its own
      return <Input.TextArea id={id} value={str(value)} onChange={(e) => change(e.target.value)} rows={5} maxLength={maxLength} />;
    case 'number':
    case 'money':
    case 'percent':
      return (
        <InputNumber<string>
          id={id}
          stringMode
          value={value === null || value === undefined ? null : str(value)}
          onChange={(v) => change(v)}
          min={field.validation?.min === undefined ? undefined : String(field.validation.min)}
          max={field.validation?.max === undefined ? undefined : String(field.validation.max)}
          prefix={field.type === 'money' ? '¥' : undefined}
          suffix={field.type === 'percent' ? '%' : undefined}
          style={{ width: '100%' }}
        />
      );
    case 'rating':
      return <Rate id={id} count={field.options?.max ?? 5} value={typeof value === 'number' ? value : 0} onChange={(v) => change(v || null)} />;
    case 'date':
      return <DatePicker id={id} value={(value as Dayjs | undefined) ?? null} onChange={(d) => change(d ?? null)} format={DATE_FORMAT} style={{ width: '100%' }} />;
    case 'datetime':
      return (
        <DatePicker
          id={id}
          showTime={{ format: 'HH:mm' }}
          value={(value as Dayjs | undefined) ?? null}
          onChange={(d) => change(d ?? null)}
          format={DATETIME_FORMAT}
          style={{ width: '100%' }}
        />
      );
    case 'boolean':
      return <Switch id={id} checked={value === true} onChange={(v) => change(v)} />;
    case 'select':
    case 'multiselect':
    case 'tags':
      return (
        <Select
          id={id}
          mode={field.type === 'multiselect' ? 'multiple' : field.type === 'tags' ? 'tags' : undefined}
          value={value ?? undefined}
          onChange={change}
          options={choicesOf(field).map((c) => ({ value: c.value, label: c.label }))}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: '100%' }}
        />
      );
    case 'phone':
      return <Input id={id} value={str(value)} onChange={(e) => change(e.target.value)} inputMode="tel" autoComplete="tel" maxLength={maxLength} />;
    case 'email':
      // inputMode, not type=email: the browser's own check would block the save before the server's message shows
      return <Input id={id} value={str(value)} onChange={(e) => change(e.target.value)} inputMode="email" autoComplete="email" maxLength={maxLength} />;
    case 'url':
      return <Input id={id} value={str(value)} onChange={(e) => change(e.target.value)} inputMode="url" maxLength={maxLength} />;
    case 'address':
      return <AddressInput id={id} value={value as AddressFormValue | undefined} onChange={change} />;
    case 'member':
      return <MemberSelect id={id} value={value as string | string[] | undefined} onChange={change} multiple={isMultiple(field)} />;
    case 'department':
      return <DepartmentSelect id={id} value={value as string | string[] | undefined} onChange={change} multiple={isMultiple(field)} />;
    case 'relation':
      return <RelationSelect id={id} field={field} value={value as string | string[] | undefined} onChange={change} multiple={isMultiple(field)} />;
    case 'signature':
      return <SignaturePad id={id} value={value as string | undefined} onChange={change} />;
    case 'attachment':
    case 'image':
      return <FileInput id={id} field={field} value={value} onChange={change} />;
    case 'subform':
      return <SubformInput field={field} value={value as Record<string, unknown>[] | undefined} onChange={change} />;
    default:
      return <Input id={id} value={str(value)} onChange={(e) => change(e.target.value)} maxLength={maxLength} />;
  }
}
