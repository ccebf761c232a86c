import { Alert, Button, Card, Empty, Flex, Form, Select, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ActionInfo } from '../../api';
import { SchemaForm, type ProblemLookup } from '../../components/SchemaForm';
import { defaultsFor } from '../../components/schemaForm';
import { move, nextUid, type ActionState } from './ruleForm';

export function actionLabel(info: ActionInfo | undefined, key: string): string {
  const title = info?.configSchema?.title;
  return title && title !== key ? `${title} · ${key}` : key;
}

export function ActionsEditor({
  actions,
  onChange,
  registry,
  registryError,
  problemsAt,
  disabled,
}: {
  actions: ActionState[];
  /** `changedIndex`: the action whose problems are now stale (undefined: the list changed shape). */
  onChange: (actions: ActionState[], changedIndex?: number) => void;
  registry: ActionInfo[] | undefined;
  registryError?: string | null;
  problemsAt: ProblemLookup;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const byKey = new Map((registry ?? []).map((a) => [a.key, a]));

  const update = (i: number, patch: Partial<ActionState>) => onChange(actions.map((a, j) => (j === i ? { ...a, ...patch } : a)), i);

  const changeType = (i: number, key: string) => {
    const schema = byKey.get(key)?.configSchema;
    const old = actions[i].config;
    // keep what still fits the new schema, fill in the new one's defaults
    const kept = Object.fromEntries(Object.entries(old).filter(([k]) => schema?.properties && k in schema.properties));
    update(i, { action: key, config: { ...defaultsFor(schema), ...kept } });
  };

  return (
    <div data-testid="actions-editor">
      {registryError && <Alert type="warning" showIcon title={registryError} style={{ marginBottom: 12 }} />}
      {actions.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rules.noActions')} style={{ margin: '8px 0 16px' }} data-testid="actions-empty" />
      )}
      {actions.map((a, i) => {
        const info = byKey.get(a.action);
        const general = [...(problemsAt(`actions[${i}]`) ?? []), ...(problemsAt(`actions[${i}].config`) ?? [])];
        const typeProblems = problemsAt(`actions[${i}].action`);
        return (
          <Card
            key={a.uid}
            size="small"
            data-testid="rule-action"
            data-action={a.action}
            style={{ marginBottom: 12, background: '#fafbfc' }}
            title={
              <Typography.Text strong>
                {t('rules.actionN', { n: i + 1 })}
                {a.action && (
                  <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 8 }}>
                    {actionLabel(info, a.action)}
                  </Typography.Text>
                )}
              </Typography.Text>
            }
            extra={
              !disabled && (
                <Flex gap={0}>
                  <Tooltip title={t('rules.moveUp')}>
                    <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={t('rules.moveUp')} data-testid="action-up" onClick={() => onChange(move(actions, i, i - 1))} />
                  </Tooltip>
                  <Tooltip title={t('rules.moveDown')}>
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowDownOutlined />}
                      disabled={i === actions.length - 1}
                      aria-label={t('rules.moveDown')}
                      data-testid="action-down"
                      onClick={() => onChange(move(actions, i, i + 1))}
                    />
                  </Tooltip>
                  <Tooltip title={t('common.remove')}>
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} data-testid="action-remove" onClick={() => onChange(actions.filter((_, j) => j !== i))} />
                  </Tooltip>
                </Flex>
              )
            }
          >
            {general.length > 0 && (
              <Alert type="error" showIcon title={general.map((p) => p.message).join('；')} style={{ marginBottom: 12 }} data-testid="action-problem" />
            )}
            <Form.Item
              label={t('rules.actionType')}
              validateStatus={typeProblems?.length ? 'error' : undefined}
              help={typeProblems?.length ? <span data-testid="field-problem">{typeProblems.map((p) => p.message).join('；')}</span> : undefined}
              extra={info?.configSchema?.description}
            >
              <Select
                data-testid="rule-action-type"
                disabled={disabled}
                showSearch
                value={a.action || undefined}
                placeholder={t('rules.actionTypePlaceholder')}
                loading={!registry && !registryError}
                onChange={(key: string) => changeType(i, key)}
                options={[
                  ...(registry ?? []).map((r) => ({ value: r.key, label: actionLabel(r, r.key) })),
                  // an action the registry no longer knows stays visible
                  ...(a.action && registry && !byKey.has(a.action) ? [{ value: a.action, label: a.action }] : []),
                ]}
                style={{ maxWidth: 420 }}
              />
            </Form.Item>
            {a.action && info && (
              <SchemaForm
                key={a.action}
                schema={info.configSchema}
                value={a.config}
                onChange={(config) => update(i, { config })}
                path={`actions[${i}].config`}
                problemsAt={problemsAt}
                disabled={disabled}
                testId="cfg"
              />
            )}
            {a.action && registry && !info && (
              <Alert type="warning" showIcon title={t('rules.unknownAction', { key: a.action })} description={<pre style={{ margin: 0 }}>{JSON.stringify(a.config, null, 2)}</pre>} />
            )}
          </Card>
        );
      })}
      {!disabled && (
        <Button
          type="dashed"
          icon={<PlusOutlined />}
          data-testid="action-add"
          onClick={() => onChange([...actions, { uid: nextUid(), action: '', config: {} }])}
          block
        >
          {t('rules.addAction')}
        </Button>
      )}
    </div>
  );
}

