import { useState } from 'react';
import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../api';
import { applyFormError } from '../../../components/errors';
import { FormModal } from '../../../components/FormModal';
import { useCreateDepartment, useUpdateDepartment } from './useDepartments';

const FIELDS = ['name'] as const;

/** What the modal does: a new department (under `parent`, or on top), or a new name for one. */
export type DepartmentEdit = { kind: 'create'; parent: Department | null } | { kind: 'rename'; department: Department };

export function DepartmentFormModal({ workspaceId, edit, onClose, onCreated }: {
  workspaceId: string;
  edit: DepartmentEdit | null;
  onClose: () => void;
  onCreated?: (department: Department) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const create = useCreateDepartment(workspaceId);
  const update = useUpdateDepartment(workspaceId);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const { name } = await form.validateFields();
    setError(null);
    try {
      if (edit?.kind === 'rename') {
        const renamed = await update.mutateAsync({ id: edit.department.id, change: { name: name.trim() } });
        message.success(t('departments.renamed', { name: renamed?.name ?? name.trim() }));
      } else if (edit?.kind === 'create') {
        const created = await create.mutateAsync({ name: name.trim(), parentId: edit.parent?.id ?? null });
        message.success(t('departments.created', { name: created.name }));
        onCreated?.(created);
      }
      onClose();
    } catch (e) {
      setError(applyFormError(form, e, FIELDS, t));
    }
  };

  const title =
    edit?.kind === 'rename' ? t('departments.renameTitle')
    : edit?.parent ? t('departments.addChildTitle', { parent: edit.parent.name })
    : t('departments.addTitle');

  return (
    <FormModal
      open={!!edit}
      title={title}
      okText={edit?.kind === 'rename' ? t('common.save') : t('common.create')}
      submitting={create.isPending || update.isPending}
      submitTestId="department-submit"
      error={error}
      errorTestId="department-error"
      form={form}
      initialValues={edit?.kind === 'rename' ? { name: edit.department.name } : undefined}
      onSubmit={submit}
      onClose={onClose}
      afterClose={() => setError(null)}
      submitOnEnter
      autoComplete="off"
    >
      <Form.Item name="name" label={t('departments.name')} rules={[{ required: true, whitespace: true, message: t('departments.nameRequired') }]}>
        <Input data-testid="department-name" placeholder={t('departments.namePlaceholder')} maxLength={100} autoComplete="off" autoFocus />
      </Form.Item>
    </FormModal>
  );
}
