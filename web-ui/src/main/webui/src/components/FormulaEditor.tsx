import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Collapse, Empty, Flex, Input, Skeleton, Tag, Tooltip, Typography } from 'antd';
import { FunctionOutlined } from '@ant-design/icons';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useTranslation } from 'react-i18next';
import type { ExpressionFunctionInfo, ExpressionProblem } from '../api';
import { normalizeLang } from '../i18n/lang';
import { applyCompletion, groupFunctions, identifierAt, insertAt, suggest, type Suggestion } from './formula';
import { CheckResult, ExpressionProblemView, useExpressionFunctions, useFormulaCheck, useFormulaEnvironment } from './formulaCheck';

export interface FormulaEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Field names offered by the autocomplete (default: the page's formula environment). */
  fields?: readonly string[];
  /** Sample values the live check evaluates with (default: the page's formula environment). */
  context?: Record<string, unknown>;
  /** Names the expression may assign (passed to the evaluation). */
  outputs?: string[];
  placeholder?: string;
  minRows?: number;
  disabled?: boolean;
  /** A problem the server reported for this expression on save; shown while the text is unchanged. */
  problem?: ExpressionProblem | null;
  /** Shown instead of a check while the expression is empty. */
  emptyHint?: ReactNode;
  /** Check the expression as it is typed (default true). */
  liveCheck?: boolean;
  /** Show the collapsible function reference (default true). */
  showReference?: boolean;
  /** Prefix of the `data-testid`s (`formula-input`, `formula-suggestion`, `formula-value`, `formula-error` …). */
  testId?: string;
  'aria-label'?: string;
}

const MONO = "'SFMono-Regular', Consolas, 'Liberation Mono', Menlo, 'Noto Sans Mono CJK SC', monospace";

/**
 * A text area for expressions: completes function names (English and Chinese) and field names,
 * checks the expression against sample values as it is typed, and lists the function library.
 */
export function FormulaEditor({
  value,
  onChange,
  fields: fieldsProp,
  context: contextProp,
  outputs,
  placeholder,
  minRows = 2,
  disabled = false,
  problem,
  emptyHint,
  liveCheck = true,
  showReference = true,
  testId = 'formula',
  'aria-label': ariaLabel,
}: FormulaEditorProps) {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const env = useFormulaEnvironment();
  const fields = fieldsProp ?? env.fields;
  const context = contextProp ?? env.context;
  const functions = useExpressionFunctions();
  const ref = useRef<TextAreaRef>(null);
  const listId = useId();
  const selection = useRef({ start: value.length, end: value.length });
  const pendingCursor = useRef<number | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // the problem from the last save belongs to the text it was reported for
  const [problemText, setProblemText] = useState(value);
  useEffect(() => {
    // only when a new problem arrives: it was reported for the text as it is now
    if (problem) setProblemText(value);
  }, [problem]);

  const check = useFormulaCheck(value, context, { enabled: liveCheck && !disabled, outputs });

  const textarea = () => ref.current?.resizableTextArea?.textArea ?? null;

  const ident = cursor === null ? null : identifierAt(value, cursor);
  const suggestions = useMemo<Suggestion[]>(
    () => (open && ident && !ident.afterDot ? suggest(ident.prefix, fields, functions.data ?? []) : []),
    [open, ident?.prefix, ident?.afterDot, fields, functions.data],
  );
  const showList = suggestions.length > 0 && !disabled;

  useEffect(() => {
    setActive(0);
  }, [ident?.prefix]);

  // put the cursor where an insertion left it, once the new text is rendered
  useEffect(() => {
    const el = textarea();
    if (pendingCursor.current !== null && el) {
      const at = pendingCursor.current;
      pendingCursor.current = null;
      el.focus();
      el.setSelectionRange(at, at);
      selection.current = { start: at, end: at };
      setCursor(at);
    }
  }, [value]);

  const track = () => {
    const el = textarea();
    if (!el) return;
    selection.current = { start: el.selectionStart, end: el.selectionEnd };
    setCursor(el.selectionStart === el.selectionEnd ? el.selectionStart : null);
  };

  const apply = (s: Suggestion) => {
    if (!ident) return;
    const edit = applyCompletion(value, ident, s);
    pendingCursor.current = edit.cursor;
    setOpen(false);
    onChange(edit.text);
  };

  /** Inserts text at the last known cursor position (from the function reference). */
  const insert = (snippet: string) => {
    if (disabled) return;
    const { start, end } = selection.current;
    const edit = insertAt(value, start, end, snippet);
    pendingCursor.current = edit.cursor;
    setOpen(false);
    onChange(edit.text);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === ' ' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      setOpen(true);
      track();
      return;
    }
    if (!showList) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (a + 1) % suggestions.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a - 1 + suggestions.length) % suggestions.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      apply(suggestions[Math.min(active, suggestions.length - 1)]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
    }
  };

  const serverProblem = problem && value === problemText ? problem : null;
  const description = (f: ExpressionFunctionInfo) => (lang === 'en' ? f.descriptionEn : f.descriptionZh) || f.descriptionZh || f.descriptionEn;

  return (
    <div className="qb-formula-editor" data-testid={testId}>
      <div style={{ position: 'relative' }}>
        <Input.TextArea
          ref={ref}
          value={value}
          disabled={disabled}
          placeholder={placeholder}
          aria-label={ariaLabel}
          spellCheck={false}
          autoComplete="off"
          autoSize={{ minRows, maxRows: 12 }}
          status={serverProblem || check.status === 'invalid' ? 'error' : undefined}
          data-testid={`${testId}-input`}
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          style={{ fontFamily: MONO, fontSize: 13 }}
          onChange={(e) => {
            selection.current = { start: e.target.selectionStart, end: e.target.selectionEnd };
            setCursor(e.target.selectionStart);
            setOpen(true);
            onChange(e.target.value);
          }}
          onKeyDown={onKeyDown}
          onKeyUp={(e) => {
            if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) track();
          }}
          onClick={track}
          onSelect={track}
          onBlur={() => setOpen(false)}
        />
        {showList && (
          <ul
            id={listId}
            role="listbox"
            data-testid={`${testId}-suggestions`}
            style={{
              position: 'absolute',
              zIndex: 30,
              top: '100%',
              left: 0,
              marginTop: 4,
              minWidth: 280,
              maxWidth: '100%',
              maxHeight: 260,
              overflowY: 'auto',
              listStyle: 'none',
              padding: 4,
              background: '#fff',
              borderRadius: 8,
              boxShadow: '0 6px 16px 0 rgba(0,0,0,0.08), 0 3px 6px -4px rgba(0,0,0,0.12), 0 9px 28px 8px rgba(0,0,0,0.05)',
            }}
          >
            {suggestions.map((s, i) => (
              <li
                key={`${s.kind}:${s.label}`}
                role="option"
                aria-selected={i === active}
                data-testid={`${testId}-suggestion`}
                data-value={s.label}
                data-kind={s.kind}
                // keep the focus in the text area
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => apply(s)}
                onMouseEnter={() => setActive(i)}
                style={{
                  display: 'flex',
                  gap: 8,
                  alignItems: 'baseline',
                  padding: '4px 8px',
                  borderRadius: 4,
                  cursor: 'pointer',
                  background: i === active ? '#e6f4ff' : undefined,
                }}
              >
                <Tag color={s.kind === 'function' ? 'purple' : 'blue'} style={{ marginInlineEnd: 0, fontSize: 11 }}>
                  {s.kind === 'function' ? 'ƒ' : t('formula.field')}
                </Tag>
                <span style={{ fontFamily: MONO, fontSize: 13 }}>
                  {s.label}
                  {s.kind === 'function' ? '(' : ''}
                </span>
                {s.detail && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.detail}
                  </Typography.Text>
                )}
                {s.fn && (
                  <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, marginInlineStart: 'auto', maxWidth: 200 }}>
                    {description(s.fn)}
                  </Typography.Text>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      {serverProblem ? (
        <div style={{ marginTop: 6 }}>
          <ExpressionProblemView expression={value} problem={serverProblem} testId={`${testId}-problem`} />
        </div>
      ) : (
        <CheckResult state={check} emptyHint={emptyHint} testId={testId} />
      )}
      {showReference && (
        <Collapse
          ghost
          size="small"
          style={{ marginTop: 4 }}
          items={[
            {
              key: 'ref',
              label: (
                <span data-testid={`${testId}-reference-toggle`}>
                  <FunctionOutlined /> {t('formula.reference')}
                  {functions.data ? ` (${functions.data.length})` : ''}
                </span>
              ),
              children: (
                <div data-testid={`${testId}-reference`} style={{ maxHeight: 360, overflowY: 'auto' }}>
                  {functions.isPending ? (
                    <Skeleton active paragraph={{ rows: 3 }} />
                  ) : !functions.data?.length ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('formula.noFunctions')} />
                  ) : (
                    <>
                      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
                        {t('formula.referenceHint')}
                      </Typography.Paragraph>
                      {groupFunctions(functions.data).map(([category, list]) => (
                        <div key={category} style={{ marginBottom: 12 }}>
                          <Typography.Text strong style={{ fontSize: 13 }}>
                            {t(`formula.categories.${category}`, { defaultValue: category })}
                          </Typography.Text>
                          {list.map((f) => (
                            <div key={f.name} data-testid={`${testId}-ref-fn`} data-name={f.name} style={{ padding: '6px 0', borderBottom: '1px dashed rgba(5,5,5,0.06)' }}>
                              <Flex gap={8} wrap align="baseline">
                                <Tooltip title={t('formula.insert')}>
                                  <Typography.Link code disabled={disabled} onClick={() => insert(`${f.name}(`)} data-testid={`${testId}-ref-insert`}>
                                    {f.signature || `${f.name}()`}
                                  </Typography.Link>
                                </Tooltip>
                                {f.alias && (
                                  <Tooltip title={t('formula.insert')}>
                                    <Typography.Link disabled={disabled} onClick={() => insert(`${f.alias}(`)} style={{ fontSize: 12 }}>
                                      {t('formula.alias', { alias: f.alias })}
                                    </Typography.Link>
                                  </Tooltip>
                                )}
                              </Flex>
                              <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.65)', marginTop: 2 }}>{description(f)}</div>
                              {f.example && (
                                <div style={{ fontSize: 12, marginTop: 2 }}>
                                  <Typography.Text type="secondary">{t('formula.example')}</Typography.Text>{' '}
                                  <Tooltip title={t('formula.insertExample')}>
                                    <Typography.Link code disabled={disabled} onClick={() => insert(f.example)} style={{ fontSize: 12 }}>
                                      {f.example}
                                    </Typography.Link>
                                  </Tooltip>
                                </div>
                              )}
                            </div>
                          ))}
                        </div>
                      ))}
                    </>
                  )}
                </div>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
