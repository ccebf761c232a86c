import { useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Flex, Form, Input, InputNumber, List, Popover, Row, Skeleton, Switch, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, CloudUploadOutlined, HistoryOutlined, ReloadOutlined, SaveOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, queryKeys, rulesApi, type DryRun, type Rule, type RuleRun, type VersionedRule } from '../../api';
import type { FieldProblem } from '../../api/problem';
import { errorMessage } from '../../components/errors';
import { Forbidden, NotFound, QueryError } from '../../components/feedback';
import { normalizePath, placeProblems } from '../../components/fieldProblems';
import { FormulaEditor } from '../../components/FormulaEditor';
import { FormulaEnvironmentProvider } from '../../components/formulaCheck';
import { PageHeader } from '../../components/PageHeader';
import { parseJsonObject } from '../../components/schemaForm';
import { formatDateTime } from '../../lib/time';
import { can, canOpen } from '../workspaces/permissions';
import { useWorkspace } from '../workspaces/WorkspaceGate';
import { ActionsEditor } from './ActionsEditor';
import { RulesBreadcrumb, RuleStatusTag, rulePath, rulesPath, runsPath } from './common';
import {
  clientProblems,
  comparableKey,
  editorSlots,
  emptyState,
  expressionAt,
  formulaFields,
  ruleToState,
  sampleContext,
  samplePayload,
  stateToDraft,
  withoutProblemsUnder,
  type EditorState,
} from './ruleForm';
import { TestCasesEditor } from './TestCasesEditor';
import { TestConsole } from './TestConsole';
import { formToTrigger, triggerEventType } from './trigger';
import { TriggerEditor } from './TriggerEditor';
import { useFormList } from '../forms/useForms';
import { useActions, useRule, useRuleCache, useRuleVersions } from './useRules';
import { useLeaveGuard } from '../../components/useLeaveGuard';

export default function RuleEditorPage() {
  const workspace = useWorkspace();
  const { appId = '', ruleId } = useParams();
  if (!canOpen(workspace, 'apps')) return <Forbidden />;
  // a fresh editor for each rule (and for a new one)
  return <RuleEditor key={ruleId ?? 'new'} workspaceId={workspace.id} appId={appId} ruleId={ruleId} manage={can(workspace, 'app.manage')} />;
}

type Busy = 'save' | 'publish' | 'enable' | 'dryRun' | 'run' | null;

function RuleEditor({ workspaceId, appId, ruleId, manage }: { workspaceId: string; appId: string; ruleId?: string; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const ruleQuery = useRule(workspaceId, appId, ruleId);
  const appForms = useFormList(workspaceId, appId);
  const registry = useActions();
  const cache = useRuleCache(workspaceId, appId);

  const [state, setState] = useState<EditorState | null>(() => (ruleId ? null : emptyState()));
  const [savedKey, setSavedKey] = useState<string | null>(() => (ruleId ? null : comparableKey(emptyState())));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [topError, setTopError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  /** null: the console follows the first test case's payload. */
  const [consoleText, setConsoleText] = useState<string | null>(null);
  const [dryRun, setDryRun] = useState<DryRun | null>(null);
  const [dryRunError, setDryRunError] = useState<string | null>(null);
  const [run, setRun] = useState<RuleRun | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [occurredAt] = useState(() => new Date().toISOString());

  // the first load fills the editor; later refetches (a new ETag, versions) leave the user's edits alone
  useEffect(() => {
    if (state === null && ruleQuery.data) {
      const s = ruleToState(ruleQuery.data.rule);
      setState(s);
      setSavedKey(comparableKey(s));
    }
  }, [ruleQuery.data, state]);

  const dirty = state !== null && savedKey !== null && comparableKey(state) !== savedKey;

  useLeaveGuard(dirty);

  const schemas = useMemo(() => Object.fromEntries((registry.data ?? []).map((a) => [a.key, a.configSchema])), [registry.data]);
  const effectiveConsoleText = consoleText ?? state?.testCases[0]?.payloadText ?? '{}';
  const trigger = state ? formToTrigger(state.trigger) : null;
  const eventType = trigger ? triggerEventType(trigger) : undefined;
  const payloadsKey = state ? state.testCases.map((c) => c.payloadText).join('\u0000') : '';
  const triggerKey = state ? JSON.stringify(state.trigger) : '';
  const env = useMemo(() => {
    if (!state) return { fields: [], context: {} };
    const payload = samplePayload(effectiveConsoleText, state);
    return { fields: formulaFields(effectiveConsoleText, state), context: sampleContext(payload, eventType, occurredAt) };
    // recomputed when the samples change, not on every keystroke elsewhere
  }, [effectiveConsoleText, payloadsKey, triggerKey, eventType, occurredAt]);

  const placed = useMemo(() => placeProblems(problems, state ? editorSlots(state, schemas) : []), [problems, state, schemas]);
  const problemsAt = (path: string) => placed.bySlot[normalizePath(path)];

  if (ruleId && state === null) {
    if (ruleQuery.isError) {
      if (ruleQuery.error instanceof ApiError && ruleQuery.error.status === 404) {
        return <NotFound title={t('rules.notFoundTitle')} message={t('rules.notFound')} />;
      }
      return (
        <>
          <RulesBreadcrumb workspaceId={workspaceId} appId={appId} current={t('rules.editTitle')} />
          <QueryError error={ruleQuery.error} onRetry={() => void ruleQuery.refetch()} />
        </>
      );
    }
    return <Skeleton active paragraph={{ rows: 10 }} />;
  }
  if (!state) return null;

  const server: Rule | undefined = ruleQuery.data?.rule;
  const etag = ruleQuery.data?.etag ?? null;
  const readOnly = !manage;

  const edit = (patch: Partial<EditorState>, clearPath?: string) => {
    setState((s) => (s ? { ...s, ...patch } : s));
    if (clearPath) setProblems((p) => withoutProblemsUnder(p, clearPath));
  };

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.status === 412) {
      setConflict(true);
      return;
    }
    setProblems(e instanceof ApiError ? e.fieldErrors : []);
    setTopError(errorMessage(e, t));
  };

  const save = async (): Promise<VersionedRule | null> => {
    const client = clientProblems(state, schemas, t);
    if (client.length) {
      setProblems(client);
      setTopError(t('rules.fixProblems'));
      return null;
    }
    setProblems([]);
    setTopError(null);
    const draft = stateToDraft(state);
    const key = comparableKey(state);
    setBusy('save');
    try {
      if (!ruleId) {
        const res = await rulesApi.create(workspaceId, appId, draft);
        cache.store(res);
        message.success(t('rules.created', { name: res.rule.name }));
        navigate(rulePath(workspaceId, appId, res.rule.id), { replace: true });
        return res;
      }
      const res = await rulesApi.update(workspaceId, appId, ruleId, draft, etag);
      cache.store(res, etag);
      setSavedKey(key);
      const results = res.rule.testResults ?? [];
      const passed = results.filter((r) => r.passed).length;
      message.success(
        results.length
          ? t('rules.savedWithTests', { version: res.rule.draftVersion, passed, total: results.length })
          : t('rules.saved', { version: res.rule.draftVersion }),
      );
      return res;
    } catch (e) {
      fail(e);
      return null;
    } finally {
      setBusy(null);
    }
  };

  const publish = async () => {
    if (!ruleId) return;
    if (dirty) {
      const saved = await save();
      if (!saved) return;
    }
    setBusy('publish');
    try {
      const res = await rulesApi.publish(workspaceId, appId, ruleId);
      cache.store(res, etag);
      cache.invalidateVersions(ruleId);
      setProblems([]);
      setTopError(null);
      message.success(t('rules.publishedMsg', { version: res.rule.publishedVersion ?? res.rule.draftVersion }));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const setEnabled = async (enabled: boolean) => {
    if (!ruleId) return;
    setBusy('enable');
    try {
      const res = await rulesApi.setEnabled(workspaceId, appId, ruleId, enabled);
      cache.store(res, etag);
      message.success(enabled ? t('rules.enabledOn', { name: res.rule.name }) : t('rules.enabledOff', { name: res.rule.name }));
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setBusy(null);
    }
  };

  const doDryRun = async () => {
    if (!ruleId) return;
    const payload = parseJsonObject(effectiveConsoleText);
    if (!payload.ok) return;
    if (dirty) {
      const saved = await save();
      if (!saved) return;
    }
    setBusy('dryRun');
    setDryRunError(null);
    try {
      setDryRun(await rulesApi.dryRun(workspaceId, appId, ruleId, payload.value, eventType));
    } catch (e) {
      setDryRun(null);
      setDryRunError(errorMessage(e, t));
      if (e instanceof ApiError && e.fieldErrors.length) setProblems(e.fieldErrors);
    } finally {
      setBusy(null);
    }
  };

  const doRun = async () => {
    if (!ruleId) return;
    const payload = parseJsonObject(effectiveConsoleText);
    if (!payload.ok) return;
    setBusy('run');
    setRunError(null);
    try {
      setRun(await rulesApi.run(workspaceId, appId, ruleId, payload.value));
      cache.invalidateRuns();
      void queryClient.invalidateQueries({ queryKey: queryKeys.rules(workspaceId, appId), exact: true });
    } catch (e) {
      setRun(null);
      setRunError(errorMessage(e, t));
    } finally {
      setBusy(null);
    }
  };

  const reload = async () => {
    if (!ruleId) return;
    try {
      const fresh = await queryClient.fetchQuery({
        queryKey: queryKeys.rule(workspaceId, appId, ruleId),
        queryFn: () => rulesApi.get(workspaceId, appId, ruleId),
        staleTime: 0,
      });
      const s = ruleToState(fresh.rule);
      setState(s);
      setSavedKey(comparableKey(s));
      setProblems([]);
      setTopError(null);
      setConflict(false);
      setConsoleText(null);
      message.success(t('rules.reloaded'));
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const published = server?.publishedVersion !== null && server?.publishedVersion !== undefined;
  const canRun = !!server && server.enabled && published;
  const runDisabledReason = !ruleId ? t('rules.console.saveFirst') : !published ? t('rules.console.runNeedsPublish') : !server?.enabled ? t('rules.console.runNeedsEnabled') : undefined;
  const conditionProblem = problemsAt('condition')?.[0] ?? null;
  const unplaced = placed.unplaced;
  const title = state.name.trim() || (ruleId ? t('rules.editTitle') : t('rules.newTitle'));

  return (
    <FormulaEnvironmentProvider value={env}>
      <RulesBreadcrumb workspaceId={workspaceId} appId={appId} current={ruleId ? (server?.name ?? t('rules.editTitle')) : t('rules.newTitle')} />
      <PageHeader
        title={<span data-testid="rule-title">{title}</span>}
        subtitle={
          <Flex gap={8} align="center" wrap component="span">
            {server ? (
              <>
                <span data-testid="rule-version" data-draft={server.draftVersion} data-published={server.publishedVersion ?? ''}>
                  {t('rules.versionLine', { draft: server.draftVersion })}
                </span>
                <RuleStatusTag draftVersion={server.draftVersion} publishedVersion={server.publishedVersion} changedSincePublish={server.changedSincePublish} />
                <span>{t('rules.updatedAt', { time: formatDateTime(server.updatedAt) })}</span>
              </>
            ) : (
              <span>{t('rules.newSubtitle')}</span>
            )}
            {dirty && (
              <Tag color="gold" data-testid="rule-dirty">
                {t('rules.unsaved')}
              </Tag>
            )}
          </Flex>
        }
        extra={
          <>
            {server && (
              <Tooltip title={!published && !server.enabled ? t('rules.enableNeedsPublish') : undefined}>
                <Flex gap={6} align="center" style={{ paddingInline: 4 }}>
                  <Switch
                    checked={server.enabled}
                    loading={busy === 'enable'}
                    disabled={readOnly || busy !== null || (!server.enabled && !published)}
                    onChange={(v) => void setEnabled(v)}
                    data-testid="rule-enabled"
                    aria-label={t('rules.enabled')}
                  />
                  <span>{server.enabled ? t('rules.enabledState') : t('rules.disabledState')}</span>
                </Flex>
              </Tooltip>
            )}
            {ruleId && <VersionsButton workspaceId={workspaceId} appId={appId} ruleId={ruleId} />}
            <Link to={runsPath(workspaceId, appId, ruleId)} data-testid="rule-runs-link">
              <Button icon={<UnorderedListOutlined />}>{t('rules.runLog')}</Button>
            </Link>
            {!readOnly && (
              <>
                <Button icon={<SaveOutlined />} onClick={() => void save()} loading={busy === 'save'} disabled={busy !== null && busy !== 'save'} data-testid="rule-save">
                  {t('common.save')}
                </Button>
                <Tooltip title={!ruleId ? t('rules.publishNeedsSave') : dirty ? t('rules.publishSavesFirst') : undefined}>
                  <Button
                    type="primary"
                    icon={<CloudUploadOutlined />}
                    onClick={() => void publish()}
                    loading={busy === 'publish'}
                    disabled={!ruleId || (busy !== null && busy !== 'publish')}
                    data-testid="rule-publish"
                  >
                    {t('rules.publish')}
                  </Button>
                </Tooltip>
              </>
            )}
          </>
        }
      />
      {conflict && (
        <Alert
          type="warning"
          showIcon
          data-testid="rule-conflict"
          title={t('rules.conflictTitle')}
          description={t('rules.conflictHint')}
          action={
            <Button size="small" icon={<ReloadOutlined />} onClick={() => void reload()} data-testid="rule-reload">
              {t('rules.reload')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {readOnly && <Alert type="info" showIcon title={t('rules.readOnly')} style={{ marginBottom: 16 }} />}
      {(topError || unplaced.length > 0) && (
        <Alert
          type="error"
          showIcon
          data-testid="rule-error"
          title={topError ?? t('rules.fixProblems')}
          description={
            unplaced.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {unplaced.map((p, i) => (
                  <li key={i}>
                    {p.field && <Typography.Text code>{p.field}</Typography.Text>} {p.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
          closable={{ onClose: () => setTopError(null) }}
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Form layout="vertical" component="div" requiredMark={false} disabled={readOnly}>
            <Card title={t('rules.sectionBasics')} size="small" style={{ marginBottom: 16 }}>
              <Flex gap={16} wrap>
                <Form.Item
                  label={t('rules.name')}
                  style={{ flex: '1 1 320px', marginBottom: 8 }}
                  validateStatus={problemsAt('name')?.length ? 'error' : undefined}
                  help={problemsAt('name')?.length ? <span data-testid="field-problem">{problemsAt('name')!.map((p) => p.message).join('；')}</span> : undefined}
                >
                  <Input value={state.name} onChange={(e) => edit({ name: e.target.value }, 'name')} placeholder={t('rules.namePlaceholder')} maxLength={100} data-testid="rule-name" />
                </Form.Item>
                <Form.Item
                  label={t('rules.priority')}
                  extra={t('rules.priorityHint')}
                  style={{ width: 200, marginBottom: 8 }}
                  validateStatus={problemsAt('priority')?.length ? 'error' : undefined}
                  help={problemsAt('priority')?.map((p) => p.message).join('；')}
                >
                  <InputNumber
                    value={state.priority}
                    precision={0}
                    min={0}
                    max={10000}
                    onChange={(v) => edit({ priority: v === null ? null : Number(v) }, 'priority')}
                    style={{ width: '100%' }}
                    data-testid="rule-priority"
                  />
                </Form.Item>
              </Flex>
            </Card>
            <Card title={t('rules.sectionTrigger')} size="small" style={{ marginBottom: 16 }}>
              <TriggerEditor value={state.trigger} onChange={(trigger) => edit({ trigger }, 'trigger')} problemsAt={problemsAt} fields={env.fields} forms={appForms.data ?? []} disabled={readOnly} />
            </Card>
            <Card title={t('rules.sectionCondition')} size="small" style={{ marginBottom: 16 }}>
              <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                {t('rules.conditionHint')}
              </Typography.Paragraph>
              <FormulaEditor
                value={state.condition}
                onChange={(condition) => edit({ condition }, 'condition')}
                problem={conditionProblem}
                disabled={readOnly}
                placeholder={t('rules.conditionPlaceholder')}
                emptyHint={t('rules.conditionEmpty')}
                aria-label={t('rules.sectionCondition')}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="formula-sample">
                {Object.keys(env.context).length > 1
                  ? t('rules.sampleFrom', { fields: env.fields.filter((f) => f !== 'event' && f !== 'now').slice(0, 6).join(', ') })
                  : t('rules.noSample')}
              </Typography.Text>
            </Card>
            <Card title={t('rules.sectionActions')} size="small" style={{ marginBottom: 16 }}>
              <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                {t('rules.actionsHint')}
              </Typography.Paragraph>
              <ActionsEditor
                actions={state.actions}
                onChange={(actions, i) => edit({ actions }, i === undefined ? 'actions' : `actions[${i}]`)}
                registry={registry.data}
                registryError={registry.isError ? errorMessage(registry.error, t) : null}
                problemsAt={problemsAt}
                disabled={readOnly}
              />
            </Card>
            <Card title={t('rules.sectionTests')} size="small" style={{ marginBottom: 16 }}>
              <TestCasesEditor
                cases={state.testCases}
                onChange={(testCases, i) => edit({ testCases }, i === undefined ? 'testCases' : `testCases[${i}]`)}
                results={server?.testResults}
                stale={dirty}
                problemsAt={problemsAt}
                disabled={readOnly}
                onUseInConsole={(text) => setConsoleText(text)}
              />
            </Card>
          </Form>
        </Col>
        <Col xs={24} xl={9}>
          <div style={{ position: 'sticky', top: 88 }}>
            <TestConsole
              payloadText={effectiveConsoleText}
              onPayloadText={setConsoleText}
              dryRun={dryRun}
              dryRunning={busy === 'dryRun'}
              dryRunError={dryRunError}
              onDryRun={() => void doDryRun()}
              onRun={() => void doRun()}
              running={busy === 'run'}
              run={run}
              runError={runError}
              canRun={canRun && busy === null}
              runDisabledReason={runDisabledReason}
              expressionAt={(field) => expressionAt(state, field)}
              dirty={dirty}
              isNew={!ruleId}
              runLogPath={runsPath(workspaceId, appId, ruleId)}
            />
            <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(rulesPath(workspaceId, appId))} style={{ paddingInline: 0, marginTop: 8 }} data-testid="rule-back">
              {t('rules.backToList')}
            </Button>
          </div>
        </Col>
      </Row>
    </FormulaEnvironmentProvider>
  );
}

function VersionsButton({ workspaceId, appId, ruleId }: { workspaceId: string; appId: string; ruleId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const versions = useRuleVersions(workspaceId, appId, ruleId, open);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={t('rules.versions')}
      content={
        <div style={{ width: 300 }} data-testid="rule-versions-list">
          {versions.isPending ? (
            <Skeleton active paragraph={{ rows: 2 }} />
          ) : versions.isError ? (
            <Typography.Text type="danger">{errorMessage(versions.error, t)}</Typography.Text>
          ) : (
            <List
              size="small"
              locale={{ emptyText: t('rules.noVersions') }}
              dataSource={[...(versions.data ?? [])].sort((a, b) => b.version - a.version)}
              renderItem={(v) => (
                <List.Item>
                  <Flex justify="space-between" style={{ width: '100%' }} gap={8}>
                    <Tag color="green">v{v.version}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(v.publishedAt)}
                      {v.publishedBy ? ` · ${v.publishedBy}` : ''}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </div>
      }
    >
      <Button icon={<HistoryOutlined />} data-testid="rule-versions">
        {t('rules.versions')}
      </Button>
    </Popover>
  );
}
