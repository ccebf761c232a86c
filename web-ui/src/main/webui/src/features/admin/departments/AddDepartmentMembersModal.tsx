import { useState } from 'react';
import { Alert, App, Form, Modal, Select, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../api';
import { errorMessage } from '../../../components/errors';
import { tid } from '../../../components/testid';
import { useMembers } from '../members/useMembers';
import { useAddDepartmentMembers } from './useDepartments';

/** Picks workspace members (several, searchable) to put into a department; those already in it are not offered. */
export function AddDepartmentMembersModal({ workspaceId, department, present, open, onClose }: {
  workspaceId: string;
  department: Department;
  /** user ids already in the department */
  present: ReadonlySet<string>;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const members = useMembers(workspaceId, open);
  const add = useAddDepartmentMembers(workspaceId);
  const [userIds, setUserIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  const options = (members.data ?? [])
    .filter((m) => !present.has(m.userId))
    .map((m) => ({ value: m.userId, label: m.displayName && m.displayName !== m.username ? `${m.displayName} (${m.username})` : m.username }));

  const submit = async () => {
    if (userIds.length === 0) {
      setError(t('departments.pickMembersRequired'));
      return;
    }
    setError(null);
    try {
      await add.mutateAsync({ departmentId: department.id, userIds });
      message.success(t('departments.membersAdded', { count: userIds.length, name: department.name }));
      onClose();
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };

  return (
    <Modal
      open={open}
      title={t('departments.addMembersTitle', { name: department.name })}
      okText={t('departments.addMembers')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={add.isPending}
      okButtonProps={tid<ButtonProps>('department-member-submit')}
      destroyOnHidden
      afterClose={() => {
        setUserIds([]);
        setError(null);
      }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="department-member-error" />}
      {members.isError && <Alert type="error" showIcon title={errorMessage(members.error, t)} style={{ marginBottom: 16 }} />}
      <Form layout="vertical">
        <Form.Item label={t('departments.pickMembers')} required>
          <Select
            data-testid="department-member-select"
            mode="multiple"
            value={userIds}
            onChange={(v: string[]) => {
              setUserIds(v);
              setError(null);
            }}
            options={options}
            loading={members.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('departments.pickMembersPlaceholder')}
            notFoundContent={members.isSuccess ? t('departments.noMoreMembers') : undefined}
            style={{ width: '100%' }}
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
