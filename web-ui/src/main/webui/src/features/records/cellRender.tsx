import { Rate, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { choiceLabel, choicesOf } from './fieldTypes';
import { formatValue, isEmptyValue, stripHtml, type ValueLabels } from './format';
import type { FieldDefinition } from './types';

function ChoiceTag({ field, value }: { field: FieldDefinition; value: string }) {
  const color = choicesOf(field).find((c) => c.value === value)?.color;
  return (
    <Tag color={color} style={{ marginInlineEnd: 4 }}>
      {choiceLabel(field, value)}
    </Tag>
  );
}

/** One value in the grid or the drawer: tags for choices, a picture for a signature, text otherwise. */
export function CellValue({ field, value, labels, full = false }: { field: FieldDefinition; value: unknown; labels: ValueLabels; full?: boolean }) {
  const { t } = useTranslation();
  if (isEmptyValue(value)) return <Typography.Text type="secondary">-</Typography.Text>;
  switch (field.type) {
    case 'select':
      return <ChoiceTag field={field} value={String(value)} />;
    case 'multiselect':
    case 'tags':
      return (
        <Space size={[0, 4]} wrap>
          {(Array.isArray(value) ? value : [value]).map((v) => (
            <ChoiceTag key={String(v)} field={field} value={String(v)} />
          ))}
        </Space>
      );
    case 'rating':
      return <Rate disabled count={field.options?.max ?? 5} value={Number(value)} style={{ fontSize: 14 }} />;
    case 'signature':
      return typeof value === 'string' && value.startsWith('data:image/') ? (
        <img src={value} alt={t('records.value.signature')} style={{ height: full ? 80 : 28, maxWidth: '100%', objectFit: 'contain', background: '#fff' }} />
      ) : (
        <Typography.Text type="secondary">{t('records.value.signature')}</Typography.Text>
      );
    case 'subform':
      if (full) return <SubformValue field={field} value={value} labels={labels} />;
      break;
    case 'richtext':
      // text only: the HTML is not ours to run
      if (full) return <div style={{ whiteSpace: 'pre-wrap' }}>{stripHtml(String(value))}</div>;
      break;
    case 'textarea':
      if (full) return <div style={{ whiteSpace: 'pre-wrap' }}>{String(value)}</div>;
      break;
  }
  const text = formatValue(field, value, { t, ...labels });
  return full ? <span>{text}</span> : <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: 240 }}>{text}</Typography.Text>;
}

function SubformValue({ field, value, labels }: { field: FieldDefinition; value: unknown; labels: ValueLabels }) {
  const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  const columns = field.options?.fields ?? [];
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="records-subform-value" style={{ borderCollapse: 'collapse', fontSize: 13 }}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} style={{ textAlign: 'start', padding: '2px 8px', borderBottom: '1px solid #f0f0f0', fontWeight: 500 }}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c.key} style={{ padding: '2px 8px', borderBottom: '1px solid #f0f0f0' }}>
                  <CellValue field={c} value={row?.[c.key]} labels={labels} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
