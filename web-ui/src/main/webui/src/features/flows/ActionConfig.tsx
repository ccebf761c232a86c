import { useState } from 'react';
import { Alert, Button, Form, Input, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ActionInfo } from '../../api';
import { SchemaForm } from '../../components/SchemaForm';
import { defaultsFor } from '../../components/schemaForm';
import { useActions } from '../rules/useRules';
import { useWorkspace } from '../workspaces/WorkspaceGate';
import { filledByEngine, flowActionSchema } from './actionSchema';
import { keyPart } from './summary';
import type { NodeConfig } from './types';
import { useFlowList } from './useFlows';
import { text } from './nodeConfig';

type SetConfig = (config: NodeConfig) => void;


/**
 * An action node's settings: the action, chosen from the registry, and a form generated from its
 * JSON schema (values or "=" formulas over the record); a flow to start is picked by name. An action
 * the registry does not know keeps a plain parameter list.
 */
export function ActionConfig({ config, onChange, readOnly }: { config: NodeConfig; onChange: SetConfig; readOnly: boolean }) {
  const { t } = useTranslation();
  const registry = useActions();
  const action = text(config.action);
  const info = registry.data?.find((a) => a.key === action);
  const params = Object.fromEntries(Object.entries(config).filter(([k]) => k !== 'action'));
  const label = (a: ActionInfo) => `${t(`flows.action.actions.${keyPart(a.key)}`, { defaultValue: a.configSchema?.title ?? a.key })} · ${a.key}`;

  const choose = (next: string) => {
    const schema = registry.data?.find((a) => a.key === next)?.configSchema;
    // keep what still fits the new action, fill in its defaults
    const kept = Object.fromEntries(Object.entries(params).filter(([k]) => schema?.properties && k in schema.properties));
    onChange({ action: next, ...defaultsFor(schema), ...kept });
  };
  const filled = filledByEngine(action);

  return (
    <>
      <Form.Item label={t('flows.action.action')}>
        <Select showSearch value={action || undefined} onChange={choose} loading={registry.isLoading} disabled={readOnly}
          placeholder={t('flows.action.actionPlaceholder')} optionFilterProp="label"
          options={(registry.data ?? []).map((a) => ({ value: a.key, label: label(a) }))} data-testid="flow-action-key" />
      </Form.Item>
      {registry.error && <Alert type="warning" showIcon title={t('flows.action.registryError')} style={{ marginBottom: 8 }} />}
      {action === 'flow.start' && (
        <FlowPicker value={text(config.flow)} onChange={(flow) => onChange({ ...config, flow })} readOnly={readOnly} />
      )}
      {info ? (
        <SchemaForm schema={flowActionSchema(action, info.configSchema)} value={params} disabled={readOnly}
          onChange={(values) => onChange({ action, ...(action === 'flow.start' && config.flow ? { flow: config.flow } : {}), ...values })}
          path="config" testId="flow-action-config" />
      ) : action && !registry.isLoading ? (
        <ParamsEditor config={config} onChange={onChange} />
      ) : null}
      {filled.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="flow-action-filled">
          {t('flows.action.filledByEngine', { fields: filled.join(', ') })}
        </Typography.Paragraph>
      )}
    </>
  );
}

/** The flow a "flow.start" starts: one of the app's flows, by name. */
function FlowPicker({ value, onChange, readOnly }: { value: string; onChange: (flowId: string) => void; readOnly: boolean }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { appId = '', flowId = '' } = useParams();
  const flows = useFlowList(workspace.id, appId);
  return (
    <Form.Item label={t('flows.action.flow')} required extra={t('flows.action.flowHelp')}>
      <Select showSearch value={value || undefined} onChange={onChange} loading={flows.isLoading} disabled={readOnly}
        optionFilterProp="label" placeholder={t('flows.action.flowPlaceholder')}
        options={(flows.data ?? []).filter((f) => f.id !== flowId).map((f) => ({
          value: f.id,
          label: f.publishedVersion ? f.name : `${f.name}（${t('flows.statusDraft')}）`,
        }))} data-testid="flow-action-flow" />
    </Form.Item>
  );
}

/** A parameter row: the value as the config holds it until its text is edited. */
interface Param {
  key: string;
  value: unknown;
}

const paramText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** Plain name/value parameters, for an action the registry does not describe. */
function ParamsEditor({ config, onChange }: { config: NodeConfig; onChange: SetConfig }) {
  const { t } = useTranslation();
  const [params, setParams] = useState<Param[]>(() =>
    Object.entries(config).filter(([k]) => k !== 'action').map(([key, value]) => ({ key, value })),
  );
  const setRows = (rows: Param[]) => {
    setParams(rows);
    const next: NodeConfig = { action: config.action };
    for (const r of rows) if (r.key.trim() && r.key.trim() !== 'action' && !(r.key.trim() in next)) next[r.key.trim()] = r.value;
    onChange(next);
  };
  return (
    <Form.Item label={t('flows.action.params')}>
      {params.map((p, i) => (
        <Space key={i} style={{ display: 'flex', marginBottom: 4 }}>
          <Input value={p.key} placeholder={t('flows.action.paramKey')} maxLength={64} style={{ width: 110 }}
            onChange={(e) => setRows(params.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))} data-testid={`flow-action-param-key-${i}`} />
          <Input value={paramText(p.value)} placeholder={t('flows.action.paramValue')}
            onChange={(e) => setRows(params.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} data-testid={`flow-action-param-value-${i}`} />
          <Button type="text" danger icon={<DeleteOutlined />} onClick={() => setRows(params.filter((_, j) => j !== i))} aria-label={t('common.delete')} />
        </Space>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => setParams([...params, { key: '', value: '' }])} data-testid="flow-action-param-add">
        {t('flows.action.addParam')}
      </Button>
    </Form.Item>
  );
}
