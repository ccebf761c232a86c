import { Alert, AutoComplete, Form, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormulaEditor } from '../../components/FormulaEditor';
import { FieldKeySelect, FormKeySelect, useFormFields } from './FormPickers';
import { DurationInput } from './NodePanel';
import type { FlowGoal, FlowProblem } from './types';

export interface JourneyOutcome {
  goal: FlowGoal | null;
  exitWhen: string;
}

const GOAL_EVENTS = ['record.created', 'record.updated'];
export const NEW_GOAL: FlowGoal = { event: 'record.created', form: null, match: null, within: 'P30D' };

/**
 * A journey's goal ("this customer ordered again": an event of a form, matched to the customer on a
 * field, counted within a window) and exit condition, edited in the designer's flow properties.
 */
export function JourneyGoalPanel({ triggerForm, value, onChange, problems, readOnly }: {
  /** the form the trigger starts on: its fields are what the exit condition reads */
  triggerForm: string | null;
  value: JourneyOutcome;
  onChange: (value: JourneyOutcome) => void;
  problems: FlowProblem[];
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const goal = value.goal;
  const subject = useFormFields(triggerForm);
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
            <FormKeySelect value={goal.form} disabled={readOnly} placeholder={t('flows.goal.anyForm')}
              onChange={(form) => setGoal({ form: form ?? null, match: null })} testId="goal-form" />
          </Form.Item>
          <Form.Item label={t('flows.goal.match')} extra={t('flows.goal.matchHint')}>
            <FieldKeySelect formKey={goal.form} value={goal.match} disabled={readOnly} placeholder={t('flows.goal.recordItself')}
              onChange={(match) => setGoal({ match: match ?? null })} testId="goal-match" />
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
