import { SafetyOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, type FormInstance, Input, Tag, Typography } from 'antd';
import QRCode from 'qrcode';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_RULE_TEXT } from '../../../domain/password';
import {
  changePassword,
  disableSecondFactor,
  enableSecondFactor,
  type PasswordChange,
  setUpSecondFactor,
} from '../../api/security';
import type { Session } from '../../api/types';
import { SESSION_KEY, useSession } from '../../auth/session';
import { FormErrors } from '../../components/FormErrors';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../components/serverErrors';

const CODE_RULE = /^\s*\d{6}\s*$/;
type CodeFormInstance = FormInstance<{ otp: string }>;

/**
 * 账户安全 (/me/security): the signed-in user changes their password and sets up or turns off the
 * second factor. A user who must do either first is sent here by the shell, and the page says why.
 */
export default function SecurityPage() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  if (!session) return null;
  const mustEnrol = session.secondFactor.required && !session.secondFactor.enabled;

  return (
    <Flex vertical gap={16} style={{ maxWidth: 640 }}>
      <PageHeader title={t('security.title')} />
      {session.passwordChangeRequired ? (
        <Alert
          type="warning"
          showIcon
          title={t('security.mustChangePassword')}
          description={t('security.mustChangePasswordHint')}
        />
      ) : mustEnrol ? (
        <Alert
          type="warning"
          showIcon
          title={t('security.mustEnrol')}
          description={t('security.mustEnrolHint')}
        />
      ) : null}
      <PasswordCard username={session.user.username} />
      {session.passwordChangeRequired ? null : <SecondFactorCard session={session} />}
    </Flex>
  );
}

/** After a change the session says what is still outstanding. */
function useRefreshSession() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: SESSION_KEY });
}

interface PasswordForm extends PasswordChange {
  confirmPassword: string;
}

function PasswordCard({ username }: { username: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshSession();
  const [form] = Form.useForm<PasswordForm>();
  const [errors, setErrors] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordForm) =>
      changePassword({ currentPassword, newPassword }),
    onSuccess: async () => {
      form.resetFields();
      setErrors([]);
      void message.success(t('security.passwordChanged'));
      await refresh();
    },
    onError: (error) => setErrors(applyServerErrors(form, error, ['currentPassword', 'newPassword'])),
  });

  return (
    <Card size="small" title={t('security.passwordTitle')}>
      <FormErrors title={t('security.passwordTitle')} errors={errors} />
      <Form<PasswordForm>
        form={form}
        name="password"
        layout="vertical"
        requiredMark={false}
        disabled={save.isPending}
        onFinish={(values) => save.mutate(values)}
      >
        {/* lets the browser's password manager file the new password under this account */}
        <input type="text" name="username" autoComplete="username" value={username} hidden readOnly />
        <Form.Item
          label={t('security.currentPassword')}
          name="currentPassword"
          rules={[{ required: true, message: t('security.currentRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label={t('security.newPassword')}
          name="newPassword"
          extra={PASSWORD_RULE_TEXT}
          rules={[{ required: true, message: t('security.newRequired') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('security.confirmPassword')}
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('security.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('security.confirmMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('security.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}

function SecondFactorCard({ session }: { session: Session }) {
  const { t } = useTranslation();
  const { enabled, required } = session.secondFactor;
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center" wrap>
          <SafetyOutlined aria-hidden />
          {t('security.factorTitle')}
          <Tag color={enabled ? 'success' : 'default'}>
            {enabled ? t('security.factorOn') : t('security.factorOff')}
          </Tag>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t('security.factorIntro')}</Typography.Paragraph>
      {enabled ? <DisableFactor required={required} /> : <Enrolment />}
    </Card>
  );
}

/** One 6-digit code field and its button: enabling and disabling share it. */
function CodeForm({
  name,
  submit,
  danger,
  pending,
  onFinish,
}: {
  name: string;
  submit: string;
  danger?: boolean;
  pending: boolean;
  onFinish: (otp: string, form: CodeFormInstance) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ otp: string }>();
  return (
    <Form<{ otp: string }>
      form={form}
      name={name}
      layout="inline"
      requiredMark={false}
      disabled={pending}
      onFinish={(values) => onFinish(values.otp.trim(), form)}
      style={{ rowGap: 8 }}
    >
      <Form.Item
        label={t('security.code')}
        name="otp"
        rules={[
          { required: true, message: t('auth.otpRequired') },
          { pattern: CODE_RULE, message: t('auth.otpFormat') },
        ]}
      >
        <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ width: 120 }} />
      </Form.Item>
      <Button type="primary" danger={danger} htmlType="submit" loading={pending}>
        {submit}
      </Button>
    </Form>
  );
}

function Enrolment() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshSession();
  const [qr, setQr] = useState<string | null>(null);
  const setup = useMutation({
    mutationFn: setUpSecondFactor,
    onSuccess: async ({ otpauthUri }) => {
      const svg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    },
  });
  const enable = useMutation({
    mutationFn: ({ otp }: { otp: string; form: CodeFormInstance }) => enableSecondFactor(otp),
    onSuccess: async () => {
      void message.success(t('security.enabled'));
      await refresh();
    },
    onError: (error, { form }) => {
      const left = applyServerErrors(form, error, ['otp']);
      if (left.length > 0) void message.error(left.join('；'));
    },
  });

  if (!setup.data) {
    return (
      <Flex vertical gap={8} align="flex-start">
        {setup.isError ? <Alert type="error" showIcon title={(setup.error as Error).message} /> : null}
        <Button type="primary" loading={setup.isPending} onClick={() => setup.mutate()}>
          {t('security.startSetup')}
        </Button>
      </Flex>
    );
  }
  return (
    <Flex vertical gap={12}>
      <Typography.Text strong>{t('security.scan')}</Typography.Text>
      {qr ? (
        <img
          src={qr}
          alt={t('security.qrAlt')}
          width={200}
          height={200}
          style={{ border: '1px solid #f0f0f0', borderRadius: 8, alignSelf: 'flex-start' }}
        />
      ) : null}
      <Typography.Text type="secondary">{t('security.orType')}</Typography.Text>
      <Typography.Text
        code
        copyable={{ text: setup.data.secret }}
        aria-label={t('security.secret')}
        data-testid="totp-secret"
        style={{ fontSize: 15, letterSpacing: 1, wordBreak: 'break-all' }}
      >
        {/* in groups of four, as the apps show what is typed */}
        {setup.data.secret.replace(/(.{4})(?=.)/g, '$1 ')}
      </Typography.Text>
      <Typography.Text strong>{t('security.enterCode')}</Typography.Text>
      <CodeForm
        name="enable-otp"
        submit={t('security.enable')}
        pending={enable.isPending}
        onFinish={(otp, form) => enable.mutate({ otp, form })}
      />
    </Flex>
  );
}

function DisableFactor({ required }: { required: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshSession();
  const disable = useMutation({
    mutationFn: ({ otp }: { otp: string; form: CodeFormInstance }) => disableSecondFactor(otp),
    onSuccess: async () => {
      void message.success(t('security.disabled'));
      await refresh();
    },
    onError: (error, { form }) => {
      const left = applyServerErrors(form, error, ['otp']);
      if (left.length > 0) void message.error(left.join('；'));
    },
  });
  return (
    <Flex vertical gap={8}>
      <Typography.Text>{t('security.disableHint')}</Typography.Text>
      {required ? <Typography.Text type="warning">{t('security.requiredNote')}</Typography.Text> : null}
      <CodeForm
        name="disable-otp"
        submit={t('security.disable')}
        danger
        pending={disable.isPending}
        onFinish={(otp, form) => disable.mutate({ otp, form })}
      />
    </Flex>
  );
}
