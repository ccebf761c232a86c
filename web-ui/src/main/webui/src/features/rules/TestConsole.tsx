import { Alert, Button, Card, Descriptions, Empty, Flex, Input, Popconfirm, Tag, Tooltip, Typography, type ButtonProps } from 'antd';
import { CaretRightOutlined, CheckCircleOutlined, CloseCircleOutlined, ExperimentOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DryRun, RuleRun } from '../../api';
import { ExpressionProblemView } from '../../components/formulaCheck';
import { parseJsonObject } from '../../components/schemaForm';
import { tid } from '../../components/testid';
import { formatDateTime } from '../../lib/time';
import { OutcomeTag } from './common';

const MONO = "'SFMono-Regular', Consolas, 'Liberation Mono', Menlo, monospace";

function JsonBlock({ value, testId }: { value: unknown; testId?: string }) {
  return (
    <pre
      data-testid={testId}
      style={{ margin: 0, padding: 8, background: '#f6f8fa', borderRadius: 6, fontFamily: MONO, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: 280, overflow: 'auto' }}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

export function DryRunView({ result, expressionAt }: { result: DryRun; expressionAt: (field: string | null | undefined) => string | undefined }) {
  const errorExpression = result.error ? expressionAt(result.error.field ?? 'condition') : undefined;
  const { t } = useTranslation();
  return (
    <div data-testid="console-result" data-matched={String(result.matched)}>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'condition',
            label: t('rules.console.conditionValue'),
            children: (
              <Typography.Text code data-testid="console-condition">
                {result.conditionValue === null || result.conditionValue === undefined ? 'null' : String(result.conditionValue)}
              </Typography.Text>
            ),
          },
          {
            key: 'matched',
            label: t('rules.console.matched'),
            children: (
              <Tag color={result.matched ? 'green' : 'default'} data-testid="console-matched" data-matched={String(result.matched)}>
                {result.matched ? t('rules.console.matchedYes') : t('rules.console.matchedNo')}
              </Tag>
            ),
          },
        ]}
      />
      {result.error && (
        <div style={{ marginTop: 12 }}>
          <Alert
            type="error"
            showIcon
            data-testid="console-error"
            title={result.error.field ? t('rules.console.errorIn', { field: result.error.field }) : t('rules.console.error')}
            description={
              typeof result.error.position === 'number' && errorExpression !== undefined ? (
                <ExpressionProblemView expression={errorExpression} problem={result.error} testId="console-error-detail" />
              ) : (
                result.error.message
              )
            }
          />
        </div>
      )}
      <Typography.Title level={5} style={{ marginTop: 16, fontSize: 14 }}>
        {t('rules.console.actions')}
      </Typography.Title>
      {result.actions.length === 0 ? (
        <Typography.Text type="secondary">{result.matched ? t('rules.console.noActions') : t('rules.console.notMatchedNoActions')}</Typography.Text>
      ) : (
        result.actions.map((a, i) => (
          <Card key={i} size="small" style={{ marginBottom: 8 }} data-testid="console-action" data-action={a.action} data-valid={String(a.valid)}>
            <Flex gap={8} align="center" style={{ marginBottom: 6 }}>
              <Typography.Text strong>{i + 1}.</Typography.Text>
              <Typography.Text code>{a.action}</Typography.Text>
              {a.valid ? (
                <Tag color="green" icon={<CheckCircleOutlined />}>
                  {t('rules.console.valid')}
                </Tag>
              ) : (
                <Tag color="red" icon={<CloseCircleOutlined />}>
                  {t('rules.console.invalid')}
                </Tag>
              )}
            </Flex>
            {a.error && (
              <Typography.Text type="danger" style={{ display: 'block', marginBottom: 6 }} data-testid="console-action-error">
                {a.error}
              </Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('rules.console.resolvedConfig')}
            </Typography.Text>
            <JsonBlock value={a.config} testId="console-action-config" />
          </Card>
        ))
      )}
    </div>
  );
}

export function RunResultView({ run, runLogPath }: { run: RuleRun; runLogPath: string }) {
  const { t } = useTranslation();
  return (
    <div data-testid="console-run-result" data-outcome={run.outcome} style={{ marginTop: 12 }}>
      <Alert
        type={run.outcome === 'failed' ? 'error' : run.outcome === 'succeeded' ? 'success' : 'info'}
        showIcon
        title={
          <Flex gap={8} align="center" wrap>
            <span>{t('rules.console.runDone', { time: formatDateTime(run.startedAt) })}</span>
            <OutcomeTag outcome={run.outcome} testId="console-run-outcome" />
            {typeof run.durationMs === 'number' && <Typography.Text type="secondary">{t('ruleRuns.durationValue', { ms: run.durationMs })}</Typography.Text>}
          </Flex>
        }
        description={
          <>
            {run.error && <div>{run.error}</div>}
            {run.actions.map((a, i) => (
              <div key={i}>
                <Typography.Text code>{a.action}</Typography.Text> <OutcomeTag outcome={a.outcome} testId="console-run-action-outcome" /> {a.summary}
                {a.error && <Typography.Text type="danger"> {a.error}</Typography.Text>}
              </div>
            ))}
            <Link to={runLogPath} data-testid="console-run-log-link">
              {t('rules.console.openRunLog')}
            </Link>
          </>
        }
      />
    </div>
  );
}

export function TestConsole({
  payloadText,
  onPayloadText,
  dryRun,
  dryRunning,
  dryRunError,
  onDryRun,
  onRun,
  running,
  run,
  runError,
  canRun,
  runDisabledReason,
  expressionAt,
  dirty,
  isNew,
  runLogPath,
}: {
  payloadText: string;
  onPayloadText: (text: string) => void;
  dryRun: DryRun | null;
  dryRunning: boolean;
  dryRunError: string | null;
  onDryRun: () => void;
  onRun: () => void;
  running: boolean;
  run: RuleRun | null;
  runError: string | null;
  canRun: boolean;
  runDisabledReason?: string;
  /** The expression text a problem's field names (for the caret). */
  expressionAt: (field: string | null | undefined) => string | undefined;
  dirty: boolean;
  isNew: boolean;
  runLogPath: string;
}) {
  const { t } = useTranslation();
  const parsed = parseJsonObject(payloadText);
  const jsonError = parsed.ok ? null : parsed.error === 'notObject' ? t('schemaForm.notAnObject') : t('schemaForm.invalidJson', { message: parsed.error });

  const runButton = (
    <Button icon={<ThunderboltOutlined />} loading={running} disabled={!canRun || !parsed.ok} data-testid="rule-run-now">
      {t('rules.console.runNow')}
    </Button>
  );

  return (
    <Card
      data-testid="test-console"
      title={
        <span>
          <ExperimentOutlined /> {t('rules.console.title')}
        </span>
      }
      size="small"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('rules.console.hint')}
      </Typography.Paragraph>
      <Typography.Text strong style={{ fontSize: 13 }}>
        {t('rules.console.payload')}
      </Typography.Text>
      <Input.TextArea
        value={payloadText}
        onChange={(e) => onPayloadText(e.target.value)}
        data-testid="console-payload"
        status={jsonError ? 'error' : undefined}
        spellCheck={false}
        autoSize={{ minRows: 5, maxRows: 16 }}
        style={{ fontFamily: MONO, fontSize: 12, marginTop: 4 }}
      />
      {jsonError && (
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="console-payload-error">
          {jsonError}
        </Typography.Text>
      )}
      <Flex gap={8} wrap style={{ marginTop: 12 }}>
        <Tooltip title={isNew ? t('rules.console.saveFirst') : dirty ? t('rules.console.savesFirst') : undefined}>
          <Button type="primary" ghost icon={<CaretRightOutlined />} onClick={onDryRun} loading={dryRunning} disabled={isNew || !parsed.ok} data-testid="console-dry-run">
            {t('rules.console.dryRun')}
          </Button>
        </Tooltip>
        {canRun ? (
          <Popconfirm
            title={t('rules.console.runConfirm')}
            description={t('rules.console.runConfirmHint')}
            okText={t('rules.console.runNow')}
            cancelText={t('common.cancel')}
            okButtonProps={tid<ButtonProps>('rule-run-now-ok')}
            onConfirm={onRun}
            disabled={!parsed.ok}
          >
            {runButton}
          </Popconfirm>
        ) : (
          <Tooltip title={runDisabledReason}>{runButton}</Tooltip>
        )}
      </Flex>
      {dryRunError && <Alert type="error" showIcon title={dryRunError} style={{ marginTop: 12 }} data-testid="console-dry-run-error" />}
      {runError && <Alert type="error" showIcon title={runError} style={{ marginTop: 12 }} data-testid="console-run-error" />}
      {run && <RunResultView run={run} runLogPath={runLogPath} />}
      <div style={{ marginTop: 16 }}>
        {dryRun ? (
          <DryRunView result={dryRun} expressionAt={expressionAt} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rules.console.empty')} />
        )}
      </div>
    </Card>
  );
}
