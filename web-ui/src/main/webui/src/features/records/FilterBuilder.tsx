import { useState } from 'react';
import { Button, Card, Flex, Segmented, Select, Tooltip, Typography } from 'antd';
import { CloseOutlined, FilterOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { operatorsFor } from './fieldTypes';
import { buildFilter, newCondition, valueKind, withField, withOp, type EditableFilter, type FilterCondition, type FilterNode, type Match } from './filter';
import { FilterValueInput } from './FilterValueInput';
import type { FieldDefinition } from './types';

interface FilterBuilderProps {
  /** the form's fields and the record properties (createdAt, updatedAt) */
  fields: readonly FieldDefinition[];
  /** how many conditions the list is filtered by now */
  activeCount: number;
  onApply: (filter: FilterNode | null, count: number) => void;
  /** the conditions it starts with (a saved view's filter); read once, as the builder mounts */
  initial?: EditableFilter | null;
}

/** Conditions on fields, all or any of them, applied to the list on demand (not on every key). */
export function FilterBuilder({ fields, activeCount, onApply, initial }: FilterBuilderProps) {
  const { t } = useTranslation();
  const [match, setMatch] = useState<Match>(initial?.match ?? 'and');
  const [conditions, setConditions] = useState<FilterCondition[]>(initial?.conditions ?? []);
  const [incomplete, setIncomplete] = useState<number[]>([]);
  const fieldOf = (key: string | undefined) => fields.find((f) => f.key === key);

  const set = (i: number, c: FilterCondition) => {
    setConditions((cs) => cs.map((x, j) => (j === i ? c : x)));
    setIncomplete((xs) => xs.filter((x) => x !== i));
  };
  const remove = (i: number) => {
    setConditions((cs) => cs.filter((_, j) => j !== i));
    setIncomplete([]);
  };
  const apply = () => {
    const built = buildFilter(match, conditions, fieldOf);
    setIncomplete(built.incomplete);
    if (built.incomplete.length > 0) return;
    onApply(built.filter, conditions.length);
  };
  const clear = () => {
    setConditions([]);
    setIncomplete([]);
    onApply(null, 0);
  };

  const fieldOptions = fields.map((f) => ({ value: f.key, label: f.label }));

  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="records-filter">
      <Flex vertical gap={8}>
        {conditions.length > 0 && (
          <Flex align="center" gap={8}>
            <Typography.Text>{t('records.filter.match')}</Typography.Text>
            <Segmented<Match>
              size="small"
              value={match}
              onChange={setMatch}
              options={[
                { value: 'and', label: <span data-testid="records-filter-and">{t('records.filter.and')}</span> },
                { value: 'or', label: <span data-testid="records-filter-or">{t('records.filter.or')}</span> },
              ]}
              data-testid="records-filter-match"
            />
          </Flex>
        )}
        {conditions.map((c, i) => {
          const field = fieldOf(c.field);
          const kind = valueKind(field, c.op);
          const bad = incomplete.includes(i);
          return (
            <Flex key={c.id} gap={8} align="center" wrap data-testid="records-filter-condition">
              {/* test ids on wrappers: tests find the select or input inside */}
              <div data-testid={`records-filter-field-${i}`}>
                <Select
                  value={c.field}
                  onChange={(key: string) => set(i, withField(c, fieldOf(key)))}
                  options={fieldOptions}
                  placeholder={t('records.filter.field')}
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ width: 180 }}
                  status={bad && !field ? 'error' : undefined}
                />
              </div>
              <div data-testid={`records-filter-op-${i}`}>
                <Select
                  value={c.op}
                  onChange={(op) => set(i, withOp(c, op, field))}
                  options={(field ? operatorsFor(field) : []).map((op) => ({ value: op, label: t(`records.op.${op}`) }))}
                  placeholder={t('records.filter.op')}
                  disabled={!field}
                  style={{ width: 140 }}
                />
              </div>
              {field && kind !== 'none' && (
                <div data-testid={`records-filter-value-${i}`}>
                  <FilterValueInput field={field} kind={kind} op={c.op} value={c.value} onChange={(value) => set(i, { ...c, value })} onSubmit={apply} invalid={bad} />
                </div>
              )}
              <Tooltip title={t('records.filter.remove')}>
                <Button type="text" icon={<CloseOutlined />} aria-label={t('records.filter.remove')} onClick={() => remove(i)} data-testid={`records-filter-remove-${i}`} />
              </Tooltip>
            </Flex>
          );
        })}
        <Flex gap={8} align="center" wrap>
          <Button icon={<PlusOutlined />} onClick={() => setConditions((cs) => [...cs, newCondition()])} data-testid="records-filter-add">
            {t('records.filter.add')}
          </Button>
          {(conditions.length > 0 || activeCount > 0) && (
            <>
              <Button type="primary" icon={<FilterOutlined />} onClick={apply} data-testid="records-filter-apply">
                {t('records.filter.apply')}
              </Button>
              <Button onClick={clear} data-testid="records-filter-clear">
                {t('records.filter.clear')}
              </Button>
            </>
          )}
          {incomplete.length > 0 ? (
            <Typography.Text type="danger" data-testid="records-filter-incomplete">
              {t('records.filter.incomplete')}
            </Typography.Text>
          ) : (
            activeCount > 0 && (
              <Typography.Text type="secondary" data-testid="records-filter-active">
                {t('records.filter.active', { count: activeCount })}
              </Typography.Text>
            )
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
