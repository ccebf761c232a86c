import { Alert, Button, Empty, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../api/problem';
import { FormulaEditor } from '../../components/FormulaEditor';
import { FieldInput } from '../records/fieldInputs';
import { CURRENT_USER, fromFormValue, toFormValue } from '../records/recordValues';
import { labelFieldOf, NAMING_TYPES } from '../records/relations';
import type { DesignerField, DesignerSection, DesignerSettings } from './designer';
import { FILE_DEFAULTS, isComputed, isFileType, keyFromLabel, MAX_FILES_LIMIT, MAX_SIZE_MB_LIMIT, normalizeAccept } from './fieldTypes';
import { formKeys, formsApi } from './formsApi';
import { SPANS, type Span } from './layout';
import type { Choice, FieldDefinition, FieldOptions, FieldType, FieldValidation, FormSummary } from './types';

const SCALAR: ReadonlySet<FieldType> = new Set(['text', 'textarea', 'number', 'money', 'percent', 'date', 'datetime', 'select', 'phone', 'email', 'url', 'rating', 'serial']);
const NUMERIC: ReadonlySet<FieldType> = new Set(['number', 'money', 'percent']);
/** What a new record may start with: typed values, not references to other things or uploads. */
const DEFAULTABLE: ReadonlySet<FieldType> = new Set(['text', 'textarea', 'richtext', 'number', 'money', 'percent', 'date', 'datetime', 'boolean', 'select', 'multiselect', 'phone', 'email', 'url', 'rating', 'tags', 'member']);
const COLUMN_TYPES: readonly FieldType[] = ['text', 'textarea', 'number', 'money', 'percent', 'date', 'boolean', 'phone'];

/** Sample values the formula check evaluates with, one per field by its type. */
export function formulaSamples(fields: readonly FieldDefinition[]): Record<string, unknown> {
  const samples: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.type === 'formula') continue;
    samples[f.key] = NUMERIC.has(f.type) || f.type === 'rating' || f.type === 'rollup' ? 1
      : f.type === 'boolean' ? true
      : f.type === 'date' ? '2026-01-01'
      : f.type === 'datetime' ? '2026-01-01T00:00:00Z'
      : f.type === 'multiselect' || f.type === 'tags' || isFileType(f.type) ? []
      : '';
  }
  return samples;
}

interface Props {
  workspaceId: string;
  appId: string;
  formKey: string;
  item: DesignerField | null;
  all: DesignerField[];
  published: boolean;
  /** option values of this field as published: records hold them, so they are not edited (labels are) */
  publishedChoices?: ReadonlySet<string>;
  forms: FormSummary[];
  problems: FieldProblem[];
  onChange: (change: Partial<FieldDefinition>) => void;
  onSpan: (span: Span) => void;
}

/** The selected field's properties: what every field has, then what its type needs. */
export function PropertyPanel({ workspaceId, appId, formKey, item, all, published, publishedChoices, forms, problems, onChange, onSpan }: Props) {
  const { t } = useTranslation();
  if (!item) return <Empty description={t('forms.designer.noSelection')} />;
  const f = item.field;
  const computed = isComputed(f.type);
  const options = f.options ?? {};
  const validation = f.validation ?? {};
  const setOptions = (change: Partial<FieldOptions>) => onChange({ options: { ...options, ...change } });
  const setValidation = (change: Partial<FieldValidation>) => {
    const next: FieldValidation = { ...validation, ...change };
    for (const k of Object.keys(next) as (keyof FieldValidation)[]) if (next[k] === null || next[k] === undefined) delete next[k];
    onChange({ validation: Object.keys(next).length ? next : undefined });
  };
  const others = all.filter((x) => x.uid !== item.uid).map((x) => x.field);
  const problemOf = (suffix: string) => problems.find((p) => p.field.replace(/^fields\[\d+\]/, '') === suffix)?.message;
  // a default's problem may be about one of its items (".default[1]"): it still belongs under the default
  const defaultProblem = problems.find((p) => /^\.default(\[|\.|$)/.test(p.field.replace(/^fields\[\d+\]/, '')))?.message;
  const status = (suffix: string) => (problemOf(suffix) ? ('error' as const) : undefined);

  return (
    <Form layout="vertical" size="small" data-testid="designer-properties" key={item.uid}>
      <Form.Item label={t('forms.prop.label')} validateStatus={status('.label')} help={problemOf('.label')}>
        <Input value={f.label} maxLength={100} onChange={(e) => onChange({ label: e.target.value })} data-testid="prop-label" />
      </Form.Item>
      <Form.Item label={t('forms.prop.key')} extra={t('forms.prop.keyHelp')} validateStatus={status('.key')} help={problemOf('.key')}>
        <Input value={f.key} maxLength={64} disabled={published} onChange={(e) => onChange({ key: e.target.value })} data-testid="prop-key" />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t('forms.prop.type')}: {t(`forms.type.${f.type}`)}</Typography.Paragraph>
      <Form.Item label={t('forms.prop.width')} extra={t('forms.prop.widthHelp')}>
        <Select<Span> value={item.span} onChange={onSpan} data-testid="prop-width"
          options={SPANS.map((span) => ({ value: span, label: t(`forms.prop.span${span}`) }))} />
      </Form.Item>
      {computed ? (
        <Alert type="info" showIcon message={t('forms.prop.computedNote')} style={{ marginBottom: 12 }} />
      ) : (
        <Space wrap>
          <Form.Item label={t('forms.prop.required')}>
            <Switch checked={!!f.required} onChange={(v) => onChange({ required: v || undefined })} data-testid="prop-required" />
          </Form.Item>
          {SCALAR.has(f.type) && (
            <Form.Item label={t('forms.prop.unique')} validateStatus={status('.unique')} help={problemOf('.unique')}>
              <Switch checked={!!f.unique} onChange={(v) => onChange({ unique: v || undefined })} data-testid="prop-unique" />
            </Form.Item>
          )}
        </Space>
      )}
      {(SCALAR.has(f.type) || f.type === 'boolean') && (
        <Form.Item label={t('forms.prop.indexed')}>
          <Switch checked={!!f.indexed} onChange={(v) => onChange({ indexed: v || undefined })} data-testid="prop-indexed" />
        </Form.Item>
      )}
      {(f.type === 'text' || f.type === 'textarea') && (
        <Space>
          <Form.Item label={t('forms.prop.minLength')}>
            <InputNumber min={0} value={validation.minLength} onChange={(v) => setValidation({ minLength: v ?? undefined })} />
          </Form.Item>
          <Form.Item label={t('forms.prop.maxLength')} validateStatus={status('.validation.maxLength')} help={problemOf('.validation.maxLength')}>
            <InputNumber min={1} value={validation.maxLength} onChange={(v) => setValidation({ maxLength: v ?? undefined })} />
          </Form.Item>
        </Space>
      )}
      {NUMERIC.has(f.type) && (
        <Space wrap>
          <Form.Item label={t('forms.prop.min')}>
            <InputNumber value={validation.min} onChange={(v) => setValidation({ min: v ?? undefined })} data-testid="prop-min" />
          </Form.Item>
          <Form.Item label={t('forms.prop.max')} validateStatus={status('.validation.min')} help={problemOf('.validation.min')}>
            <InputNumber value={validation.max} onChange={(v) => setValidation({ max: v ?? undefined })} data-testid="prop-max" />
          </Form.Item>
          <Form.Item label={t('forms.prop.decimals')}>
            <InputNumber min={0} max={10} value={options.decimals} placeholder={f.type === 'money' ? '2' : undefined}
              onChange={(v) => setOptions({ decimals: v ?? undefined })} />
          </Form.Item>
        </Space>
      )}
      {(f.type === 'select' || f.type === 'multiselect') && (
        <ChoicesEditor choices={options.choices ?? []} locked={publishedChoices} problem={problemOf('.options.choices')} onChange={(choices) => setOptions({ choices })} />
      )}
      {f.type === 'rating' && (
        <Form.Item label={t('forms.prop.ratingMax')}>
          <InputNumber min={1} max={10} value={options.max ?? 5} onChange={(v) => setOptions({ max: v ?? 5 })} />
        </Form.Item>
      )}
      {(f.type === 'member' || f.type === 'department' || f.type === 'relation') && (
        <Form.Item label={t('forms.prop.multiple')}>
          <Switch checked={!!options.multiple} onChange={(v) => setOptions({ multiple: v })} data-testid="prop-multiple" />
        </Form.Item>
      )}
      {f.type === 'relation' && (
        <Form.Item label={t('forms.prop.relationForm')} validateStatus={status('.options.form')} help={problemOf('.options.form')}>
          <FormKeySelect forms={forms} self={formKey} value={options.form} onChange={(form) => setOptions({ form })} testId="prop-relation-form" />
        </Form.Item>
      )}
      {!computed && (
        <>
          <Form.Item label={t('forms.prop.rule')} extra={t('forms.prop.ruleHelp')} validateStatus={status('.validation.rule')}
            help={problemOf('.validation.rule')}>
            <FormulaEditor
              value={validation.rule ?? ''}
              onChange={(rule) => setValidation({ rule: rule.trim() ? rule : undefined })}
              fields={all.map((o) => o.field.key)}
              context={formulaSamples(all.map((o) => o.field))}
              showReference={false}
              testId="prop-rule"
            />
          </Form.Item>
          {validation.rule && (
            <Form.Item label={t('forms.prop.ruleMessage')} validateStatus={status('.validation.message')} help={problemOf('.validation.message')}>
              <Input value={validation.message ?? ''} maxLength={200} placeholder={t('forms.prop.ruleMessagePlaceholder')}
                onChange={(e) => setValidation({ message: e.target.value || undefined })} data-testid="prop-rule-message" />
            </Form.Item>
          )}
        </>
      )}
      {f.type === 'formula' && (
        <>
          <Form.Item label={t('forms.prop.expression')} validateStatus={status('.options.expression')} help={problemOf('.options.expression')}>
            <FormulaEditor
              value={options.expression ?? ''}
              onChange={(expression) => setOptions({ expression })}
              fields={others.filter((o) => o.type !== 'formula').map((o) => o.key)}
              context={formulaSamples(others)}
              showReference={false}
              testId="prop-formula"
            />
          </Form.Item>
          <Form.Item label={t('forms.prop.resultType')}>
            <Select value={options.resultType ?? 'number'} onChange={(resultType) => setOptions({ resultType })}
              options={['number', 'money', 'text', 'boolean', 'date'].map((v) => ({ value: v, label: t(`forms.resultType.${v}`) }))} />
          </Form.Item>
        </>
      )}
      {f.type === 'serial' && (
        <Form.Item label={t('forms.prop.pattern')} extra={t('forms.prop.patternHelp')} validateStatus={status('.options.pattern')} help={problemOf('.options.pattern')}>
          <Input value={options.pattern ?? ''} maxLength={60} onChange={(e) => setOptions({ pattern: e.target.value })} data-testid="prop-pattern" />
        </Form.Item>
      )}
      {f.type === 'rollup' && (
        <RollupEditor workspaceId={workspaceId} appId={appId} formKey={formKey} forms={forms} options={options} problemOf={problemOf} onChange={setOptions} />
      )}
      {f.type === 'lookup' && (
        <LookupEditor workspaceId={workspaceId} appId={appId} forms={forms} relations={others.filter((o) => o.type === 'relation' && !o.options?.multiple)}
          options={options} problemOf={problemOf} onChange={setOptions} />
      )}
      {f.type === 'subform' && <ColumnsEditor columns={options.fields ?? []} onChange={(fields) => setOptions({ fields })} />}
      {isFileType(f.type) && <FileOptionsEditor type={f.type} options={options} problemOf={problemOf} onChange={setOptions} />}
      {DEFAULTABLE.has(f.type) && (
        <Form.Item label={t('forms.prop.default')} extra={f.unique ? t('forms.prop.defaultUnique') : t('forms.prop.defaultHelp')}
          validateStatus={defaultProblem ? 'error' : f.unique && f.default !== undefined ? 'warning' : undefined} help={defaultProblem}>
          <div data-testid="prop-default">
            {f.type === 'member' ? (
              // none, or whoever fills the record in: a fixed person would rarely be right for every record
              <Select allowClear value={f.default !== undefined && f.default !== null ? CURRENT_USER : undefined} placeholder={t('common.none')}
                onChange={(v?: string) => onChange({ default: v ? (f.options?.multiple ? [CURRENT_USER] : CURRENT_USER) : undefined })}
                options={[{ value: CURRENT_USER, label: t('forms.prop.defaultMe') }]} data-testid="prop-default-member" />
            ) : f.type === 'boolean' ? (
              // yes, no, or none: a switch could not go back to "no default"
              <Select allowClear value={f.default === true ? 'yes' : f.default === false ? 'no' : undefined} placeholder={t('common.none')}
                onChange={(v?: string) => onChange({ default: v === 'yes' ? true : v === 'no' ? false : undefined })}
                options={[{ value: 'yes', label: t('common.yes') }, { value: 'no', label: t('common.no') }]} />
            ) : (
              <FieldInput field={f} value={toFormValue(f, f.default)}
                onChange={(v) => {
                  const value = fromFormValue(f, v);
                  onChange({ default: value === null ? undefined : value });
                }} />
            )}
          </div>
        </Form.Item>
      )}
      <Form.Item label={t('forms.prop.help')}>
        <Input value={f.help ?? ''} maxLength={500} onChange={(e) => onChange({ help: e.target.value || undefined })} />
      </Form.Item>
      {problems.filter((p) => !/\.(label|key|unique|options\.\w+|validation\.\w+)$|\.default(\[|\.|$)/.test(p.field)).map((p, i) => (
        <Alert key={i} type="error" showIcon message={p.message} style={{ marginBottom: 8 }} />
      ))}
    </Form>
  );
}

/**
 * The options of a select. A value that was published is what records hold: renaming it would leave
 * them with a value no option has (lost from boards and filters), so only its label changes.
 */
function ChoicesEditor({ choices, locked, problem, onChange }: { choices: Choice[]; locked?: ReadonlySet<string>; problem?: string; onChange: (choices: Choice[]) => void }) {
  const { t } = useTranslation();
  const set = (i: number, change: Partial<Choice>) => onChange(choices.map((c, j) => (j === i ? { ...c, ...change } : c)));
  const anyLocked = choices.some((c) => locked?.has(c.value));
  return (
    <Form.Item label={t('forms.prop.choices')} validateStatus={problem ? 'error' : undefined} help={problem}
      extra={anyLocked ? t('forms.prop.choiceValueLocked') : undefined}>
      {choices.map((c, i) => (
        <Space key={i} style={{ display: 'flex', marginBottom: 4 }}>
          <Input value={c.value} placeholder={t('forms.prop.choiceValue')} maxLength={100} disabled={locked?.has(c.value)}
            onChange={(e) => set(i, { value: e.target.value })} data-testid={`prop-choice-${i}`} />
          <Input value={c.label ?? ''} placeholder={t('forms.prop.choiceLabel')} maxLength={100}
            onChange={(e) => set(i, { label: e.target.value || undefined })} />
          <Button type="text" danger icon={<DeleteOutlined />} onClick={() => onChange(choices.filter((_, j) => j !== i))} />
        </Space>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...choices, { value: '' }])} data-testid="prop-choice-add">
        {t('forms.prop.addChoice')}
      </Button>
    </Form.Item>
  );
}

function FormKeySelect({ forms, self, value, onChange, testId }: { forms: FormSummary[]; self: string; value?: string; onChange: (key: string) => void; testId: string }) {
  const options = forms.map((f) => ({ value: f.key, label: `${f.name} (${f.key})` }));
  if (!forms.some((f) => f.key === self)) options.push({ value: self, label: self });
  return <Select value={value || undefined} onChange={onChange} options={options} showSearch optionFilterProp="label" data-testid={testId} />;
}

/** The fields of another form of the app, by key (its draft: the designer shows what is being built). */
function useFieldsOf(workspaceId: string, appId: string, forms: FormSummary[], key: string | undefined) {
  const id = forms.find((f) => f.key === key)?.id;
  const q = useQuery({
    queryKey: formKeys.form(workspaceId, appId, id ?? ''),
    queryFn: () => formsApi.get(workspaceId, appId, id!),
    enabled: !!id,
  });
  return q.data?.form.fields ?? [];
}

function RollupEditor({ workspaceId, appId, formKey, forms, options, problemOf, onChange }: {
  workspaceId: string; appId: string; formKey: string; forms: FormSummary[]; options: FieldOptions;
  problemOf: (suffix: string) => string | undefined; onChange: (change: Partial<FieldOptions>) => void;
}) {
  const { t } = useTranslation();
  const fields = useFieldsOf(workspaceId, appId, forms, options.form);
  const via = fields.filter((f) => f.type === 'relation' && f.options?.form === formKey && !f.options?.multiple);
  const numbers = fields.filter((f) => NUMERIC.has(f.type) || f.type === 'rating' || (f.type === 'formula' && f.options?.resultType !== 'text'));
  return (
    <>
      <Form.Item label={t('forms.prop.rollupForm')} validateStatus={problemOf('.options.form') ? 'error' : undefined} help={problemOf('.options.form')}>
        <FormKeySelect forms={forms.filter((f) => f.key !== formKey)} self={formKey} value={options.form} onChange={(form) => onChange({ form, via: '', field: undefined })} testId="prop-rollup-form" />
      </Form.Item>
      <Form.Item label={t('forms.prop.via')} validateStatus={problemOf('.options.via') ? 'error' : undefined} help={problemOf('.options.via')}>
        <Select value={options.via || undefined} onChange={(v: string) => onChange({ via: v })} options={via.map((f) => ({ value: f.key, label: f.label }))} />
      </Form.Item>
      <Form.Item label={t('forms.prop.fn')}>
        <Select value={options.fn ?? 'count'} onChange={(fn: string) => onChange({ fn })}
          options={['count', 'sum', 'min', 'max', 'avg'].map((v) => ({ value: v, label: t(`forms.fn.${v}`) }))} />
      </Form.Item>
      {options.fn && options.fn !== 'count' && (
        <Form.Item label={t('forms.prop.rollupField')} validateStatus={problemOf('.options.field') ? 'error' : undefined} help={problemOf('.options.field')}>
          <Select value={options.field || undefined} onChange={(v: string) => onChange({ field: v })} options={numbers.map((f) => ({ value: f.key, label: f.label }))} />
        </Form.Item>
      )}
    </>
  );
}

function LookupEditor({ workspaceId, appId, forms, relations, options, problemOf, onChange }: {
  workspaceId: string; appId: string; forms: FormSummary[]; relations: FieldDefinition[]; options: FieldOptions;
  problemOf: (suffix: string) => string | undefined; onChange: (change: Partial<FieldOptions>) => void;
}) {
  const { t } = useTranslation();
  const relation = relations.find((r) => r.key === options.relation);
  const fields = useFieldsOf(workspaceId, appId, forms, relation?.options?.form);
  return (
    <>
      <Form.Item label={t('forms.prop.lookupRelation')} validateStatus={problemOf('.options.relation') ? 'error' : undefined} help={problemOf('.options.relation')}>
        <Select value={options.relation || undefined} onChange={(v: string) => onChange({ relation: v, field: '' })}
          options={relations.map((r) => ({ value: r.key, label: r.label }))} />
      </Form.Item>
      <Form.Item label={t('forms.prop.lookupField')} validateStatus={problemOf('.options.field') ? 'error' : undefined} help={problemOf('.options.field')}>
        <Select value={options.field || undefined} onChange={(v: string) => onChange({ field: v })} options={fields.map((f) => ({ value: f.key, label: f.label }))} />
      </Form.Item>
    </>
  );
}

/** Attachments and images: how many files, how large each, and (attachments) which extensions. */
function FileOptionsEditor({ type, options, problemOf, onChange }: {
  type: 'attachment' | 'image'; options: FieldOptions;
  problemOf: (suffix: string) => string | undefined; onChange: (change: Partial<FieldOptions>) => void;
}) {
  const { t } = useTranslation();
  const defaults = FILE_DEFAULTS[type];
  const status = (suffix: string) => (problemOf(suffix) ? ('error' as const) : undefined);
  return (
    <>
      <Space wrap style={{ display: 'flex' }}>
        <Form.Item label={t('forms.prop.maxFiles')} validateStatus={status('.options.maxFiles')} help={problemOf('.options.maxFiles')}>
          <InputNumber min={1} max={MAX_FILES_LIMIT} precision={0} value={options.maxFiles ?? defaults.maxFiles}
            onChange={(v) => onChange({ maxFiles: v ?? defaults.maxFiles })} data-testid="prop-max-files" />
        </Form.Item>
        <Form.Item label={t('forms.prop.maxSizeMb')} validateStatus={status('.options.maxSizeMb')} help={problemOf('.options.maxSizeMb')}>
          <InputNumber min={1} max={MAX_SIZE_MB_LIMIT} precision={0} suffix="MB" value={options.maxSizeMb ?? defaults.maxSizeMb}
            onChange={(v) => onChange({ maxSizeMb: v ?? defaults.maxSizeMb })} data-testid="prop-max-size" />
        </Form.Item>
      </Space>
      {type === 'attachment' ? (
        <Form.Item label={t('forms.prop.accept')} extra={t('forms.prop.acceptHelp')} validateStatus={status('.options.accept')} help={problemOf('.options.accept')}>
          <div data-testid="prop-accept">
            <Select
              mode="tags"
              value={options.accept ?? []}
              onChange={(v: string[]) => {
                const accept = normalizeAccept(v);
                onChange({ accept: accept.length ? accept : undefined });
              }}
              tokenSeparators={[',', '，', ' ', ';', '；', '、']}
              open={false}
              suffixIcon={null}
              placeholder={t('forms.prop.acceptAny')}
              style={{ width: '100%' }}
            />
          </div>
        </Form.Item>
      ) : (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('forms.prop.imageTypes')}</Typography.Paragraph>
      )}
    </>
  );
}

function ColumnsEditor({ columns, onChange }: { columns: FieldDefinition[]; onChange: (columns: FieldDefinition[]) => void }) {
  const { t } = useTranslation();
  const set = (i: number, change: Partial<FieldDefinition>) =>
    onChange(columns.map((c, j) => {
      if (j !== i) return c;
      const next = { ...c, ...change };
      if (change.label !== undefined) next.key = keyFromLabel(change.label || 'col', new Set(columns.filter((_, k) => k !== i).map((x) => x.key)));
      return next;
    }));
  return (
    <Form.Item label={t('forms.prop.columns')}>
      {columns.map((c, i) => (
        <Space key={i} style={{ display: 'flex', marginBottom: 4 }}>
          <Input value={c.label} placeholder={t('forms.prop.columnLabel')} onChange={(e) => set(i, { label: e.target.value })} />
          <Select style={{ width: 120 }} value={c.type} onChange={(type: FieldType) => set(i, { type })}
            options={COLUMN_TYPES.map((type) => ({ value: type, label: t(`forms.type.${type}`) }))} />
          <Button type="text" danger icon={<DeleteOutlined />} onClick={() => onChange(columns.filter((_, j) => j !== i))} />
        </Space>
      ))}
      <Button size="small" icon={<PlusOutlined />}
        onClick={() => onChange([...columns, { key: keyFromLabel(`列${columns.length + 1}`, new Set(columns.map((c) => c.key))), label: `列${columns.length + 1}`, type: 'text' }])}>
        {t('forms.prop.addColumn')}
      </Button>
    </Form.Item>
  );
}

/** A section heading's one property: its title, which starts a group of fields in the form. */
export function SectionPanel({ item, problems, onRename }: { item: DesignerSection; problems: FieldProblem[]; onRename: (title: string) => void }) {
  const { t } = useTranslation();
  const problem = problems[0]?.message;
  return (
    <Form layout="vertical" size="small" data-testid="designer-properties" key={item.uid}>
      <Form.Item label={t('forms.prop.sectionTitle')} extra={t('forms.prop.sectionHelp')} validateStatus={problem ? 'error' : undefined} help={problem}>
        <Input value={item.title} maxLength={100} onChange={(e) => onRename(e.target.value)} data-testid="prop-section-title" />
      </Form.Item>
    </Form>
  );
}

/**
 * The form's own settings, shown while no field is selected: which field names a record wherever
 * one is shown among others (linked records, board cards, the record's drawer).
 */
export function FormSettingsPanel({ fields, settings, problems, onTitleField }: {
  fields: readonly FieldDefinition[];
  settings: DesignerSettings;
  problems: readonly FieldProblem[];
  onTitleField: (key: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const naming = fields.filter((f) => NAMING_TYPES.includes(f.type));
  const automatic = labelFieldOf(fields);
  const problem = problems.find((p) => p.field === 'settings.titleField')?.message;
  return (
    <Form layout="vertical" size="small" data-testid="designer-form-settings-panel">
      <Form.Item label={t('forms.settings.titleField')} extra={t('forms.settings.titleFieldHelp')}
        validateStatus={problem ? 'error' : undefined} help={problem}>
        <Select allowClear value={settings.titleField} onChange={(key?: string) => onTitleField(key)} data-testid="settings-title-field"
          placeholder={automatic ? t('forms.settings.titleFieldAuto', { label: automatic.label }) : t('forms.settings.titleFieldNone')}
          options={naming.map((f) => ({ value: f.key, label: f.label }))} />
      </Form.Item>
    </Form>
  );
}
