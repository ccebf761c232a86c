import { useState } from 'react';
import { App, Button, Form, Input, Select, Space, Tooltip } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MemberInput, Role } from '../../../api';
import { applyFormError } from '../../../components/errors';
import { FormModal } from '../../../components/FormModal';
import { generatePassword, passwordProblem } from '../../../lib/password';
import { useAddMember } from './useMembers';
import { roleName } from '../roles/roleName';

const FIELDS = ['username', 'displayName', 'initialPassword', 'roleId'] as const;

export function AddMemberModal({ workspaceId, roles, open, onClose }: { workspaceId: string; roles: Role[]; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberInput>();
  const add = useAddMember(workspaceId);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    try {
      const member = await add.mutateAsync({
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        initialPassword: values.initialPassword,
        roleId: values.roleId,
      });
      message.success({ content: t('members.added', { username: member.username }), duration: 6 });
      onClose();
    } catch (e) {
      setError(applyFormError(form, e, FIELDS, t));
    }
  };

  const generate = () => {
    form.setFieldValue('initialPassword', generatePassword());
    void form.validateFields(['initialPassword']).catch(() => undefined);
  };

  return (
    <FormModal
      open={open}
      title={t('members.addTitle')}
      okText={t('members.add')}
      submitting={add.isPending}
      submitTestId="member-submit"
      error={error}
      errorTestId="member-error"
      form={form}
      onSubmit={submit}
      onClose={onClose}
      afterClose={() => setError(null)}
      autoComplete="off"
    >
      <Form.Item name="username" label={t('members.username')} rules={[{ required: true, whitespace: true, message: t('members.usernameRequired') }]}>
        <Input data-testid="member-username" placeholder={t('members.usernamePlaceholder')} maxLength={64} autoComplete="off" autoFocus />
      </Form.Item>
      <Form.Item name="displayName" label={t('members.displayName')} rules={[{ required: true, whitespace: true, message: t('members.displayNameRequired') }]}>
        <Input data-testid="member-displayname" placeholder={t('members.displayNamePlaceholder')} maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('members.initialPassword')} extra={t('members.initialPasswordHint')} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name="initialPassword"
            noStyle
            rules={[
              { required: true, message: t('members.initialPasswordRequired') },
              {
                validator(_, value: string | undefined) {
                  const problem = value ? passwordProblem(value) : null;
                  if (problem === 'length') return Promise.reject(new Error(t('auth.cpTooShort')));
                  if (problem === 'weak') return Promise.reject(new Error(t('auth.cpWeak')));
                  return Promise.resolve();
                },
              },
            ]}
          >
            {/* shown in clear text on purpose: the admin has to pass it on */}
            <Input data-testid="member-password" autoComplete="new-password" spellCheck={false} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          <Tooltip title={t('members.generate')}>
            <Button icon={<ThunderboltOutlined />} onClick={generate} data-testid="member-generate">
              {t('members.generate')}
            </Button>
          </Tooltip>
        </Space.Compact>
      </Form.Item>
      <Form.Item name="roleId" label={t('members.role')} rules={[{ required: true, message: t('members.roleRequired') }]}>
        <Select
          data-testid="member-role"
          placeholder={t('members.roleRequired')}
          options={roles.map((r) => ({ value: r.id, label: roleName(r.name, t) }))}
        />
      </Form.Item>
    </FormModal>
  );
}
