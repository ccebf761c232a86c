import { useEffect, useState } from 'react';
import { App, Checkbox, Col, Form, Input, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PermissionInfo, Role, RoleInput } from '../../../api';
import { applyFormError } from '../../../components/errors';
import { FormModal } from '../../../components/FormModal';
import { permissionLabelKey } from '../../workspaces/permissions';
import { groupPermissions } from './permissionGroups';
import { useSaveRole } from './useRoles';

interface RoleForm {
  name: string;
  description?: string;
  permissions: string[];
}

export function RoleFormModal({
  workspaceId,
  catalogue,
  open,
  role,
  onClose,
}: {
  workspaceId: string;
  catalogue: PermissionInfo[];
  open: boolean;
  role?: Role;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RoleForm>();
  const save = useSaveRole(workspaceId);
  const [error, setError] = useState<string | null>(null);
  const groups = groupPermissions(catalogue);

  useEffect(() => {
    if (open) form.setFieldsValue({ name: role?.name ?? '', description: role?.description ?? '', permissions: role?.permissions ?? [] });
  }, [open, role, form]);

  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    const input: RoleInput = {
      name: values.name.trim(),
      description: values.description?.trim() ?? '',
      permissions: values.permissions ?? [],
    };
    try {
      const saved = await save.mutateAsync({ id: role?.id, input });
      message.success(role ? t('roles.updated') : t('roles.created', { name: saved?.name ?? input.name }));
      onClose();
    } catch (e) {
      setError(applyFormError(form, e, ['name', 'description', 'permissions'], t));
    }
  };

  return (
    <FormModal
      open={open}
      width={600}
      title={role ? t('roles.editTitle') : t('roles.createTitle')}
      okText={role ? t('common.save') : t('common.create')}
      submitting={save.isPending}
      submitTestId="role-submit"
      error={error}
      form={form}
      initialValues={{ permissions: [] }}
      onSubmit={submit}
      onClose={onClose}
      afterClose={() => setError(null)}
      keepMounted
    >
      <Form.Item name="name" label={t('roles.name')} rules={[{ required: true, whitespace: true, message: t('roles.nameRequired') }]}>
        <Input data-testid="role-name" maxLength={60} />
      </Form.Item>
      <Form.Item name="description" label={t('roles.description')}>
        <Input.TextArea data-testid="role-description" maxLength={300} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
      <Form.Item name="permissions" label={t('roles.permissions')}>
        <Checkbox.Group style={{ width: '100%', display: 'block' }}>
          {groups.map((g) => (
            <div key={g.group} style={{ marginBottom: 12 }}>
              <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
                {t(`permGroup.${g.group}`, { defaultValue: g.group })}
              </Typography.Text>
              <Row gutter={[8, 4]}>
                {g.keys.map((key) => (
                  <Col span={12} key={key}>
                    <Checkbox value={key} data-testid={`perm-${key}`}>
                      {t(permissionLabelKey(key), { defaultValue: key })}
                      <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
                        {key}
                      </Typography.Text>
                    </Checkbox>
                  </Col>
                ))}
              </Row>
            </div>
          ))}
        </Checkbox.Group>
      </Form.Item>
    </FormModal>
  );
}
