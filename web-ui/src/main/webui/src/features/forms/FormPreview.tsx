import { useState } from 'react';
import { Empty, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FieldInput } from '../records/fieldInputs';
import { FileInput } from '../records/FileInput';
import { initialFormValues } from '../records/recordValues';
import { RecordsScopeContext } from '../records/scope';
import { isComputed, isFileType } from './fieldTypes';
import type { FieldDefinition } from './types';

/**
 * The draft as an operator will see it: the same inputs the records page uses, live, with nothing
 * saved. Computed fields are listed without an input, file fields with their upload area disabled.
 */
export function FormPreview({ workspaceId, appId, fields }: { workspaceId: string; appId: string; fields: FieldDefinition[] }) {
  const { t } = useTranslation();
  // a new record starts from the designer's defaults: so does its preview
  const [values, setValues] = useState<Record<string, unknown>>(() => initialFormValues(fields));
  if (fields.length === 0) return <Empty description={t('forms.designer.canvasEmpty')} />;
  return (
    <RecordsScopeContext.Provider value={{ workspaceId, appId }}>
      <Form layout="vertical" style={{ maxWidth: 640 }} data-testid="designer-preview">
        {fields.map((f) => (
          <Form.Item key={f.key} label={f.label} required={!!f.required} extra={f.help}>
            {isComputed(f.type) ? (
              <Typography.Text type="secondary">{t('forms.prop.computedNote')}</Typography.Text>
            ) : isFileType(f.type) ? (
              // nothing to upload to before the form is published: the area as it will look
              <FileInput field={f} disabled />
            ) : (
              <FieldInput field={f} value={values[f.key]}
                onChange={(v) => setValues((old) => ({ ...old, [f.key]: v }))} />
            )}
          </Form.Item>
        ))}
      </Form>
    </RecordsScopeContext.Provider>
  );
}
