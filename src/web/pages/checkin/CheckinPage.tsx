import { CheckCircleFilled, ClockCircleOutlined, EnvironmentOutlined, HomeOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, Result, Typography, theme } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { CHECKIN_KEY, checkIn, checkinPagePath, useCheckinInfo } from '../../api/activities';
import { errorMessage, isApiError } from '../../api/client';
import type { CheckinInfo, CheckinResult } from '../../api/types';
import { loginPath, useLogout, useSession } from '../../auth/session';
import { formatDateTime } from '../../components/format';
import { PageLoading } from '../../components/PageLoading';
import { formatTimeRange } from '../activities/activityParts';

/** Buttons and rows large enough for a thumb (at least 44 px). */
const TOUCH = { height: 56, fontSize: 20 } as const;

/**
 * 签到 (/checkin/:code): the page the QR code opens on a phone, outside the admin shell. Anyone sees
 * the activity; a signed-in member checks in with one big button. Without a code (/checkin) it asks
 * for the six characters printed on the poster, in either case.
 */
export default function CheckinPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { code = '' } = useParams();
  const session = useSession();
  const user = session.data?.user ?? null;
  const info = useCheckinInfo(code, user?.id ?? null, !session.isPending);

  useEffect(() => {
    document.title = `${t('checkin.title')} - ${t('app.shortName')}`;
  }, [t]);

  let body: ReactNode;
  if (!code) body = <CodeForm />;
  else if (info.isPending || session.isPending) body = <PageLoading />;
  else if (info.isError) {
    body =
      isApiError(info.error) && info.error.status === 404 ? (
        <>
          <Result status="warning" title={t('checkin.notFound')} subTitle={t('checkin.notFoundHint')} />
          <CodeForm initial={code} />
        </>
      ) : (
        <Alert
          type="error"
          showIcon
          title={t('errors.loadFailed')}
          description={errorMessage(info.error)}
          action={
            <Button onClick={() => void info.refetch()} style={{ minHeight: 44 }}>
              {t('common.retry')}
            </Button>
          }
        />
      );
  } else
    body = <CheckinBody code={code} info={info.data} signedIn={user !== null} userName={user?.displayName} />;

  return (
    <Flex justify="center" style={{ minHeight: '100vh', padding: 16, background: token.colorBgLayout }}>
      <main
        style={{
          width: '100%',
          maxWidth: 480,
          alignSelf: 'flex-start',
          padding: '24px 20px',
          background: token.colorBgContainer,
          borderRadius: token.borderRadiusLG,
          boxShadow: token.boxShadowTertiary,
        }}
      >
        <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center', marginBottom: 4 }}>
          {t('app.shortName')} · {t('checkin.title')}
        </Typography.Text>
        {body}
      </main>
    </Flex>
  );
}

function CheckinBody({
  code,
  info,
  signedIn,
  userName,
}: {
  code: string;
  info: CheckinInfo;
  signedIn: boolean;
  userName: string | undefined;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logout = useLogout();

  const submit = useMutation({
    mutationFn: () => checkIn(code),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [CHECKIN_KEY, code] }),
  });

  const facts: { key: string; icon: ReactNode; label: string; value: string }[] = [
    {
      key: 'time',
      icon: <ClockCircleOutlined aria-hidden />,
      label: t('checkin.time'),
      value: formatTimeRange(info.startsAt, info.endsAt),
    },
    ...(info.place
      ? [
          {
            key: 'place',
            icon: <EnvironmentOutlined aria-hidden />,
            label: t('checkin.place'),
            value: info.place,
          },
        ]
      : []),
    ...(info.homeNames.length > 0
      ? [
          {
            key: 'hosts',
            icon: <HomeOutlined aria-hidden />,
            label: t('checkin.hosts'),
            value: info.homeNames.join('、'),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title
        level={1}
        style={{ fontSize: 22, margin: 0, textAlign: 'center', wordBreak: 'break-word' }}
      >
        {info.title}
      </Typography.Title>
      <dl style={{ margin: 0, fontSize: 16, lineHeight: 1.6 }}>
        {facts.map((fact) => (
          <Flex key={fact.key} gap={8} align="baseline" style={{ padding: '4px 0' }}>
            <dt style={{ flexShrink: 0, color: token.colorTextSecondary }}>
              {fact.icon} {fact.label}
            </dt>
            <dd style={{ margin: 0, wordBreak: 'break-word' }}>{fact.value}</dd>
          </Flex>
        ))}
      </dl>
      {!signedIn ? (
        <Button
          type="primary"
          block
          style={TOUCH}
          onClick={() => void navigate(loginPath(checkinPagePath(code)))}
        >
          {t('checkin.signInFirst')}
        </Button>
      ) : submit.isSuccess ? (
        <Done title={t('checkin.success')} at={submit.data} />
      ) : info.checkedIn || (isApiError(submit.error) && submit.error.status === 409) ? (
        <Done title={t('checkin.already')} />
      ) : (
        <>
          {!info.open && !submit.isError ? (
            <Alert type="info" showIcon title={t('checkin.notOpen')} description={t('checkin.notOpenHint')} />
          ) : null}
          {submit.isError ? <SubmitError error={submit.error} /> : null}
          <Button
            type="primary"
            block
            style={TOUCH}
            loading={submit.isPending}
            onClick={() => submit.mutate()}
          >
            {t('checkin.submit')}
          </Button>
        </>
      )}
      {signedIn ? (
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text type="secondary">
            {t('checkin.signedInAs', { name: userName ?? '' })}
          </Typography.Text>
          <Button
            type="link"
            style={{ minHeight: 44, paddingInline: 0 }}
            loading={logout.isPending}
            onClick={() =>
              logout.mutate(undefined, { onSettled: () => void navigate(loginPath(checkinPagePath(code))) })
            }
          >
            {t('checkin.switchAccount')}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}

/** The short code typed by hand: letters and digits only, shown and sent in capitals. */
function CodeForm({ initial = '' }: { initial?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ code: string }>();
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ code: initial.toUpperCase() }}
      requiredMark={false}
      onFinish={({ code }) => void navigate(checkinPagePath(code.trim().toUpperCase()))}
    >
      <Form.Item
        name="code"
        label={t('checkin.codeLabel')}
        extra={t('checkin.codeHint')}
        normalize={(v: string) => v.toUpperCase().replace(/[^0-9A-Z]/g, '')}
        rules={[
          { required: true, message: t('checkin.codeRequired') },
          { min: 4, message: t('checkin.codeLength') },
        ]}
      >
        <Input
          autoFocus
          maxLength={12}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          inputMode="text"
          style={{ ...TOUCH, letterSpacing: 6, textAlign: 'center' }}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block style={TOUCH}>
        {t('checkin.codeSubmit')}
      </Button>
    </Form>
  );
}

function Done({ title, at }: { title: string; at?: CheckinResult }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Flex vertical align="center" gap={4} role="status" style={{ padding: '8px 0' }}>
      <CheckCircleFilled aria-hidden style={{ fontSize: 64, color: token.colorSuccess }} />
      <Typography.Text strong style={{ fontSize: 24 }}>
        {title}
      </Typography.Text>
      {at ? (
        <Typography.Text type="secondary" style={{ fontSize: 16 }}>
          {t('checkin.successAt', { time: formatDateTime(at.at, false) })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** 400 (not open), 403 (not a member's account) and the rest, in words for a member. */
function SubmitError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isApiError(error) && error.status === 403) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('checkin.notLinked')}
        description={t('checkin.notLinkedHint')}
      />
    );
  }
  if (isApiError(error) && error.status === 400) {
    return (
      <Alert
        type="warning"
        showIcon
        title={error.message || t('checkin.notOpen')}
        description={t('checkin.notOpenHint')}
      />
    );
  }
  return <Alert type="error" showIcon title={t('checkin.failed')} description={errorMessage(error)} />;
}
