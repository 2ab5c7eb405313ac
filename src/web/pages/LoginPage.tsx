import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import type { LoginInput } from '../api/auth';
import { errorMessage, isApiError } from '../api/client';
import { safeRedirectTarget, useLogin, useSession } from '../auth/session';

/**
 * Sign-in page (/login). After signing in, goes to `?next=` (the page the user wanted) or `/`.
 * An account with a second factor is asked for its 6-digit code when the server says OTP_REQUIRED.
 */
export default function LoginPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [searchParams] = useSearchParams();
  const session = useSession();
  const login = useLogin();
  const [form] = Form.useForm<LoginInput>();
  const [needsOtp, setNeedsOtp] = useState(false);

  useEffect(() => {
    document.title = `${t('auth.title')} - ${t('app.name')}`;
  }, [t]);

  // Already signed in (or just signed in): go on to the target page.
  if (session.data) return <Navigate to={safeRedirectTarget(searchParams.get('next'))} replace />;

  const onFinish = (values: LoginInput) => {
    const otp = needsOtp ? values.otp?.trim() : undefined;
    login.mutate(
      { username: values.username.trim(), password: values.password, ...(otp ? { otp } : {}) },
      {
        onError: (error) => {
          if (!isApiError(error)) return;
          if (error.code === 'OTP_REQUIRED') setNeedsOtp(true);
          if (error.code === 'OTP_INVALID') form.setFieldValue('otp', '');
        },
      },
    );
  };
  // asking for the code is a step of signing in, not an error
  const otpAsked = isApiError(login.error) && login.error.code === 'OTP_REQUIRED';

  return (
    <Flex
      align="center"
      justify="center"
      style={{ minHeight: '100vh', padding: 16, background: token.colorBgLayout }}
    >
      <main
        style={{
          width: '100%',
          maxWidth: 400,
          padding: '32px 32px 24px',
          background: token.colorBgContainer,
          borderRadius: token.borderRadiusLG,
          boxShadow: token.boxShadowTertiary,
        }}
      >
        {/* Plain elements instead of antd Card/Typography keep the sign-in bundle small. */}
        <h1
          style={{
            margin: 0,
            fontSize: 20,
            fontWeight: 600,
            textAlign: 'center',
            color: token.colorTextHeading,
          }}
        >
          {t('app.name')}
        </h1>
        <p style={{ margin: '8px 0 24px', textAlign: 'center', color: token.colorTextSecondary }}>
          {t('auth.title')}
        </p>
        {login.isError && !otpAsked ? (
          <Alert type="error" showIcon title={errorMessage(login.error)} style={{ marginBottom: 16 }} />
        ) : null}
        {needsOtp && (otpAsked || !login.isError) ? (
          <Alert type="info" showIcon title={t('auth.otpHint')} style={{ marginBottom: 16 }} />
        ) : null}
        <Form<LoginInput>
          form={form}
          name="login"
          layout="vertical"
          requiredMark={false}
          disabled={login.isPending}
          onFinish={onFinish}
          onValuesChange={(changed: Partial<LoginInput>) => {
            if (login.isError) login.reset();
            // another account may not have a second factor
            if ('username' in changed) setNeedsOtp(false);
          }}
        >
          <Form.Item
            label={t('auth.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item
            label={t('auth.password')}
            name="password"
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined aria-hidden />}
              autoComplete="current-password"
              size="large"
            />
          </Form.Item>
          {needsOtp ? (
            <Form.Item
              label={t('auth.otp')}
              name="otp"
              rules={[
                { required: true, message: t('auth.otpRequired') },
                { pattern: /^\s*\d{6}\s*$/, message: t('auth.otpFormat') },
              ]}
            >
              <Input
                prefix={<SafetyOutlined aria-hidden />}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                autoFocus
                size="large"
              />
            </Form.Item>
          ) : null}
          <Form.Item style={{ marginBottom: 0 }}>
            <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
              {t('auth.submit')}
            </Button>
          </Form.Item>
        </Form>
        {/* The public portal is a separate app: a full page load, not a route of this one. */}
        <p style={{ margin: '16px 0 0', textAlign: 'center' }}>
          <a href="/portal/">{t('auth.portalLink')}</a>
        </p>
      </main>
    </Flex>
  );
}
