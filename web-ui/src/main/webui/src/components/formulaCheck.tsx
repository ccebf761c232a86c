import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, LoadingOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, expressionsApi, queryKeys, type EvaluateResult, type ExpressionProblem } from '../api';
import { errorMessage } from './errors';
import { caretLine, formatValue } from './formula';

/** What formulas on a page are written against: field names to complete and sample values to check with. */
export interface FormulaEnvironment {
  fields: readonly string[];
  context: Record<string, unknown>;
}

const FormulaEnvContext = createContext<FormulaEnvironment>({ fields: [], context: {} });

export function FormulaEnvironmentProvider({ value, children }: { value: FormulaEnvironment; children: ReactNode }) {
  return <FormulaEnvContext.Provider value={value}>{children}</FormulaEnvContext.Provider>;
}

export function useFormulaEnvironment(): FormulaEnvironment {
  return useContext(FormulaEnvContext);
}

/** The function library (names, Chinese aliases, descriptions); it does not change while the app runs. */
export function useExpressionFunctions() {
  return useQuery({ queryKey: queryKeys.expressionFunctions, queryFn: expressionsApi.functions, staleTime: Infinity });
}

export const CHECK_DEBOUNCE_MS = 400;

export type CheckState =
  | { status: 'idle' }
  | { status: 'checking'; expression: string; previous?: CheckState }
  | { status: 'ok'; expression: string; result: EvaluateResult }
  | { status: 'invalid'; expression: string; problem: ExpressionProblem }
  /** The check itself failed (network, server error): says nothing about the expression. */
  | { status: 'unavailable'; expression: string; message: string };

/** The problem an evaluate call answered with: the `expression` field error if any, else the detail. */
export function expressionProblemOf(error: ApiError): ExpressionProblem {
  const fe = error.fieldErrors.find((e) => e.field === 'expression') ?? error.fieldErrors[0];
  return fe ? { field: fe.field, code: fe.code, message: fe.message || error.message, position: fe.position } : { message: error.message };
}

/** Evaluates `expression` against `context` ~400 ms after the last change; the latest answer wins. */
export function useFormulaCheck(expression: string, context: Record<string, unknown>, options: { enabled?: boolean; outputs?: string[] } = {}): CheckState {
  const { t } = useTranslation();
  const enabled = options.enabled ?? true;
  const contextKey = useMemo(() => JSON.stringify(context ?? {}), [context]);
  const outputsKey = (options.outputs ?? []).join('\u0000');
  const [state, setState] = useState<CheckState>({ status: 'idle' });

  useEffect(() => {
    if (!enabled || !expression.trim()) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setState((prev) => ({ status: 'checking', expression, previous: prev.status === 'checking' ? prev.previous : prev }));
      const outputs = outputsKey ? outputsKey.split('\u0000') : undefined;
      expressionsApi
        .evaluate({ expression, context: JSON.parse(contextKey) as Record<string, unknown>, ...(outputs ? { outputs } : {}) }, controller.signal)
        .then((result) => setState({ status: 'ok', expression, result }))
        .catch((e: unknown) => {
          if (controller.signal.aborted) return;
          if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 403) {
            setState({ status: 'invalid', expression, problem: expressionProblemOf(e) });
          } else {
            setState({ status: 'unavailable', expression, message: errorMessage(e, t) });
          }
        });
    }, CHECK_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [expression, contextKey, outputsKey, enabled, t]);

  return state;
}

/** The expression line with the offending character underlined and a caret under it. */
export function CaretMarker({ expression, position, testId = 'formula-caret' }: { expression: string; position: number; testId?: string }) {
  const c = caretLine(expression, position);
  return (
    <pre
      className="qb-formula-caret"
      data-testid={testId}
      data-position={position}
      style={{ margin: '4px 0 0', padding: '4px 8px', background: '#fff1f0', borderRadius: 6, fontSize: 12, lineHeight: 1.5, overflowX: 'auto' }}
    >
      <span>{c.before}</span>
      <span style={{ textDecoration: 'underline wavy #ff4d4f', background: '#ffccc7' }}>{c.at}</span>
      <span>{c.after}</span>
      {'\n'}
      <span style={{ color: '#ff4d4f', fontWeight: 600 }}>{`${c.pad}^`}</span>
    </pre>
  );
}

const TYPE_KEYS = ['number', 'text', 'boolean', 'date', 'datetime', 'list', 'record', 'null'];

export function typeLabel(type: string, t: (k: string) => string): string {
  return TYPE_KEYS.includes(type) ? t(`formula.types.${type}`) : type;
}

/** A problem with an expression: the message, and a caret under the character it points at. */
export function ExpressionProblemView({ expression, problem, testId = 'formula-error' }: { expression: string; problem: ExpressionProblem; testId?: string }) {
  const position = typeof problem.position === 'number' ? problem.position : null;
  return (
    <div data-testid={testId} data-position={position ?? ''} role="alert">
      <Flex gap={6} align="baseline">
        <CloseCircleFilled style={{ color: '#ff4d4f' }} />
        <Typography.Text type="danger" style={{ fontSize: 13 }}>
          {/* the server's message already says where ("第 13 个字符…") */}
          {problem.message}
        </Typography.Text>
      </Flex>
      {position !== null && <CaretMarker expression={expression} position={position} testId={`${testId.replace(/-error$/, '')}-caret`} />}
    </div>
  );
}

/** The live check's line under a formula: "= 4160.4 · 数字", or the error with a caret. */
export function CheckResult({ state, emptyHint, testId = 'formula' }: { state: CheckState; emptyHint?: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  const shown = state.status === 'checking' ? (state.previous ?? { status: 'idle' as const }) : state;
  const checking = state.status === 'checking';
  let body: ReactNode = null;
  if (shown.status === 'idle') {
    body = emptyHint ? (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {emptyHint}
      </Typography.Text>
    ) : null;
  } else if (shown.status === 'ok') {
    body = (
      <Flex gap={6} align="baseline" data-testid={`${testId}-value`} data-expression={shown.expression} data-type={shown.result.type}>
        <CheckCircleFilled style={{ color: '#52c41a' }} />
        <Typography.Text code style={{ fontSize: 13 }}>
          = {formatValue(shown.result.value, shown.result.type)}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          · {typeLabel(shown.result.type, t)}
        </Typography.Text>
      </Flex>
    );
  } else if (shown.status === 'invalid') {
    body = <ExpressionProblemView expression={shown.expression} problem={shown.problem} testId={`${testId}-error`} />;
  } else if (shown.status === 'unavailable') {
    body = (
      <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid={`${testId}-unavailable`}>
        <WarningOutlined /> {t('formula.checkUnavailable', { message: shown.message })}
      </Typography.Text>
    );
  }
  if (!body && !checking) return null;
  return (
    <div style={{ marginTop: 6, opacity: checking ? 0.6 : 1, minHeight: 22 }} aria-live="polite" data-testid={`${testId}-check`} data-status={state.status}>
      {checking && !body ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <LoadingOutlined /> {t('formula.checking')}
        </Typography.Text>
      ) : (
        body
      )}
    </div>
  );
}

/** A live check for a formula held elsewhere (an action config value), with the page's sample context. */
export function FormulaCheck({ expression, testId }: { expression: string; testId?: string }) {
  const env = useFormulaEnvironment();
  const state = useFormulaCheck(expression, env.context);
  return <CheckResult state={state} testId={testId} />;
}
