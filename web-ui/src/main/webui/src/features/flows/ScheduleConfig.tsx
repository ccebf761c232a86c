import { useMemo, useState } from 'react';
import { Alert, Checkbox, Flex, Form, Input, InputNumber, Radio, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FieldKeySelect, FormKeySelect, useFormFields } from './FormPickers';
import { text, withKey } from './nodeConfig';
import { cronOf, FREQUENCIES, partsOf, WEEKDAYS, type Frequency, type ScheduleParts } from './schedule';
import { useSchedulePreview } from './useFlows';
import { ApiError } from '../../api/problem';
import { conditionsOf, countConditions, FilterBuilder, type FilterNode } from '../records';
import { useWorkspace } from '../workspaces/WorkspaceGate';
import type { NodeConfig } from './types';

/**
 * A schedule trigger: when it fires (every day, week or month at a time, or a cron typed by IT), the
 * next firings as the server computes them in the workspace's zone, and optionally the records it
 * starts for (a form, a filter, the field naming the customer): one instance per matching record.
 */
export function ScheduleConfig({ config, onChange }: { config: NodeConfig; onChange: (config: NodeConfig) => void }) {
  const { t } = useTranslation();
  const cron = text(config.cron);
  const read = useMemo(() => partsOf(cron), [cron]);
  // typing a cron by hand stays "custom" even when the text happens to read as daily or weekly
  const [typing, setTyping] = useState(read.frequency === 'custom');
  const parts: ScheduleParts = typing ? { ...read, frequency: 'custom', cron } : read;
  const set = (patch: Partial<ScheduleParts>) => onChange({ ...config, cron: cronOf({ ...parts, ...patch }) });
  const form = text(config.form);
  const { fields } = useFormFields(form || null);
  const filter = (config.filter ?? null) as FilterNode | null;
  const conditions = conditionsOf(filter);

  return (
    <>
      <Form.Item label={t('flows.schedule.frequency')}>
        <Radio.Group value={parts.frequency} optionType="button" data-testid="flow-schedule-frequency"
          onChange={(e) => {
            const frequency = e.target.value as Frequency;
            setTyping(frequency === 'custom');
            set(frequency === 'custom' ? { frequency, cron: cron || cronOf(parts) } : { frequency });
          }}
          options={FREQUENCIES.map((f) => ({ value: f, label: t(`flows.schedule.frequencies.${f}`) }))} />
      </Form.Item>
      {parts.frequency === 'weekly' && (
        <Form.Item label={t('flows.schedule.weekdays')}>
          <Checkbox.Group value={parts.weekdays} onChange={(days) => set({ weekdays: (days as number[]).length ? (days as number[]) : parts.weekdays })}
            options={WEEKDAYS.map((d) => ({ value: d, label: t(`flows.schedule.weekday.${d}`) }))} data-testid="flow-schedule-weekdays" />
        </Form.Item>
      )}
      {parts.frequency === 'monthly' && (
        <Form.Item label={t('flows.schedule.day')} extra={parts.day > 28 ? t('flows.schedule.dayHelp') : undefined}>
          <InputNumber min={1} max={31} precision={0} value={parts.day} onChange={(day) => day && set({ day })} data-testid="flow-schedule-day" />
        </Form.Item>
      )}
      {parts.frequency !== 'custom' && (
        <Form.Item label={t('flows.schedule.time')}>
          <TimePicker format="HH:mm" allowClear={false} needConfirm={false} value={dayjs().hour(parts.hour).minute(parts.minute)}
            onChange={(v) => v && set({ hour: v.hour(), minute: v.minute() })} data-testid="flow-schedule-time" />
        </Form.Item>
      )}
      {parts.frequency === 'custom' && (
        <Form.Item label={t('flows.schedule.cron')} extra={t('flows.schedule.cronHelp')}>
          <Input value={cron} maxLength={100} placeholder="0 9 * * 1-5" onChange={(e) => onChange(withKey(config, 'cron', e.target.value))}
            data-testid="flow-trigger-cron" />
        </Form.Item>
      )}
      <NextFirings cron={cron} />

      <Form.Item label={t('flows.schedule.form')} extra={t('flows.schedule.formHelp')}>
        <FormKeySelect value={form} placeholder={t('flows.schedule.noForm')} testId="flow-trigger-form"
          onChange={(next) => onChange(withKey(withKey(withKey(config, 'form', next), 'filter', undefined), 'customerField', undefined))} />
      </Form.Item>
      {form && (
        <>
          <Form.Item label={t('flows.schedule.filter')} extra={t('flows.schedule.filterHelp')}>
            {/* keyed by form: the builder reads its conditions once, as it mounts */}
            <FilterBuilder key={form} fields={fields} initial={conditions} activeCount={countConditions(filter)}
              onApply={(next) => onChange(withKey(config, 'filter', next))} />
          </Form.Item>
          <Form.Item label={t('flows.trigger.customerField')} extra={t('flows.trigger.customerFieldHelp')}>
            <FieldKeySelect formKey={form} value={text(config.customerField)} placeholder={t('flows.trigger.customerIsRecord')}
              onChange={(field) => onChange(withKey(config, 'customerField', field))} testId="flow-trigger-customer" />
          </Form.Item>
        </>
      )}
    </>
  );
}

/** The schedule's next firings in the workspace's zone, or why the server cannot read it. */
function NextFirings({ cron }: { cron: string }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const preview = useSchedulePreview(workspace.id, cron);
  if (!cron.trim()) return null;
  if (preview.error) {
    const message = preview.error instanceof ApiError ? preview.error.fieldErrors[0]?.message ?? preview.error.message : String(preview.error);
    return <Alert type="warning" showIcon title={message} style={{ marginBottom: 12 }} data-testid="flow-schedule-problem" />;
  }
  if (!preview.data) return null;
  const { zone, next } = preview.data;
  const format = new Intl.DateTimeFormat(i18n.language, { timeZone: zone, month: 'short', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false });
  return (
    <div style={{ marginBottom: 12 }} data-testid="flow-schedule-next">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('flows.schedule.next', { zone })}</Typography.Text>
      <Flex vertical>
        {next.map((at) => (
          <Typography.Text key={at} style={{ fontSize: 12 }} data-testid="flow-schedule-next-at">{format.format(new Date(at))}</Typography.Text>
        ))}
      </Flex>
    </div>
  );
}

