import { Tag } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FlowInstance, InstanceState, TaskState } from './runtimeTypes';

const INSTANCE_COLORS: Record<InstanceState, string> = {
  running: 'processing',
  completed: 'success',
  rejected: 'error',
  cancelled: 'default',
  failed: 'error',
};

const TASK_COLORS: Record<TaskState, string> = {
  pending: 'processing',
  queued: 'default',
  approved: 'success',
  rejected: 'error',
  returned: 'warning',
  transferred: 'purple',
  cancelled: 'default',
};

export function InstanceStateTag({ state }: { state: InstanceState }) {
  const { t } = useTranslation();
  return <Tag color={INSTANCE_COLORS[state]} data-testid="instance-state" data-state={state}>{t(`flows.run.states.${state}`)}</Tag>;
}

export function TaskStateTag({ state }: { state: TaskState }) {
  const { t } = useTranslation();
  return <Tag color={TASK_COLORS[state]} data-testid="task-state" data-state={state}>{t(`flows.run.taskStates.${state}`)}</Tag>;
}

/** A journey's outcome beside its state: the goal reached (a conversion), or the exit condition that let the customer go. */
export function OutcomeTags({ instance }: { instance: Pick<FlowInstance, 'goalReachedAt' | 'exitReason'> }) {
  const { t } = useTranslation();
  return (
    <>
      {instance.goalReachedAt && (
        <Tag color="green" icon={<AimOutlined />} data-testid="instance-converted">{t('flows.run.converted')}</Tag>
      )}
      {instance.exitReason === 'condition' && <Tag color="orange" data-testid="instance-exited">{t('flows.run.exitedByCondition')}</Tag>}
    </>
  );
}
