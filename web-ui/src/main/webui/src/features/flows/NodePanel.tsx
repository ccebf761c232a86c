import { useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DURATION_UNITS, fromIsoDuration, toIsoDuration, type DurationUnit } from './duration';
import { variantsOf, type DesignerNode, type FlowNodeData } from './graph';
import { ActionConfig } from './ActionConfig';
import { ScheduleConfig } from './ScheduleConfig';
import { FieldKeySelect, FormKeySelect } from './FormPickers';
import { NodeIcon } from './nodeIcons';
import { APPROVAL_MODES, ASSIGNEE_KINDS, isNodeType, TRIGGER_ONS } from './nodeTypes';
import { isRecord, strings, text, withKey } from './nodeConfig';
import { keyPart } from './summary';
import { useRoles } from '../admin/roles/useRoles';
import { MemberSelect, RecordsScopeContext } from '../records';
import { canAny } from '../workspaces/permissions';
import { useWorkspace } from '../workspaces/WorkspaceGate';
import type { FlowProblem, NodeConfig } from './types';

type SetConfig = (config: NodeConfig) => void;

interface Props {
  node: DesignerNode;
  /** the form whose records start the flow: its fields are what waits and conditions read */
  triggerForm?: string | null;
  readOnly: boolean;
  problems: FlowProblem[];
  onChange: (patch: Partial<FlowNodeData>) => void;
  onRemove: () => void;
}

/** The selected node: its name, then the config its type needs; the server's problems with it on top. */
export function NodePanel({ node, triggerForm = null, readOnly, problems, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  const { type, config } = node.data;
  const typeLabel = t(`flows.node.${type}`, { defaultValue: type });
  const setConfig: SetConfig = (next) => onChange({ config: next });
  return (
    <Form layout="vertical" size="small" disabled={readOnly} data-testid="flow-node-panel" data-node={node.id}>
      {problems.map((p, i) => (
        <Alert key={i} type="error" showIcon title={p.message} style={{ marginBottom: 8 }} data-testid="flow-node-panel-problem" />
      ))}
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Space>
          <NodeIcon type={type} />
          <span>{typeLabel}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('flows.designer.nodeId')}: {node.id}
          </Typography.Text>
        </Space>
      </Typography.Paragraph>
      <Form.Item label={t('flows.prop.name')}>
        <Input value={node.data.name ?? ''} placeholder={typeLabel} maxLength={100} onChange={(e) => onChange({ name: e.target.value })} data-testid="flow-node-name" />
      </Form.Item>
      {type === 'trigger' && <TriggerConfig config={config} onChange={setConfig} />}
      {type === 'approval' && <ApprovalConfig config={config} onChange={setConfig} triggerForm={triggerForm} />}
      {type === 'action' && <ActionConfig config={config} onChange={setConfig} readOnly={readOnly} />}
      {type === 'wait' && <WaitConfig config={config} onChange={setConfig} triggerForm={triggerForm} />}
      {type === 'ab' && <VariantsEditor config={config} onChange={setConfig} />}
      {(type === 'condition' || type === 'parallel' || type === 'join' || type === 'end') && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t(`flows.notes.${type}`)}</Typography.Paragraph>
      )}
      {!isNodeType(type) && <pre style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>{JSON.stringify(config, null, 2)}</pre>}
      {!readOnly && (
        <Button danger icon={<DeleteOutlined />} onClick={onRemove} data-testid="flow-node-delete">
          {t('flows.designer.deleteNode')}
        </Button>
      )}
    </Form>
  );
}

/** Which keys each way of starting uses (the others are dropped when it changes). */
const TRIGGER_KEYS: Record<string, string[]> = {
  'record.created': ['form', 'customerField'],
  'record.updated': ['form', 'customerField'],
  'field.changed': ['form', 'field', 'customerField'],
  schedule: ['cron', 'form', 'filter', 'customerField'],
  manual: ['form'],
  event: ['event'],
};

function TriggerConfig({ config, onChange }: { config: NodeConfig; onChange: SetConfig }) {
  const { t } = useTranslation();
  const on = text(config.on) || undefined;
  const keys = on ? TRIGGER_KEYS[on] ?? [] : [];
  const changeOn = (next: string) => {
    const kept: NodeConfig = { on: next };
    for (const k of TRIGGER_KEYS[next] ?? []) if (config[k] !== undefined) kept[k] = config[k];
    onChange(kept);
  };
  return (
    <>
      <Form.Item label={t('flows.trigger.on')}>
        <Select
          value={on}
          onChange={changeOn}
          options={TRIGGER_ONS.map((o) => ({ value: o, label: t(`flows.trigger.ons.${keyPart(o)}`) }))}
          data-testid="flow-trigger-on"
        />
      </Form.Item>
      {on === 'schedule' && <ScheduleConfig config={config} onChange={onChange} />}
      {on !== 'schedule' && keys.includes('form') && (
        <Form.Item label={on === 'manual' ? t('flows.trigger.manualForm') : t('flows.trigger.form')}
          extra={on === 'manual' ? t('flows.trigger.manualFormHelp') : undefined}>
          <FormKeySelect value={text(config.form)} testId="flow-trigger-form"
            onChange={(form) => onChange(withKey(withKey(withKey(config, 'form', form), 'field', undefined), 'customerField', undefined))} />
        </Form.Item>
      )}
      {keys.includes('field') && (
        <Form.Item label={t('flows.trigger.field')}>
          <FieldKeySelect formKey={text(config.form)} value={text(config.field)} onChange={(field) => onChange(withKey(config, 'field', field))}
            testId="flow-trigger-field" />
        </Form.Item>
      )}
      {on !== 'schedule' && keys.includes('customerField') && (
        <Form.Item label={t('flows.trigger.customerField')} extra={t('flows.trigger.customerFieldHelp')}>
          <FieldKeySelect formKey={text(config.form)} value={text(config.customerField)} placeholder={t('flows.trigger.customerIsRecord')}
            onChange={(field) => onChange(withKey(config, 'customerField', field))} testId="flow-trigger-customer" />
        </Form.Item>
      )}
      {keys.includes('event') && (
        <Form.Item label={t('flows.trigger.event')}>
          <Input value={text(config.event)} maxLength={100} placeholder={t('flows.trigger.eventPlaceholder')}
            onChange={(e) => onChange(withKey(config, 'event', e.target.value))} data-testid="flow-trigger-event" />
        </Form.Item>
      )}
    </>
  );
}

/** Roles picked from the workspace's, by name (the engine also takes a built-in key or an id typed by hand). */
function RolesInput({ value, onChange, testId }: { value: string[]; onChange: (v: string[]) => void; testId: string }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const roles = useRoles(workspace.id, canAny(workspace, 'role.manage', 'member.view', 'member.manage'));
  return (
    <div data-testid={testId}>
      <Select
        mode="tags"
        value={value}
        onChange={(v: string[]) => onChange(v.map((x) => x.trim()).filter(Boolean))}
        tokenSeparators={[',', '，', ';', '；', '、']}
        options={(roles.data ?? []).map((r) => ({ value: r.name, label: r.name }))}
        placeholder={t('flows.approval.listPlaceholder')}
        style={{ width: '100%' }}
      />
    </div>
  );
}

/** Members of the workspace picked by name; the config keeps their ids. */
function UsersInput({ value, onChange, testId }: { value: string[]; onChange: (v: string[]) => void; testId: string }) {
  const workspace = useWorkspace();
  return (
    <RecordsScopeContext.Provider value={{ workspaceId: workspace.id, appId: '' }}>
      <div data-testid={testId}>
        <MemberSelect multiple value={value} onChange={(v) => onChange(Array.isArray(v) ? v : v ? [v] : [])} />
      </div>
    </RecordsScopeContext.Provider>
  );
}

function ApprovalConfig({ config, onChange, triggerForm }: { config: NodeConfig; onChange: SetConfig; triggerForm: string | null }) {
  const { t } = useTranslation();
  const assignees = isRecord(config.assignees) ? config.assignees : {};
  const by = text(assignees.by) || 'role';
  const setAssignees = (next: Record<string, unknown>) => onChange({ ...config, assignees: { by, ...next } });
  const changeBy = (next: string) => {
    const kept: Record<string, unknown> = { by: next };
    if (next === 'user') kept.users = strings(assignees.users);
    if (next === 'role') kept.roles = strings(assignees.roles);
    if (next === 'field' && assignees.field !== undefined) kept.field = assignees.field;
    setAssignees(kept);
  };
  return (
    <>
      <Form.Item label={t('flows.approval.mode')}>
        <Select
          value={text(config.mode) || 'any'}
          onChange={(mode: string) => onChange({ ...config, mode })}
          options={APPROVAL_MODES.map((m) => ({ value: m, label: t(`flows.approval.modes.${m}`) }))}
          data-testid="flow-approval-mode"
        />
      </Form.Item>
      <Form.Item label={t('flows.approval.by')}>
        <Radio.Group
          value={by}
          onChange={(e) => changeBy(e.target.value as string)}
          optionType="button"
          options={ASSIGNEE_KINDS.map((k) => ({ value: k, label: t(`flows.approval.bys.${k}`) }))}
          data-testid="flow-approval-by"
        />
      </Form.Item>
      {by === 'user' && (
        <Form.Item label={t('flows.approval.users')}>
          <UsersInput value={strings(assignees.users)} onChange={(users) => setAssignees({ ...assignees, users })} testId="flow-approval-users" />
        </Form.Item>
      )}
      {by === 'role' && (
        <Form.Item label={t('flows.approval.roles')}>
          <RolesInput value={strings(assignees.roles)} onChange={(roles) => setAssignees({ ...assignees, roles })} testId="flow-approval-roles" />
        </Form.Item>
      )}
      {by === 'field' && (
        <Form.Item label={t('flows.approval.field')} extra={t('flows.approval.fieldHelp')}>
          <FieldKeySelect formKey={triggerForm} value={text(assignees.field)} types={['member']}
            onChange={(field) => setAssignees({ ...assignees, field: field ?? '' })} testId="flow-approval-field" />
        </Form.Item>
      )}
      <OptionalDuration label={t('flows.approval.remindAfter')} toggleLabel={t('flows.approval.remindAfterToggle')} extra={t('flows.approval.remindAfterHelp')}
        value={config.remindAfter} onChange={(remindAfter) => onChange(withKey(config, 'remindAfter', remindAfter))} testId="flow-approval-remind" />
      <OptionalDuration label={t('flows.approval.timeout')} toggleLabel={t('flows.approval.timeout')} value={config.timeout}
        onChange={(timeout) => onChange(withKey(config, 'timeout', timeout))} testId="flow-approval-timeout" />
      {config.timeout !== undefined && (
        <Form.Item label={t('flows.approval.onTimeout')}>
          <Select value={text(config.onTimeout) || 'escalate'} onChange={(v: string) => onChange({ ...config, onTimeout: v })}
            options={['escalate', 'approve', 'reject'].map((v) => ({ value: v, label: t(`flows.approval.onTimeouts.${v}`) }))}
            data-testid="flow-approval-on-timeout" />
        </Form.Item>
      )}
      {config.timeout !== undefined && (text(config.onTimeout) || 'escalate') === 'escalate' && (
        <Form.Item label={t('flows.approval.escalateTo')}>
          <UsersInput value={strings(isRecord(config.escalateTo) ? config.escalateTo.users : undefined)}
            onChange={(users) => onChange(withKey(config, 'escalateTo', users.length ? { by: 'user', users } : undefined))}
            testId="flow-approval-escalate-to" />
        </Form.Item>
      )}
      <Form.Item label={t('flows.approval.cc')}>
        <UsersInput value={strings(isRecord(config.cc) ? config.cc.users : undefined)}
          onChange={(users) => onChange(withKey(config, 'cc', users.length ? { by: 'user', users } : undefined))} testId="flow-approval-cc" />
      </Form.Item>
    </>
  );
}

type WaitKind = 'duration' | 'untilField' | 'event';
const WAIT_KINDS: readonly WaitKind[] = ['duration', 'untilField', 'event'];

function WaitConfig({ config, onChange, triggerForm }: { config: NodeConfig; onChange: SetConfig; triggerForm: string | null }) {
  const { t } = useTranslation();
  const kind = WAIT_KINDS.find((k) => config[k] !== undefined);
  const changeKind = (next: WaitKind) => onChange(next === 'duration' ? { duration: 'P1D' } : { [next]: '' });
  return (
    <>
      <Form.Item label={t('flows.wait.kind')}>
        <Radio.Group
          value={kind}
          onChange={(e) => changeKind(e.target.value as WaitKind)}
          optionType="button"
          options={WAIT_KINDS.map((k) => ({ value: k, label: t(`flows.wait.kinds.${k}`) }))}
          data-testid="flow-wait-kind"
        />
      </Form.Item>
      {kind === 'duration' && (
        <Form.Item label={t('flows.wait.duration')}>
          <DurationInput value={config.duration} onChange={(duration) => onChange({ ...config, duration })} testId="flow-wait-duration" />
        </Form.Item>
      )}
      {kind === 'untilField' && (
        <Form.Item label={t('flows.wait.untilField')}>
          <FieldKeySelect formKey={triggerForm} value={text(config.untilField)} types={['date', 'datetime']}
            onChange={(untilField) => onChange({ ...config, untilField: untilField ?? '' })} testId="flow-wait-until" />
        </Form.Item>
      )}
      {kind === 'event' && (
        <>
          <Form.Item label={t('flows.wait.event')}>
            <Input value={text(config.event)} maxLength={100} placeholder={t('flows.trigger.eventPlaceholder')}
              onChange={(e) => onChange({ ...config, event: e.target.value })} data-testid="flow-wait-event" />
          </Form.Item>
          <Form.Item label={t('flows.wait.eventForm')}>
            <FormKeySelect value={text(config.form)} placeholder={t('flows.goal.anyForm')} testId="flow-wait-event-form"
              onChange={(form) => onChange(withKey(withKey(config, 'form', form), 'match', undefined))} />
          </Form.Item>
          <Form.Item label={t('flows.goal.match')} extra={t('flows.goal.matchHint')}>
            <FieldKeySelect formKey={text(config.form)} value={text(config.match)} placeholder={t('flows.goal.recordItself')}
              onChange={(match) => onChange(withKey(config, 'match', match))} testId="flow-wait-event-match" />
          </Form.Item>
          <OptionalDuration label={t('flows.wait.timeout')} toggleLabel={t('flows.wait.addTimeout')} extra={t('flows.wait.timeoutHint')}
            value={config.timeout} onChange={(timeout) => onChange(withKey(config, 'timeout', timeout))} testId="flow-wait-timeout" />
        </>
      )}
    </>
  );
}

/**
 * A duration as a whole number and a unit, kept as ISO-8601. What was typed stays as typed (24 hours
 * is not shown as 1 day while the user is at it) until the value changes from outside.
 */
export function DurationInput({ value, onChange, testId }: { value: unknown; onChange: (iso: string) => void; testId: string }) {
  const { t } = useTranslation();
  const parsed = fromIsoDuration(value);
  const [typed, setTyped] = useState<{ amount: number | null; unit: DurationUnit } | null>(null);
  const shown = typed && (typed.amount === null ? true : toIsoDuration({ amount: typed.amount, unit: typed.unit }) === value)
    ? typed
    : parsed ?? { amount: null, unit: 'days' as DurationUnit };
  const set = (amount: number | null, unit: DurationUnit) => {
    setTyped({ amount, unit });
    if (amount !== null && amount > 0) onChange(toIsoDuration({ amount, unit }));
  };
  return (
    <Space.Compact>
      <InputNumber min={1} precision={0} value={shown.amount} onChange={(v) => set(typeof v === 'number' ? v : null, shown.unit)}
        style={{ width: 100 }} data-testid={`${testId}-amount`} />
      <Select value={shown.unit} onChange={(unit: DurationUnit) => set(shown.amount, unit)} style={{ width: 90 }}
        options={DURATION_UNITS.map((u) => ({ value: u, label: t(`flows.units.${u}`) }))} data-testid={`${testId}-unit`} />
      {value !== undefined && !parsed && <Typography.Text type="warning" style={{ marginLeft: 8 }}>{String(value)}</Typography.Text>}
    </Space.Compact>
  );
}

function OptionalDuration({ label, toggleLabel, extra, value, onChange, testId }: {
  label: string; toggleLabel: string; extra?: string; value: unknown; onChange: (iso: string | undefined) => void; testId: string;
}) {
  const set = value !== undefined;
  return (
    <Form.Item label={label} extra={set ? extra : undefined}>
      <Checkbox checked={set} onChange={(e) => onChange(e.target.checked ? 'P1D' : undefined)} data-testid={`${testId}-on`}>
        {toggleLabel}
      </Checkbox>
      {set && <div style={{ marginTop: 6 }}><DurationInput value={value} onChange={onChange} testId={testId} /></div>}
    </Form.Item>
  );
}

/** The next free variant key: A, B, … J, then v11, v12… */
function nextVariantKey(taken: string[]): string {
  for (const k of 'ABCDEFGHIJ') if (!taken.includes(k)) return k;
  let n = taken.length + 1;
  while (taken.includes(`v${n}`)) n += 1;
  return `v${n}`;
}

/** 100 split as evenly as whole percents allow (the first ones get the remainder). */
export function evenPercents(count: number): number[] {
  const base = Math.floor(100 / count);
  return Array.from({ length: count }, (_, i) => base + (i < 100 - base * count ? 1 : 0));
}

function VariantsEditor({ config, onChange }: { config: NodeConfig; onChange: SetConfig }) {
  const { t } = useTranslation();
  const variants = variantsOf(config).map((v) => ({ key: v.key, percent: typeof v.percent === 'number' ? v.percent : 0 }));
  const total = variants.reduce((sum, v) => sum + v.percent, 0);
  const set = (next: { key: string; percent: number }[]) => onChange({ ...config, variants: next });
  return (
    <Form.Item label={t('flows.ab.variants')} data-testid="flow-ab-variants">
      {variants.map((v, i) => (
        <Space key={i} style={{ display: 'flex', marginBottom: 4 }}>
          <Input value={v.key} maxLength={32} style={{ width: 110 }} placeholder={t('flows.ab.key')}
            onChange={(e) => set(variants.map((x, j) => (j === i ? { ...x, key: e.target.value.trim() } : x)))} data-testid={`flow-ab-key-${i}`} />
          <InputNumber min={1} max={99} precision={0} value={v.percent} suffix="%" style={{ width: 90 }}
            onChange={(p) => set(variants.map((x, j) => (j === i ? { ...x, percent: typeof p === 'number' ? p : 0 } : x)))} data-testid={`flow-ab-percent-${i}`} />
          <Button type="text" danger icon={<DeleteOutlined />} disabled={variants.length <= 2} aria-label={t('common.delete')}
            onClick={() => set(variants.filter((_, j) => j !== i))} />
        </Space>
      ))}
      <Space style={{ marginTop: 4 }} wrap>
        <Button size="small" icon={<PlusOutlined />} disabled={variants.length >= 10} data-testid="flow-ab-add"
          onClick={() => {
            const next = [...variants, { key: nextVariantKey(variants.map((v) => v.key)), percent: 0 }];
            const even = evenPercents(next.length);
            set(next.map((v, i) => ({ ...v, percent: even[i] })));
          }}>
          {t('flows.ab.add')}
        </Button>
        <Button size="small" onClick={() => set(variants.map((v, i) => ({ ...v, percent: evenPercents(variants.length)[i] })))} disabled={!variants.length}>
          {t('flows.ab.even')}
        </Button>
        <Typography.Text type={total === 100 ? 'success' : 'danger'} data-testid="flow-ab-total">{t('flows.ab.total', { total })}</Typography.Text>
      </Space>
    </Form.Item>
  );
}
