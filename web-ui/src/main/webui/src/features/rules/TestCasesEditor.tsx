import { Alert, Button, Card, Empty, Flex, Form, Input, Segmented, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, DeleteOutlined, ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RuleTestResult, TestExpectation } from '../../api';
import type { ProblemLookup } from '../../components/SchemaForm';
import { parseJsonObject } from '../../components/schemaForm';
import { newTestCase, type TestCaseState } from './ruleForm';

const MONO = "'SFMono-Regular', Consolas, 'Liberation Mono', Menlo, monospace";

/** The result of case `i` from the last save: by position when the names agree, else by name. */
export function resultFor(results: readonly RuleTestResult[] | null | undefined, c: TestCaseState, i: number): RuleTestResult | undefined {
  if (!results?.length) return undefined;
  const byIndex = results[i];
  if (byIndex && byIndex.name === c.name.trim()) return byIndex;
  return results.find((r) => r.name === c.name.trim());
}

function formatConditionValue(v: unknown): string {
  return v === undefined ? '—' : JSON.stringify(v);
}

export function TestCasesEditor({
  cases,
  onChange,
  results,
  stale,
  problemsAt,
  disabled,
  onUseInConsole,
}: {
  cases: TestCaseState[];
  onChange: (cases: TestCaseState[], changedIndex?: number) => void;
  results: readonly RuleTestResult[] | null | undefined;
  /** The editor has unsaved changes: the results belong to the saved draft. */
  stale: boolean;
  problemsAt: ProblemLookup;
  disabled?: boolean;
  onUseInConsole: (payloadText: string) => void;
}) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<TestCaseState>) => onChange(cases.map((c, j) => (j === i ? { ...c, ...patch } : c)), i);
  const passed = cases.filter((c, i) => resultFor(results, c, i)?.passed).length;
  const withResult = cases.filter((c, i) => resultFor(results, c, i)).length;

  const add = () => {
    const last = cases[cases.length - 1];
    onChange([...cases, newTestCase(t('rules.testCaseDefaultName', { n: cases.length + 1 }), last?.payloadText ?? '{\n  \n}', last?.expect === 'match' ? 'noMatch' : 'match')]);
  };

  return (
    <div data-testid="test-cases">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('rules.testCasesHint')}
      </Typography.Paragraph>
      {withResult > 0 && (
        <Flex gap={8} align="center" style={{ marginBottom: 12 }} data-testid="tc-summary" data-passed={passed} data-total={withResult}>
          <Tag color={passed === withResult ? 'green' : 'red'}>{t('rules.testSummary', { passed, total: withResult })}</Tag>
          {stale && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('rules.testResultsStale')}
            </Typography.Text>
          )}
        </Flex>
      )}
      {cases.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rules.noTestCases')} style={{ margin: '8px 0 16px' }} />}
      {cases.map((c, i) => {
        const result = resultFor(results, c, i);
        const general = problemsAt(`testCases[${i}]`);
        const nameProblems = problemsAt(`testCases[${i}].name`);
        const payloadProblems = problemsAt(`testCases[${i}].payload`);
        const parsed = parseJsonObject(c.payloadText);
        const jsonError = parsed.ok ? null : parsed.error === 'notObject' ? t('schemaForm.notAnObject') : t('schemaForm.invalidJson', { message: parsed.error });
        return (
          <Card
            key={c.uid}
            size="small"
            data-testid="test-case"
            style={{ marginBottom: 12, background: '#fafbfc' }}
            title={
              <Flex gap={8} align="center">
                <span>{t('rules.testCaseN', { n: i + 1 })}</span>
                {result &&
                  (result.passed ? (
                    <Tag color="green" icon={<CheckCircleOutlined />} data-testid="tc-result" data-passed="true" style={{ opacity: stale ? 0.6 : 1 }}>
                      {t('rules.testPassed')}
                    </Tag>
                  ) : (
                    <Tooltip title={result.error || t('rules.testFailedHint', { value: formatConditionValue(result.conditionValue) })}>
                      <Tag color="red" icon={<CloseCircleOutlined />} data-testid="tc-result" data-passed="false" style={{ opacity: stale ? 0.6 : 1 }}>
                        {t('rules.testFailed')}
                      </Tag>
                    </Tooltip>
                  ))}
              </Flex>
            }
            extra={
              <Flex gap={0}>
                <Tooltip title={t('rules.useInConsole')}>
                  <Button type="text" size="small" icon={<ExperimentOutlined />} aria-label={t('rules.useInConsole')} data-testid="tc-to-console" disabled={!parsed.ok} onClick={() => onUseInConsole(c.payloadText)} />
                </Tooltip>
                {!disabled && (
                  <Tooltip title={t('common.remove')}>
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} data-testid="tc-remove" onClick={() => onChange(cases.filter((_, j) => j !== i))} />
                  </Tooltip>
                )}
              </Flex>
            }
          >
            {general?.length ? <Alert type="error" showIcon title={general.map((p) => p.message).join('；')} style={{ marginBottom: 12 }} data-testid="tc-problem" /> : null}
            {result && !result.passed && result.error && (
              <Alert type="warning" showIcon title={result.error} style={{ marginBottom: 12 }} data-testid="tc-result-error" />
            )}
            {result && (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 8 }} data-testid="tc-condition-value">
                {t('rules.testConditionValue', { value: formatConditionValue(result.conditionValue) })}
              </Typography.Text>
            )}
            <Flex gap={12} wrap>
              <Form.Item
                label={t('rules.testCaseName')}
                style={{ flex: '1 1 220px', marginBottom: 12 }}
                validateStatus={nameProblems?.length ? 'error' : undefined}
                help={nameProblems?.map((p) => p.message).join('；')}
              >
                <Input value={c.name} disabled={disabled} data-testid="tc-name" onChange={(e) => update(i, { name: e.target.value })} maxLength={100} />
              </Form.Item>
              <Form.Item label={t('rules.testExpect')} style={{ marginBottom: 12 }}>
                <Segmented<TestExpectation>
                  data-testid="tc-expect"
                  disabled={disabled}
                  value={c.expect}
                  onChange={(expect) => update(i, { expect })}
                  options={[
                    { value: 'match', label: <span data-testid="tc-expect-match">{t('rules.expectMatch')}</span> },
                    { value: 'noMatch', label: <span data-testid="tc-expect-noMatch">{t('rules.expectNoMatch')}</span> },
                  ]}
                />
              </Form.Item>
            </Flex>
            <Form.Item
              label={t('rules.testPayload')}
              extra={t('rules.testPayloadHint')}
              style={{ marginBottom: 0 }}
              validateStatus={jsonError || payloadProblems?.length ? 'error' : undefined}
              help={
                jsonError || payloadProblems?.length ? (
                  <span data-testid="tc-payload-error">{jsonError ?? payloadProblems?.map((p) => p.message).join('；')}</span>
                ) : undefined
              }
            >
              <Input.TextArea
                value={c.payloadText}
                disabled={disabled}
                data-testid="tc-payload"
                spellCheck={false}
                autoSize={{ minRows: 3, maxRows: 14 }}
                style={{ fontFamily: MONO, fontSize: 12 }}
                onChange={(e) => update(i, { payloadText: e.target.value })}
              />
            </Form.Item>
          </Card>
        );
      })}
      {!disabled && (
        <Button type="dashed" icon={<PlusOutlined />} data-testid="tc-add" onClick={add} block>
          {t('rules.addTestCase')}
        </Button>
      )}
    </div>
  );
}
