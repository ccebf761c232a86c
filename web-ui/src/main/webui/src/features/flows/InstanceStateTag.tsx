import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InstanceState, TaskState } from './runtimeTypes';

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
