import { Alert, AutoComplete, Form, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormulaEditor } from '../../components/FormulaEditor';
import { useFormDefinition, useFormList } from '../records/useRecords';
import { DurationInput } from './NodePanel';
import type { FlowGoal, FlowProblem } from './types';

export interface JourneyOutcome {
  goal: FlowGoal | null;
  exitWhen: string;
}

const GOAL_EVENTS = ['record.created', 'record.updated'];
export const NEW_GOAL: FlowGoal = { event: 'record.created', form: null, match: null, within: 'P30D' };

/** The fields of a form (by key) of the app, to pick from; empty while there is no such form. */
function useFormFields(workspaceId: string, appId: string, formKey: string | null | undefined) {
  const forms = useFormList(workspaceId, appId);
  const summary = forms.data?.find((f) => f.key === formKey);
  const form = useFormDefinition(workspaceId, appId, summary?.id ?? '', !!summary);
  return { forms: forms.data ?? [], fields: summary ? form.data?.fields ?? [] : [] };
}

/**
 * A journey's goal ("this customer ordered again": an event of a form, matched to the customer on a
 * field, counted within a window) and exit condition, edited in the designer's flow properties.
 */
export function JourneyGoalPanel({ workspaceId, appId, triggerForm, value, onChange, problems, readOnly }: {
  workspaceId: string;
  appId: string;
  /** the form the trigger starts on: its fields are what the exit condition reads */
  triggerForm: string | null;
  value: JourneyOutcome;
  onChange: (value: JourneyOutcome) => void;
  problems: FlowProblem[];
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const goal = value.goal;
  const goalForm = useFormFields(workspaceId, appId, goal?.form);
  const subject = useFormFields(workspaceId, appId, triggerForm);
  const setGoal = (patch: Partial<FlowGoal>) => goal && onChange({ ...value, goal: { ...goal, ...patch } });
  const subjectFields = subject.fields.map((f) => f.key);

  return (
    <div data-testid="journey-goal">
      <Form.Item label={t('flows.goal.title')} extra={t('flows.goal.hint')}>
        <Switch checked={!!goal} disabled={readOnly} onChange={(on) => onChange({ ...value, goal: on ? NEW_GOAL : null })}
          data-testid="goal-enabled" />
      </Form.Item>
      {goal && (
        <>
          <Form.Item label={t('flows.goal.event')}>
            <AutoComplete value={goal.event} disabled={readOnly} onChange={(event: string) => setGoal({ event })}
              options={GOAL_EVENTS.map((e) => ({ value: e, label: t(`flows.goal.events.${e}`) }))} data-testid="goal-event" />
          </Form.Item>
          <Form.Item label={t('flows.goal.form')}>
            <Select allowClear value={goal.form ?? undefined} disabled={readOnly} placeholder={t('flows.goal.anyForm')}
              onChange={(form?: string) => setGoal({ form: form ?? null, match: null })}
              options={goalForm.forms.map((f) => ({ value: f.key, label: f.name }))} data-testid="goal-form" />
          </Form.Item>
          <Form.Item label={t('flows.goal.match')} extra={t('flows.goal.matchHint')}>
            <Select allowClear value={goal.match ?? undefined} disabled={readOnly || !goal.form} placeholder={t('flows.goal.recordItself')}
              onChange={(match?: string) => setGoal({ match: match ?? null })}
              options={goalForm.fields.map((f) => ({ value: f.key, label: f.label }))} data-testid="goal-match" />
          </Form.Item>
          <Form.Item label={t('flows.goal.within')}>
            <DurationInput value={goal.within ?? 'P30D'} onChange={(within) => setGoal({ within })} testId="goal-within" />
          </Form.Item>
        </>
      )}
      {problems.map((p) => <Alert key={p.code} type="error" showIcon title={p.message} style={{ marginBottom: 8 }} data-testid="goal-problem" />)}
      <Form.Item label={t('flows.goal.exitWhen')} extra={t('flows.goal.exitHint')}>
        <FormulaEditor value={value.exitWhen} onChange={(exitWhen) => onChange({ ...value, exitWhen })} disabled={readOnly}
          fields={subjectFields} context={Object.fromEntries(subjectFields.map((f) => [f, null]))} showReference={false}
          placeholder={t('flows.goal.exitPlaceholder')} emptyHint={<Typography.Text type="secondary">{t('flows.goal.exitEmpty')}</Typography.Text>}
          testId="goal-exit" aria-label={t('flows.goal.exitWhen')} />
      </Form.Item>
    </div>
  );
}
