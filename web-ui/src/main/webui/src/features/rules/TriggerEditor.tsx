import { AutoComplete, Flex, Form, Input, Segmented, Select, Typography } from 'antd';
import { ClockCircleOutlined, EditOutlined, PlayCircleOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TriggerType } from '../../api';
import type { ProblemLookup } from '../../components/SchemaForm';
import { CRON_PRESETS, cronPreset, describeCron, describeTriggerParts, formToTrigger, onRecords, RECORD_EVENTS, translateDescription, TRIGGER_TYPES, type TriggerForm } from './trigger';

const ICONS: Record<TriggerType, React.ReactNode> = {
  event: <ThunderboltOutlined />,
  fieldChange: <EditOutlined />,
  schedule: <ClockCircleOutlined />,
  manual: <PlayCircleOutlined />,
};

function help(problemsAt: ProblemLookup, path: string) {
  const problems = problemsAt(path);
  return problems?.length
    ? { validateStatus: 'error' as const, help: <span data-testid="field-problem">{problems.map((p) => p.message).join('；')}</span> }
    : {};
}

export function TriggerEditor({
  value,
  onChange,
  problemsAt,
  fields,
  forms = [],
  disabled,
}: {
  value: TriggerForm;
  onChange: (value: TriggerForm) => void;
  problemsAt: ProblemLookup;
  fields: readonly string[];
  /** the app's forms, to narrow record events to one of them */
  forms?: readonly { key: string; name: string }[];
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<TriggerForm>) => onChange({ ...value, ...patch });
  const preset = cronPreset(value.cron);
  const general = problemsAt('trigger');

  return (
    <div data-testid="trigger-editor">
      <Form.Item label={t('rules.triggerType')} {...help(problemsAt, 'trigger.type')}>
        <Segmented<TriggerType>
          data-testid="trigger-type"
          disabled={disabled}
          value={value.type}
          onChange={(type) => set({ type })}
          options={TRIGGER_TYPES.map((type) => ({
            value: type,
            icon: ICONS[type],
            label: <span data-testid={`trigger-type-${type}`}>{t(`rules.triggerTypes.${type}`)}</span>,
          }))}
        />
      </Form.Item>
      {value.type === 'event' && (
        <Form.Item label={t('rules.eventType')} extra={t('rules.eventTypeHint')} {...help(problemsAt, 'trigger.eventType')}>
          <AutoComplete
            data-testid="trigger-event-type"
            disabled={disabled}
            value={value.eventType}
            onChange={(eventType: string) => set({ eventType })}
            options={RECORD_EVENTS.map((e) => ({ value: e, label: `${e} · ${t(`rules.recordEvents.${e.split('.')[1]}`)}` }))}
            placeholder="record.created"
            style={{ maxWidth: 360 }}
          />
        </Form.Item>
      )}
      {value.type === 'fieldChange' && (
        <Form.Item label={t('rules.field')} extra={t('rules.fieldHint')} {...help(problemsAt, 'trigger.field')}>
          <AutoComplete
            data-testid="trigger-field"
            disabled={disabled}
            value={value.field}
            onChange={(field: string) => set({ field })}
            options={fields.filter((f) => f !== 'event' && f !== 'now').map((f) => ({ value: f }))}
            placeholder="totalSpend"
            style={{ maxWidth: 360 }}
          />
        </Form.Item>
      )}
      {onRecords(value) && (
        <Form.Item label={t('rules.triggerForm')} extra={t('rules.triggerFormHint')} {...help(problemsAt, 'trigger.form')}>
          <Select
            data-testid="trigger-form"
            disabled={disabled}
            value={value.form}
            onChange={(form: string) => set({ form })}
            options={[{ value: '', label: t('rules.anyForm') }, ...forms.map((f) => ({ value: f.key, label: `${f.name} (${f.key})` }))]}
            style={{ maxWidth: 360 }}
          />
        </Form.Item>
      )}
      {value.type === 'schedule' && (
        <Form.Item label={t('rules.schedule')} {...help(problemsAt, 'trigger.cron')}>
          <Flex gap={8} wrap>
            <Select
              data-testid="trigger-cron-preset"
              disabled={disabled}
              value={preset ?? 'custom'}
              style={{ width: 220 }}
              onChange={(key: string) => {
                const p = CRON_PRESETS.find((x) => x.key === key);
                if (p) set({ cron: p.cron });
              }}
              options={[
                ...CRON_PRESETS.map((p) => ({ value: p.key, label: t(`rules.cronPresets.${p.key}`) })),
                { value: 'custom', label: t('rules.cronPresets.custom') },
              ]}
            />
            <Input
              data-testid="trigger-cron"
              disabled={disabled}
              value={value.cron}
              onChange={(e) => set({ cron: e.target.value })}
              placeholder="0 9 * * *"
              style={{ width: 200, fontFamily: 'monospace' }}
              aria-label={t('rules.cron')}
            />
          </Flex>
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 12 }} data-testid="trigger-cron-desc">
            {translateDescription(describeCron(value.cron), t)} · {t('rules.cronHint')}
          </Typography.Text>
        </Form.Item>
      )}
      {value.type === 'manual' && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('rules.manualHint')}
        </Typography.Paragraph>
      )}
      {general?.length ? (
        <Typography.Text type="danger" data-testid="field-problem">
          {general.map((p) => p.message).join('；')}
        </Typography.Text>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="trigger-summary">
        {t('rules.triggerSummary', { text: translateDescription(describeTriggerParts(formToTrigger(value)), t) })}
      </Typography.Text>
    </div>
  );
}
