import { Button, Checkbox, Divider, Flex, Popover, Typography } from 'antd';
import { TableOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { defaultColumns } from './columnPrefs';
import type { FieldDefinition } from './types';

/** Which fields the grid shows. */
export function ColumnChooser({ fields, value, onChange }: { fields: readonly FieldDefinition[]; value: readonly string[]; onChange: (keys: string[]) => void }) {
  const { t } = useTranslation();
  const content = (
    <div style={{ maxWidth: 280 }} data-testid="records-columns-panel">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('records.columns.hint')}
      </Typography.Text>
      <div style={{ maxHeight: 320, overflowY: 'auto', marginTop: 8 }}>
        <Checkbox.Group value={[...value]} onChange={(keys) => onChange(fields.map((f) => f.key).filter((k) => keys.includes(k)))}>
          <Flex vertical gap={4}>
            {fields.map((f) => (
              <Checkbox key={f.key} value={f.key} data-testid={`records-column-${f.key}`}>
                {f.label}
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      </div>
      <Divider style={{ margin: '8px 0' }} />
      <Flex gap={8}>
        <Button size="small" onClick={() => onChange(fields.map((f) => f.key))}>
          {t('records.columns.all')}
        </Button>
        <Button size="small" onClick={() => onChange(defaultColumns(fields))}>
          {t('records.columns.reset')}
        </Button>
      </Flex>
    </div>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight">
      <Button icon={<TableOutlined />} data-testid="records-columns">
        {t('records.columns.button')}
      </Button>
    </Popover>
  );
}
