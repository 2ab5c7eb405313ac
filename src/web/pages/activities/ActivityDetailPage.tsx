import { CheckCircleOutlined, EditOutlined, QrcodeOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Popconfirm,
  Row,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ATTENDANCE_SOURCES, type AttendanceSource } from '../../../domain/activities';
import { yearOf } from '../../../domain/calendar';
import {
  ACTIVITIES_KEY,
  ACTIVITY_KEY,
  activityQrUrl,
  updateActivity,
  useActivity,
} from '../../api/activities';
import { allows } from '../../api/allowed';
import { errorMessage } from '../../api/client';
import { HOME_OPS_KEY, usePlan } from '../../api/operations';
import { useOrgUnitMap } from '../../api/orgUnits';
import type { Activity } from '../../api/types';
import { usePublicUrl } from '../../auth/session';
import { activityKindLabel, kindFunctionLabel } from '../../components/activityLabels';
import { joinParts } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { ActivityStatusTag } from '../../components/StatusTags';
import { checkinPagePath } from '../../phone/paths';
import { ActivityPhotos } from './ActivityPhotos';
import { activityPath, formatTimeRange, useMemberNames } from './activityParts';
import { HeldModal } from './HeldModal';

/** 活动详情 (/activities/:id): facts, check-in QR code, actions for who runs it, and photos. */
export default function ActivityDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { id } = useParams();
  const activity = useActivity(id);
  const [held, setHeld] = useState({ open: false, seq: 0 });

  const cancel = useMutation({
    mutationFn: (target: Activity) => updateActivity(target.id, { status: 'cancelled' }),
    onSuccess: async (saved) => {
      queryClient.setQueryData([ACTIVITY_KEY, saved.id], saved);
      void message.success(t('activities.cancelled'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [ACTIVITY_KEY, saved.id] }),
        queryClient.invalidateQueries({ queryKey: [ACTIVITIES_KEY] }),
        queryClient.invalidateQueries({ queryKey: [HOME_OPS_KEY] }),
      ]);
    },
    onError: (error) => {
      void message.error(errorMessage(error));
      void queryClient.invalidateQueries({ queryKey: [ACTIVITY_KEY, id] });
    },
  });

  const data = activity.data;
  const names = useMemberNames(data?.attendeeMemberIds ?? [], data?.hostHomeIds ?? []);

  if (activity.isPending) return <PageLoading />;
  if (activity.isError)
    return <LoadError page error={activity.error} onRetry={() => void activity.refetch()} />;
  const current = activity.data;
  // the buttons are those the server would accept now (allowedActions)
  const canUpdate = allows(current, 'update');
  const canHold = allows(current, 'hold');
  const canCancel = allows(current, 'cancel');
  const path = activityPath(current.id);
  const knownMembers = current.attendeeMemberIds
    .map((memberId) => names.get(memberId))
    .filter((member) => member !== undefined);

  return (
    <>
      <PageHeader
        title={current.title}
        back="/activities"
        tags={<ActivityStatusTag status={current.status} />}
        extra={
          <>
            {canHold ? (
              <Button
                type="primary"
                icon={<CheckCircleOutlined aria-hidden />}
                onClick={() => setHeld((prev) => ({ open: true, seq: prev.seq + 1 }))}
              >
                {t('activities.markHeld')}
              </Button>
            ) : null}
            {canUpdate && current.status === 'held' ? (
              <Button
                icon={<CheckCircleOutlined aria-hidden />}
                onClick={() => setHeld((prev) => ({ open: true, seq: prev.seq + 1 }))}
              >
                {t('activities.editHeld')}
              </Button>
            ) : null}
            {canUpdate ? (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => void navigate(`${path}/edit`)}>
                {t('common.edit')}
              </Button>
            ) : null}
            {canCancel ? (
              <Popconfirm
                title={t('activities.cancelConfirmTitle')}
                description={t('activities.cancelConfirm')}
                okText={t('activities.cancel')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.close')}
                onConfirm={() => cancel.mutateAsync(current).catch(() => undefined)}
              >
                <Button danger icon={<StopOutlined aria-hidden />} loading={cancel.isPending}>
                  {t('activities.cancel')}
                </Button>
              </Popconfirm>
            ) : null}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('activities.facts')}>
              <ActivityFacts activity={current} names={names} />
            </Card>
            <Card size="small" title={t('activities.photos')}>
              <ActivityPhotos activityId={current.id} canUpload={canUpdate} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={8}>
          <CheckinCard activity={current} />
        </Col>
      </Row>
      <HeldModal
        key={held.seq}
        open={held.open}
        activity={current}
        knownMembers={knownMembers}
        onClose={() => setHeld((prev) => ({ ...prev, open: false }))}
      />
    </>
  );
}

function ActivityFacts({ activity, names }: { activity: Activity; names: Map<string, { name: string }> }) {
  const { t } = useTranslation();
  const orgUnits = useOrgUnitMap();
  const firstHost = activity.planItemId ? activity.hostHomeIds[0] : undefined;
  const plan = usePlan(firstHost, yearOf(new Date(activity.startsAt)));
  const planItem = plan.data?.items.find((item) => item.id === activity.planItemId);

  const nameOf = (memberId: string) => names.get(memberId)?.name ?? t('activities.unknownMember');
  const items: DescriptionsProps['items'] = [
    {
      key: 'kind',
      label: t('activities.kind'),
      children: joinParts([activityKindLabel(t, activity.kind), kindFunctionLabel(t, activity.kind)]),
    },
    {
      key: 'time',
      label: t('activities.time'),
      children: formatTimeRange(activity.startsAt, activity.endsAt),
    },
    { key: 'place', label: t('activities.place'), children: activity.place ?? '-' },
    {
      key: 'hosts',
      label: t('activities.hosts'),
      children: (
        <Flex wrap gap={8}>
          {activity.hostHomes.map((home) => (
            <Link key={home.id} to={`/homes/${encodeURIComponent(home.id)}?tab=activities`}>
              {home.name}
            </Link>
          ))}
        </Flex>
      ),
    },
    {
      key: 'joint',
      label: t('activities.jointUnits'),
      children: activity.jointUnitIds.map((unitId) => orgUnits.get(unitId)?.name ?? unitId).join('、') || '-',
    },
    {
      key: 'plan',
      label: t('activities.planItem'),
      children: activity.planItemId
        ? planItem
          ? `${t('common.quarterShort', { quarter: planItem.quarter })} · ${planItem.title}`
          : t('activities.planItemLinked')
        : '-',
    },
    {
      key: 'attendees',
      label: t('activities.attendees'),
      span: 'filled',
      children: <Attendance attendance={activity.attendance} nameOf={nameOf} />,
    },
    { key: 'citizens', label: t('activities.citizenCount'), children: activity.citizenCount },
    {
      key: 'departments',
      label: t('activities.departments'),
      children: activity.departments.join('、') || '-',
    },
    {
      key: 'summary',
      label: t('activities.summary'),
      span: 'filled',
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{activity.summary ?? '-'}</span>,
    },
    {
      key: 'outcomes',
      label: t('activities.outcomes'),
      span: 'filled',
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{activity.outcomes ?? '-'}</span>,
    },
  ];
  return <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }} items={items} />;
}

/** Which tag colour says how an attendance was recorded: the member's own check-in stands out. */
const SOURCE_COLORS: Record<AttendanceSource, string> = { checkin: 'green', manual: 'blue', duty: 'purple' };

/**
 * 出勤委员 by how each was recorded — 扫码签到 (the member scanned the code) apart from
 * 组织者登记 (ticked by the organiser) and 值班登记 (their duty shift) — with the count of all.
 */
function Attendance({
  attendance,
  nameOf,
}: {
  attendance: Activity['attendance'];
  nameOf: (memberId: string) => string;
}) {
  const { t } = useTranslation();
  if (attendance.length === 0) return '-';
  return (
    <Flex vertical gap={4}>
      <span>{t('activities.attendeesCount', { count: attendance.length })}</span>
      {ATTENDANCE_SOURCES.map((source) => {
        const members = attendance.filter((a) => a.source === source);
        if (members.length === 0) return null;
        return (
          <div key={source} data-source={source}>
            <Tag color={SOURCE_COLORS[source]}>
              {t(`attendanceSources.${source}`)} {members.length}
            </Tag>
            {members.map((a) => nameOf(a.memberId)).join('、')}
          </div>
        );
      })}
    </Flex>
  );
}

/** The check-in QR code, the short code in large letters and the link (with a copy button). */
function CheckinCard({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const publicUrl = usePublicUrl();
  const navigate = useNavigate();
  const link = `${publicUrl}${checkinPagePath(activity.checkinCode)}`;
  const ended = dayjs(activity.endsAt).isBefore(dayjs());
  return (
    <Card
      size="small"
      title={t('activities.checkin')}
      extra={
        <Button
          size="small"
          icon={<QrcodeOutlined aria-hidden />}
          onClick={() => void navigate(`${activityPath(activity.id)}/qr`)}
        >
          {t('activities.printQr')}
        </Button>
      }
    >
      <Flex
        vertical
        align="center"
        gap={8}
        style={{ opacity: activity.status === 'cancelled' || ended ? 0.5 : 1 }}
      >
        <img
          src={activityQrUrl(activity.id)}
          alt={t('activities.qrAlt', { title: activity.title })}
          width={200}
          height={200}
          style={{ maxWidth: '100%', height: 'auto' }}
        />
        <Typography.Text type="secondary">{t('activities.checkinCode')}</Typography.Text>
        <Typography.Text
          strong
          copyable={{ text: activity.checkinCode }}
          style={{
            fontSize: 36,
            letterSpacing: 6,
            fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace',
          }}
        >
          {activity.checkinCode}
        </Typography.Text>
        <Typography.Text type="secondary">{t('activities.checkinLink')}</Typography.Text>
        <Typography.Text copyable={{ text: link }} style={{ wordBreak: 'break-all', textAlign: 'center' }}>
          <a href={link}>{link}</a>
        </Typography.Text>
        <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12, textAlign: 'center' }}>
          {t('activities.checkinHint')}
        </Typography.Paragraph>
      </Flex>
    </Card>
  );
}
