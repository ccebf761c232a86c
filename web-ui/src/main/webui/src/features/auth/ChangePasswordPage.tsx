import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { applyFormError } from '../../components/errors';
import { passwordProblem } from '../../lib/password';
import { AuthLayout } from './AuthLayout';
import { useChangePassword, useLogout, useMe } from './session';

interface ChangePasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangePasswordForm>();
  const me = useMe();
  const change = useChangePassword();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const forced = !!me.data?.mustChangePassword;
  const state = location.state as { from?: string } | null;
  const from = state?.from && state.from.startsWith('/') && !state.from.startsWith('//') ? state.from : '/';

  const onFinish = async (values: ChangePasswordForm) => {
    setError(null);
    try {
      await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      message.success(t('auth.cpSuccess'));
      navigate(from === '/change-password' ? '/' : from, { replace: true });
    } catch (e) {
      setError(applyFormError(form, e, ['currentPassword', 'newPassword'], t));
    }
  };

  return (
    <AuthLayout title={t('auth.cpTitle')} subtitle={me.data ? t('auth.signedInAs', { name: me.data.displayName || me.data.username }) : undefined}>
      {forced && <Alert type="warning" showIcon title={t('auth.cpForced')} style={{ marginBottom: 16 }} data-testid="cp-forced" />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="cp-error" />}
      <Form<ChangePasswordForm> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={change.isPending}>
        <Form.Item name="currentPassword" label={t('auth.cpCurrent')} rules={[{ required: true, message: t('auth.cpCurrentRequired') }]}>
          <Input.Password data-testid="cp-current" autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.cpNew')}
          extra={t('auth.cpNewHint')}
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: t('auth.cpNewRequired') },
            ({ getFieldValue }) => ({
              validator(_, value: string | undefined) {
                if (!value) return Promise.resolve();
                const problem = passwordProblem(value);
                if (problem === 'length') return Promise.reject(new Error(t('auth.cpTooShort')));
                if (problem === 'weak') return Promise.reject(new Error(t('auth.cpWeak')));
                if (value === getFieldValue('currentPassword')) return Promise.reject(new Error(t('auth.cpSame')));
                return Promise.resolve();
              },
            }),
          ]}
        >
          <Input.Password data-testid="cp-new" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.cpConfirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('auth.cpConfirmRequired') },
            ({ getFieldValue }) => ({
              validator(_, value: string | undefined) {
                return !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('auth.cpMismatch')));
              },
            }),
          ]}
        >
          <Input.Password data-testid="cp-confirm" autoComplete="new-password" />
        </Form.Item>
        <Flex gap={8} vertical>
          <Button data-testid="cp-submit" type="primary" htmlType="submit" block loading={change.isPending}>
            {t('auth.cpSubmit')}
          </Button>
          {forced ? (
            <Button type="link" block onClick={() => logout.mutate()} loading={logout.isPending} data-testid="cp-logout">
              {t('auth.logout')}
            </Button>
          ) : (
            <Button type="link" block onClick={() => navigate(from, { replace: true })}>
              {t('common.back')}
            </Button>
          )}
        </Flex>
      </Form>
    </AuthLayout>
  );
}
