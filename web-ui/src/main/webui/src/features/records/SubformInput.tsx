import { Button, Empty, Flex, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { subformColumns } from './fieldTypes';
import { FieldInput } from './fieldInputs';
import type { FieldDefinition } from './types';

type Row = Record<string, unknown>;

const DEFAULT_MAX_ROWS = 200;

/** The rows of a sub-form, one input per column; the server checks each row like a small record. */
export function SubformInput({ field, value, onChange }: { field: FieldDefinition; value?: Row[]; onChange?: (rows: Row[]) => void }) {
  const { t } = useTranslation();
  const rows = value ?? [];
  const columns = subformColumns(field);
  const maxRows = field.validation?.maxRows ?? DEFAULT_MAX_ROWS;
  const setCell = (i: number, key: string, v: unknown) => onChange?.(rows.map((r, j) => (j === i ? { ...r, [key]: v } : r)));

  return (
    <div data-testid={`record-subform-${field.key}`}>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ margin: '4px 0' }} />
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table style={{ borderCollapse: 'collapse', width: '100%' }}>
            <thead>
              <tr>
                <th style={{ width: 32 }} />
                {columns.map((c) => (
                  <th key={c.key} style={{ textAlign: 'start', fontWeight: 500, padding: '4px 6px', minWidth: 140 }}>
                    {c.required && <Typography.Text type="danger">* </Typography.Text>}
                    {c.label}
                  </th>
                ))}
                <th style={{ width: 40 }} />
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i} data-testid="record-subform-row">
                  <td style={{ color: '#8c8c8c', textAlign: 'center' }}>{i + 1}</td>
                  {columns.map((c) => (
                    <td key={c.key} style={{ padding: '4px 6px', verticalAlign: 'top' }} data-testid={`record-subform-cell-${c.key}`}>
                      <FieldInput field={c} value={row[c.key]} onChange={(v) => setCell(i, c.key, v)} />
                    </td>
                  ))}
                  <td style={{ verticalAlign: 'top', paddingTop: 4 }}>
                    <Tooltip title={t('records.form.removeRow')}>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('records.form.removeRow')}
                        onClick={() => onChange?.(rows.filter((_, j) => j !== i))}
                        data-testid="record-subform-remove"
                      />
                    </Tooltip>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Flex>
        <Button type="dashed" icon={<PlusOutlined />} onClick={() => onChange?.([...rows, {}])} disabled={rows.length >= maxRows} data-testid={`record-subform-${field.key}-add`}>
          {t('records.form.addRow')}
        </Button>
      </Flex>
    </div>
  );
}
