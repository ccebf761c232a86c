import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { applyFormError } from '../../components/errors';
import { AuthLayout } from './AuthLayout';
import { useLogin, useMe } from './session';

interface LoginForm {
  username: string;
  password: string;
}

function safeRedirect(from: unknown): string {
  // only same-app paths, never "//evil.example"
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login')
    ? from
    : '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginForm>();
  const me = useMe();
  const login = useLogin();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const from = safeRedirect((location.state as { from?: unknown } | null)?.from);

  // Logged in (already, or just now): RequireAuth takes it from here, including a forced password change.
  if (me.data) return <Navigate to={from} replace />;

  const onFinish = async (values: LoginForm) => {
    setError(null);
    try {
      await login.mutateAsync({ username: values.username.trim(), password: values.password });
    } catch (e) {
      setError(applyFormError(form, e, ['username', 'password'], t));
      form.setFieldValue('password', '');
    }
  };

  return (
    <AuthLayout title={t('auth.loginTitle')} subtitle={t('auth.loginSubtitle')}>
      {error && (
        <Alert type="error" showIcon title={error} data-testid="login-error" style={{ marginBottom: 16 }} />
      )}
      <Form<LoginForm> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={login.isPending}>
        <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
          <Input
            data-testid="login-username"
            prefix={<UserOutlined />}
            autoComplete="username"
            autoFocus
            size="large"
            maxLength={64}
          />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input.Password data-testid="login-password" prefix={<LockOutlined />} autoComplete="current-password" size="large" />
        </Form.Item>
        <Button data-testid="login-submit" type="primary" htmlType="submit" size="large" block loading={login.isPending}>
          {t('auth.submit')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
