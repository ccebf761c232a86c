import { useContext, useState } from 'react';
import { Alert, App as AntApp, Button, Flex, Form, theme, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../api/problem';
import { LaidOutFields } from '../forms/LaidOutFields';
import { CellValue } from './cellRender';
import { FieldInput } from './fieldInputs';
import { isComputed } from './fieldTypes';
import type { ValueLabels } from './format';
import { recordProblems } from './problems';
import { changedData, createData, fromFormValue, initialFormValues, toFormValues, type FormValues } from './recordValues';
import { FileScopeContext, UploadTrackerContext, type UploadTracker } from './scope';
import type { FieldDefinition, FormRecord, RecordData } from './types';

interface RecordFormProps {
  fields: readonly FieldDefinition[];
  /** sections and widths (the form's layout); none: one field per row */
  layout?: unknown;
  /** the record to edit; none: a new one */
  record?: FormRecord;
  labels: ValueLabels;
  /** creates (no base) or patches `base` with the changed fields; rejects with the server's problem */
  save: (data: RecordData, base?: FormRecord) => Promise<FormRecord>;
  onSaved: (record: FormRecord) => void;
  onCancel: () => void;
  /** after a 412: the record as it is now */
  reload?: () => Promise<FormRecord | undefined>;
  /** the user filling the form in: member fields that default to "$me" start with them */
  currentUserId?: string;
}

/** Entering and changing a record: an input per field, the server's problems under their fields. */
export function RecordForm({ fields, layout, record, labels, save, onSaved, onCancel, reload, currentUserId }: RecordFormProps) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FormValues>();
  const { token } = theme.useToken();
  // the version the user started from: a background refetch must not move it under their edits
  const [base, setBase] = useState(record);
  const [saving, setSaving] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const [unplaced, setUnplaced] = useState<FieldProblem[]>([]);
  const [conflict, setConflict] = useState(false);
  const editing = !!base;
  const shown = editing ? fields : fields.filter((f) => !isComputed(f));
  // file inputs count their running uploads here; the files of the record being edited are read through it
  const [uploads] = useState<UploadTracker>(() => ({ running: 0 }));
  const fileScope = useContext(FileScopeContext);

  const submit = async () => {
    if (uploads.running > 0) {
      message.warning(t('records.files.waitUploads'));
      return;
    }
    try {
      await form.validateFields();
    } catch {
      return; // the fields show what is missing
    }
    const values = form.getFieldsValue();
    const data = base ? changedData(fields, base.data, values) : createData(fields, values);
    if (base && Object.keys(data).length === 0) {
      message.info(t('records.form.noChanges'));
      onSaved(base);
      return;
    }
    setSaving(true);
    setTopError(null);
    setUnplaced([]);
    try {
      const saved = await save(data, base);
      if (saved.outsideView) message.warning(t('records.form.createdOutsideView'), 8);
      else message.success(base ? t('records.form.saved') : t('records.form.created'));
      onSaved(saved);
    } catch (e) {
      const problems = recordProblems(e, fields, t, values);
      if (problems.conflict) {
        setConflict(true);
        return;
      }
      const names = Object.keys(problems.fields);
      form.setFields(names.map((name) => ({ name, errors: problems.fields[name] })));
      setTopError(problems.message ?? (names.length > 0 ? null : t('errors.unexpected')));
      setUnplaced(problems.unplaced);
      if (names.length > 0) form.scrollToField(names[0], { block: 'center' });
    } finally {
      setSaving(false);
    }
  };

  const doReload = async () => {
    const fresh = await reload?.();
    if (!fresh) return;
    setBase(fresh);
    form.resetFields();
    form.setFieldsValue(toFormValues(fields, fresh.data));
    setConflict(false);
    setTopError(null);
    setUnplaced([]);
    message.success(t('records.form.reloaded'));
  };

  return (
    <FileScopeContext.Provider value={{ ...fileScope, recordId: base?.id }}>
      <UploadTrackerContext.Provider value={uploads}>
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={base ? toFormValues(fields, base.data) : initialFormValues(fields, currentUserId)}
          data-testid="record-form"
          data-mode={editing ? 'edit' : 'create'}
        >
          {conflict && (
            <Alert
              type="warning"
              showIcon
              data-testid="record-conflict"
              title={t('records.form.conflictTitle')}
              description={t('records.form.conflictHint')}
              action={
                reload && (
                  <Button size="small" icon={<ReloadOutlined />} onClick={() => void doReload()} data-testid="record-reload">
                    {t('records.form.reload')}
                  </Button>
                )
              }
              style={{ marginBottom: 16 }}
            />
          )}
          {(topError || unplaced.length > 0) && (
            <Alert
              type="error"
              showIcon
              data-testid="record-error"
              title={topError ?? t('records.form.fixProblems')}
              description={
                unplaced.length > 0 && (
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {unplaced.map((p, i) => (
                      <li key={i}>
                        {p.field && <Typography.Text code>{p.field}</Typography.Text>} {p.message}
                      </li>
                    ))}
                  </ul>
                )
              }
              style={{ marginBottom: 16 }}
            />
          )}
          <LaidOutFields fields={shown} layout={layout} render={(f) =>
            isComputed(f) ? (
              <div key={f.key} data-testid={`record-field-${f.key}`} data-computed="true">
                <Form.Item label={f.label} tooltip={t('records.form.computed')}>
                  <CellValue field={f} value={base?.data[f.key]} labels={labels} full />
                </Form.Item>
              </div>
            ) : (
              <div key={f.key} data-testid={`record-field-${f.key}`}>
                <Form.Item
                  name={f.key}
                  label={f.label}
                  extra={f.help || undefined}
                  rules={
                    f.required && f.type !== 'boolean'
                      ? [
                          {
                            required: true,
                            validator: (_, v) => (fromFormValue(f, v) === null ? Promise.reject(new Error(t('records.form.required', { label: f.label }))) : Promise.resolve()),
                          },
                        ]
                      : undefined
                  }
                >
                  <FieldInput field={f} />
                </Form.Item>
              </div>
            )}
          />
          {/* stays in view at the end of a long form */}
          <Flex justify="flex-end" gap={8} style={{
              position: 'sticky',
              // down over the drawer body's padding, so nothing scrolls by underneath
              bottom: -token.paddingLG,
              marginBottom: -token.paddingLG,
              padding: `12px 0 ${token.paddingLG}px`,
              zIndex: 2,
              background: token.colorBgElevated,
              borderTop: `1px solid ${token.colorSplit}`,
            }}>
            <Button onClick={onCancel} data-testid="record-cancel">
              {t('records.form.cancel')}
            </Button>
            <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="record-save">
              {t('records.form.save')}
            </Button>
          </Flex>
        </Form>
      </UploadTrackerContext.Provider>
    </FileScopeContext.Provider>
  );
}
