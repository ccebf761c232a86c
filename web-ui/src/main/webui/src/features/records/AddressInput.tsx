import { Cascader, Flex, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AddressFormValue } from './recordValues';
import { useDivisions } from './useRecords';
import type { Division } from './types';

const FIELD_NAMES = { label: 'name', value: 'name', children: 'children' } as const;

/** Province / city / district by name (what the server stores and checks), then the street part. */
export function AddressInput({ id, value, onChange }: { id?: string; value?: AddressFormValue; onChange?: (v: AddressFormValue) => void }) {
  const { t } = useTranslation();
  const divisions = useDivisions();
  return (
    <Flex vertical gap={8}>
      <Cascader<Division>
        id={id}
        options={divisions.data ?? []}
        fieldNames={FIELD_NAMES}
        loading={divisions.isPending}
        value={value?.region}
        onChange={(region) => onChange?.({ ...value, region: (region as string[] | undefined) ?? undefined })}
        // a province alone (or province and city) is a valid address too
        changeOnSelect
        showSearch
        placeholder={t('records.form.region')}
        style={{ width: '100%' }}
        data-testid="address-region"
      />
      <Input
        value={value?.detail ?? ''}
        onChange={(e) => onChange?.({ ...value, detail: e.target.value })}
        placeholder={t('records.form.detail')}
        maxLength={200}
        data-testid="address-detail"
      />
    </Flex>
  );
}
