import { useState } from 'react';
import { Empty, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FieldInput } from '../records/fieldInputs';
import { FileInput } from '../records/FileInput';
import { initialFormValues } from '../records/recordValues';
import { RecordsScopeContext } from '../records/scope';
import { isComputed, isFileType } from './fieldTypes';
import { LaidOutFields } from './LaidOutFields';
import type { FormDraft } from './types';

/**
 * The draft as an operator will see it: the same inputs and layout the records page uses, live, with
 * nothing saved. Computed fields are listed without an input, file fields with their upload area
 * disabled.
 */
export function FormPreview({ workspaceId, appId, draft }: { workspaceId: string; appId: string; draft: FormDraft }) {
  const { t } = useTranslation();
  const { fields, layout } = draft;
  // a new record starts from the designer's defaults: so does its preview
  const [values, setValues] = useState<Record<string, unknown>>(() => initialFormValues(fields));
  if (fields.length === 0) return <Empty description={t('forms.designer.canvasEmpty')} />;
  return (
    <RecordsScopeContext.Provider value={{ workspaceId, appId }}>
      <Form layout="vertical" style={{ maxWidth: 960 }} data-testid="designer-preview">
        <LaidOutFields fields={fields} layout={layout} render={(f) => (
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
        )} />
      </Form>
    </RecordsScopeContext.Provider>
  );
}
