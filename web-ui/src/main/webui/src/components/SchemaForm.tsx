import { useEffect, useState, type ReactNode } from 'react';
import { Button, Flex, Form, Input, InputNumber, Select, Switch, Tooltip, Typography } from 'antd';
import { CodeOutlined, DeleteOutlined, FunctionOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../api/problem';
import type { JsonSchema } from '../api/types';
import { childPath } from './fieldProblems';
import { ExpressionProblemView, FormulaCheck } from './formulaCheck';
import {
  breaksPattern,
  canToggleFormula,
  duplicateKeys,
  fieldKind,
  isFlatTextObject,
  isFormula,
  isRecord,
  newRow,
  objectFromRows,
  parseJson,
  prettyJson,
  rowsFromObject,
  sameJson,
  setKey,
  toggleFormula,
  type KvRow,
} from './schemaForm';

/** Looks up the problems placed on a field path (see `placeProblems`). */
export type ProblemLookup = (path: string) => FieldProblem[] | undefined;

interface CommonProps {
  /** Path of this value in the request body, e.g. `actions[0].config` (for problems). */
  path: string;
  problemsAt?: ProblemLookup;
  disabled?: boolean;
  /** `data-testid` prefix; fields get `${prefix}-${key}` (nested: `${prefix}-${key}-${sub}`). */
  testId: string;
}

export interface SchemaFormProps extends CommonProps {
  schema: JsonSchema;
  value: Record<string, unknown> | undefined;
  onChange: (value: Record<string, unknown>) => void;
}

const MONO = "'SFMono-Regular', Consolas, 'Liberation Mono', Menlo, monospace";

/** Form fields generated from a JSON Schema object: text, choice, number, switch, nested objects, free keys, tags. */
export function SchemaForm({ schema, value, onChange, path, problemsAt, disabled, testId }: SchemaFormProps) {
  const { t } = useTranslation();
  const props = Object.entries(schema.properties ?? {});
  if (props.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid={`${testId}-none`}>
        {t('schemaForm.noSettings')}
      </Typography.Text>
    );
  }
  const obj = value ?? {};
  return (
    <>
      {props.map(([key, prop]) => (
        <SchemaField
          key={key}
          name={key}
          schema={prop}
          required={(schema.required ?? []).includes(key)}
          value={obj[key]}
          onChange={(v) => onChange(setKey(obj, key, v))}
          path={childPath(path, key)}
          problemsAt={problemsAt}
          disabled={disabled}
          testId={`${testId}-${key}`}
        />
      ))}
    </>
  );
}

/** ƒ in front of a text input: coloured when the value is a formula. */
function FormulaMark({ on }: { on: boolean }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={on ? t('schemaForm.isFormula') : t('schemaForm.canBeFormula')}>
      <FunctionOutlined style={{ color: on ? '#722ed1' : 'rgba(0,0,0,0.2)' }} aria-hidden />
    </Tooltip>
  );
}

function problemHelp(problems: FieldProblem[] | undefined, value: unknown): ReactNode {
  if (!problems?.length) return undefined;
  return (
    <>
      {problems.map((p, i) =>
        typeof p.position === 'number' && typeof value === 'string' ? (
          <ExpressionProblemView key={i} expression={isFormula(value) ? value.slice(1) : value} problem={p} testId="field-problem" />
        ) : (
          <div key={i} data-testid="field-problem">
            {p.message}
          </div>
        ),
      )}
    </>
  );
}

interface FieldProps extends CommonProps {
  name: string;
  schema: JsonSchema;
  required: boolean;
  value: unknown;
  onChange: (value: unknown) => void;
}

function FieldLabel({ name, schema, required }: { name: string; schema: JsonSchema; required: boolean }) {
  return (
    <span>
      {required && <span style={{ color: '#ff4d4f', marginInlineEnd: 4 }}>*</span>}
      {schema.title ?? name}
      {schema.title && (
        <Typography.Text type="secondary" code style={{ fontSize: 11, marginInlineStart: 6 }}>
          {name}
        </Typography.Text>
      )}
    </span>
  );
}

function SchemaField({ name, schema, required, value, onChange, path, problemsAt, disabled, testId }: FieldProps) {
  const { t } = useTranslation();
  const kind = fieldKind(schema);
  const serverProblems = problemsAt?.(path);
  const formula = isFormula(value);
  const patternProblem: FieldProblem[] = breaksPattern(schema, value)
    ? [{ field: path, code: 'client.pattern', message: schema.description ? t('schemaForm.patternLike', { example: schema.description }) : t('schemaForm.pattern') }]
    : [];
  const problems = serverProblems?.length ? serverProblems : patternProblem.length ? patternProblem : undefined;

  if (kind === 'object') {
    return (
      <fieldset
        data-testid={testId}
        style={{ border: '1px solid rgba(5,5,5,0.1)', borderRadius: 8, padding: '8px 12px 0', margin: '0 0 16px' }}
      >
        <legend style={{ fontSize: 14, width: 'auto', padding: '0 6px', margin: 0, border: 0 }}>
          <FieldLabel name={name} schema={schema} required={required} />
        </legend>
        {schema.description && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
            {schema.description}
          </Typography.Paragraph>
        )}
        {problems?.length ? <div style={{ color: '#ff4d4f', marginBottom: 8 }}>{problemHelp(problems, value)}</div> : null}
        <SchemaForm
          schema={schema}
          value={isRecord(value) ? value : undefined}
          onChange={(v) => onChange(Object.keys(v).length ? v : undefined)}
          path={path}
          problemsAt={problemsAt}
          disabled={disabled}
          testId={testId}
        />
      </fieldset>
    );
  }

  const formulaToggle = canToggleFormula(kind) ? (
    <Tooltip title={formula ? t('schemaForm.useValue') : t('schemaForm.useFormula')}>
      <Button
        size="small"
        type={formula ? 'primary' : 'text'}
        icon={<FunctionOutlined />}
        disabled={disabled}
        aria-label={formula ? t('schemaForm.useValue') : t('schemaForm.useFormula')}
        data-testid={`${testId}-fx`}
        onClick={() => onChange(toggleFormula(value, kind))}
      />
    </Tooltip>
  ) : null;

  let control: ReactNode;
  if (formula || kind === 'string') {
    control = (
      <Input
        value={typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value)}
        disabled={disabled}
        data-testid={testId}
        placeholder={kind === 'string' ? t('schemaForm.textPlaceholder') : t('schemaForm.formulaPlaceholder')}
        maxLength={kind === 'string' && !formula ? schema.maxLength : undefined}
        // always a prefix: adding one while typing "=" would take the focus away
        prefix={<FormulaMark on={formula} />}
        style={formula ? { fontFamily: MONO } : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  } else if (kind === 'enum') {
    control = (
      <Select
        allowClear={!required}
        disabled={disabled}
        data-testid={testId}
        value={value === undefined || value === null ? undefined : String(value)}
        style={{ width: '100%' }}
        onChange={(v?: string) => onChange(v === undefined ? undefined : (schema.enum ?? []).find((e) => String(e) === v))}
        options={(schema.enum ?? []).map((e) => ({ value: String(e), label: String(e) }))}
      />
    );
  } else if (kind === 'number' || kind === 'integer') {
    control = (
      <InputNumber
        disabled={disabled}
        data-testid={testId}
        value={typeof value === 'number' ? value : null}
        precision={kind === 'integer' ? 0 : undefined}
        min={schema.minimum}
        max={schema.maximum}
        style={{ width: '100%' }}
        onChange={(v) => onChange(v === null ? undefined : v)}
      />
    );
  } else if (kind === 'boolean') {
    control = <Switch disabled={disabled} data-testid={testId} checked={value === true} onChange={(v) => onChange(v)} />;
  } else if (kind === 'stringArray') {
    control = (
      <Select
        mode="tags"
        disabled={disabled}
        data-testid={testId}
        value={Array.isArray(value) ? value.map(String) : []}
        tokenSeparators={[',', '，']}
        open={false}
        suffixIcon={null}
        placeholder={t('schemaForm.tagsPlaceholder')}
        style={{ width: '100%' }}
        onChange={(v: string[]) => onChange(v.length ? v : undefined)}
      />
    );
  } else if (kind === 'freeObject') {
    control = <FreeObjectEditor value={value} onChange={onChange} path={path} problemsAt={problemsAt} disabled={disabled} testId={testId} />;
  } else {
    control = <JsonEditor value={value} onChange={onChange} disabled={disabled} testId={testId} />;
  }

  return (
    <Form.Item
      label={<FieldLabel name={name} schema={schema} required={required} />}
      extra={schema.description}
      validateStatus={problems?.length ? 'error' : undefined}
      help={problemHelp(problems, value)}
      style={{ marginBottom: 16 }}
    >
      {formulaToggle ? (
        <Flex gap={kind === 'boolean' && !formula ? 12 : 4} align="center">
          <div style={{ flex: kind === 'boolean' && !formula ? '0 0 auto' : 1, minWidth: 0 }}>{control}</div>
          {formulaToggle}
        </Flex>
      ) : (
        control
      )}
      {formula && !problems?.length && <FormulaCheck expression={(value as string).slice(1)} testId={`${testId}-formula`} />}
    </Form.Item>
  );
}

/** An object without declared properties: key/value rows of text (formulas allowed), or JSON. */
function FreeObjectEditor({ value, onChange, path, problemsAt, disabled, testId }: Omit<FieldProps, 'name' | 'schema' | 'required'>) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'kv' | 'json'>(() => (isFlatTextObject(value) ? 'kv' : 'json'));
  const canKv = isFlatTextObject(value);

  return (
    <div data-testid={`${testId}-editor`}>
      {mode === 'kv' && canKv ? (
        <KeyValueEditor value={value} onChange={onChange} path={path} problemsAt={problemsAt} disabled={disabled} testId={testId} />
      ) : (
        <JsonEditor value={value} onChange={onChange} disabled={disabled} testId={testId} objectOnly />
      )}
      <Button
        type="link"
        size="small"
        style={{ paddingInline: 0 }}
        icon={mode === 'kv' ? <CodeOutlined /> : <UnorderedListOutlined />}
        disabled={mode === 'json' && !canKv}
        data-testid={`${testId}-mode`}
        onClick={() => setMode(mode === 'kv' ? 'json' : 'kv')}
      >
        {mode === 'kv' ? t('schemaForm.editAsJson') : canKv ? t('schemaForm.editAsRows') : t('schemaForm.rowsNeedText')}
      </Button>
    </div>
  );
}

function KeyValueEditor({ value, onChange, path, problemsAt, disabled, testId }: Omit<FieldProps, 'name' | 'schema' | 'required'>) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<KvRow[]>(() => rowsFromObject(value));

  // a value changed from outside (reload, another editor): show it
  useEffect(() => {
    if (!sameJson(objectFromRows(rows), isRecord(value) ? value : {})) setRows(rowsFromObject(value));
  }, [value]);

  const update = (next: KvRow[]) => {
    setRows(next);
    const obj = objectFromRows(next);
    onChange(Object.keys(obj).length ? obj : undefined);
  };
  const dups = duplicateKeys(rows);

  return (
    <div data-testid={`${testId}-rows`}>
      {rows.length === 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 4 }}>
          {t('schemaForm.noEntries')}
        </Typography.Text>
      )}
      {rows.map((row, i) => {
        const problems = row.key.trim() ? problemsAt?.(childPath(path, row.key.trim())) : undefined;
        const dup = dups.includes(row.key.trim());
        return (
          <div key={row.id} data-testid={`${testId}-row`} style={{ marginBottom: 8 }}>
            <Flex gap={8} align="flex-start">
              <Input
                value={row.key}
                disabled={disabled}
                placeholder={t('schemaForm.key')}
                status={dup ? 'error' : undefined}
                data-testid={`${testId}-key`}
                style={{ width: '32%' }}
                onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)))}
              />
              <Input
                value={row.value}
                disabled={disabled}
                placeholder={t('schemaForm.valuePlaceholder')}
                status={problems?.length ? 'error' : undefined}
                prefix={<FormulaMark on={isFormula(row.value)} />}
                data-testid={`${testId}-value`}
                style={{ flex: 1, fontFamily: isFormula(row.value) ? MONO : undefined }}
                onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))}
              />
              <Button
                type="text"
                icon={<DeleteOutlined />}
                disabled={disabled}
                aria-label={t('common.remove')}
                data-testid={`${testId}-remove`}
                onClick={() => update(rows.filter((_, j) => j !== i))}
              />
            </Flex>
            {dup && (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {t('schemaForm.duplicateKey', { key: row.key.trim() })}
              </Typography.Text>
            )}
            {problems?.length ? (
              <div style={{ color: '#ff4d4f', fontSize: 13 }}>{problemHelp(problems, row.value)}</div>
            ) : (
              isFormula(row.value) && <FormulaCheck expression={row.value.slice(1)} testId={`${testId}-value-formula`} />
            )}
          </div>
        );
      })}
      <Button
        type="dashed"
        size="small"
        icon={<PlusOutlined />}
        disabled={disabled}
        data-testid={`${testId}-add`}
        onClick={() => setRows([...rows, newRow()])}
      >
        {t('schemaForm.addEntry')}
      </Button>
    </div>
  );
}

/** Any JSON value as text; the value changes only while the text parses. */
function JsonEditor({
  value,
  onChange,
  disabled,
  testId,
  objectOnly = false,
}: {
  value: unknown;
  onChange: (value: unknown) => void;
  disabled?: boolean;
  testId: string;
  objectOnly?: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => prettyJson(value));
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const parsed = parseJson(text);
    if (!parsed.ok || !sameJson(parsed.value, value)) {
      setText(prettyJson(value));
      setError(null);
    }
  }, [value]);

  return (
    <>
      <Input.TextArea
        value={text}
        disabled={disabled}
        data-testid={`${testId}-json`}
        status={error ? 'error' : undefined}
        autoSize={{ minRows: 3, maxRows: 12 }}
        spellCheck={false}
        style={{ fontFamily: MONO, fontSize: 12 }}
        placeholder={objectOnly ? '{ "key": "value" }' : undefined}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          const parsed = parseJson(next);
          if (!parsed.ok) {
            setError(t('schemaForm.invalidJson', { message: parsed.error }));
          } else if (objectOnly && parsed.value !== undefined && !isRecord(parsed.value)) {
            setError(t('schemaForm.notAnObject'));
          } else {
            setError(null);
            onChange(parsed.value);
          }
        }}
      />
      {error && (
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`${testId}-json-error`}>
          {error}
        </Typography.Text>
      )}
    </>
  );
}
