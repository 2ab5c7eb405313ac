import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { allows } from '../../api/allowed';
import { call, client, errorMessage } from '../../api/client';
import {
  certificatePdfPath,
  certificatesPdfPath,
  markAttendance,
  setEnrolments,
  TRAINING_KEY,
  TRAININGS_KEY,
  trainingCheckinPagePath,
  updateTraining,
  uploadTrainingMaterial,
  useTraining,
} from '../../api/trainings';
import type { Training, TrainingEnrolment } from '../../api/types';
import { usePublicUrl, useSession } from '../../auth/session';
import { AttachmentUpload } from '../../components/AttachmentUpload';
import { formatDateTime, joinParts } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { type RemoteOption, RemoteSelect } from '../../components/RemoteSelect';
import { ActivityStatusTag } from '../../components/StatusTags';
import { formatTimeRange } from '../activities/activityParts';
import { AttachmentLink } from '../homes/homeParts';
import { MyTrainingTag, TrainingCheckinForm, useConfirmWithdrawal, useSelfEnrolment } from './trainingParts';

/** Keeps the answer of a change as the training, and the list counts fresh. */
function useTrainingChange<A>(change: (args: A) => Promise<Training>, done?: string) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: async (training) => {
      queryClient.setQueryData([TRAINING_KEY, training.id], training);
      if (done) void message.success(done);
      await queryClient.invalidateQueries({ queryKey: [TRAININGS_KEY] });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
}

/** 培训 detail (/trainings/:id): facts and materials; check-in for trainees; the roll for organisers. */
export default function TrainingDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const training = useTraining(id);
  const { data: session } = useSession();

  if (training.isPending) return <PageLoading />;
  if (training.isError)
    return <LoadError page error={training.error} onRetry={() => void training.refetch()} />;
  const data = training.data;

  return (
    <>
      <PageHeader
        title={data.title}
        back="/trainings"
        tags={
          <>
            <ActivityStatusTag status={data.status} />
            <MyTrainingTag mine={data.mine} />
          </>
        }
        extra={<StatusButtons training={data} />}
      />
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'organiser', label: t('trainings.organiser'), children: data.organiserUnitName },
              {
                key: 'time',
                label: t('trainings.time'),
                children: formatTimeRange(data.startsAt, data.endsAt),
              },
              { key: 'place', label: t('trainings.place'), children: data.place ?? '-' },
              {
                key: 'attendance',
                label: t('trainings.attendance'),
                children: t('trainings.attendedOf', { attended: data.attended, enrolled: data.enrolled }),
              },
              {
                key: 'audience',
                label: t('trainings.audience'),
                children: t(`trainings.audiences.${data.audience}`),
              },
              {
                key: 'capacity',
                label: t('trainings.capacity'),
                children:
                  data.capacity === null
                    ? t('trainings.unlimited')
                    : t('trainings.capacityOf', { enrolled: data.enrolled, capacity: data.capacity }),
              },
              {
                key: 'description',
                label: t('trainings.description'),
                span: 'filled',
                children: <div style={{ whiteSpace: 'pre-wrap' }}>{data.description ?? '-'}</div>,
              },
            ]}
          />
        </Card>
        {(data.mine || allows(data, 'enrol_self')) && session ? (
          <MineCard training={data} userId={session.user.id} />
        ) : null}
        {data.checkinCode ? <CheckinCodeCard code={data.checkinCode} /> : null}
        {allows(data, 'enrol') || data.enrolments.length > 0 ? <EnrolmentsCard training={data} /> : null}
        <MaterialsCard training={data} />
      </Flex>
    </>
  );
}

/** 标记已举办 / 取消培训, each asked again. */
function StatusButtons({ training }: { training: Training }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const change = useTrainingChange((status: 'held' | 'cancelled') => updateTraining(training.id, { status }));
  const ask = (status: 'held' | 'cancelled') =>
    modal.confirm({
      title: t(`trainings.confirm.${status}`),
      okText: t(`trainings.markAs.${status}`),
      okButtonProps: { danger: status === 'cancelled' },
      cancelText: t('common.cancel'),
      onOk: () => change.mutateAsync(status).catch(() => undefined),
    });
  return (
    <>
      {allows(training, 'hold') ? (
        <Button type="primary" onClick={() => ask('held')}>
          {t('trainings.markAs.held')}
        </Button>
      ) : null}
      {allows(training, 'cancel') ? (
        <Button danger onClick={() => ask('cancelled')}>
          {t('trainings.markAs.cancelled')}
        </Button>
      ) : null}
    </>
  );
}

/**
 * The trainee's own part: 报名 in a session open to them, 取消报名 (asked again) before it starts,
 * 签到 while not yet attended, then the certificate once it has ended.
 */
function MineCard({ training, userId }: { training: Training; userId: string }) {
  const { t } = useTranslation();
  const enrol = useSelfEnrolment(training.id);
  const withdraw = useConfirmWithdrawal(training);
  const attendedAt = training.mine?.attendedAt;
  return (
    <Card size="small" title={t('trainings.mine.card')}>
      <Flex vertical gap={12}>
        {allows(training, 'enrol_self') ? (
          <Flex gap={12} wrap align="center">
            <Button type="primary" loading={enrol.isPending} onClick={() => enrol.mutate()}>
              {t('trainings.enrolSelf')}
            </Button>
            {training.capacity !== null ? (
              <Typography.Text type="secondary">
                {t('trainings.capacity')}{' '}
                {t('trainings.capacityOf', { enrolled: training.enrolled, capacity: training.capacity })}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : null}
        {attendedAt ? (
          <Flex gap={12} wrap align="center">
            <Typography.Text>
              {t('trainings.attendedAt', { time: formatDateTime(attendedAt, false) })}
            </Typography.Text>
            {allows(training, 'print_certificate') ? (
              <Button
                icon={<PrinterOutlined aria-hidden />}
                href={certificatePdfPath(training.id, userId)}
                target="_blank"
              >
                {t('trainings.printCertificate')}
              </Button>
            ) : (
              <Typography.Text type="secondary">{t('trainings.certificateHint')}</Typography.Text>
            )}
          </Flex>
        ) : allows(training, 'check_in') ? (
          <TrainingCheckinForm />
        ) : training.status === 'cancelled' ? (
          <Typography.Text type="secondary">{t('trainings.cancelledNote')}</Typography.Text>
        ) : null}
        {allows(training, 'withdraw') ? (
          <div>
            <Button danger loading={withdraw.pending} onClick={withdraw.ask}>
              {t('trainings.withdraw')}
            </Button>
          </div>
        ) : null}
      </Flex>
    </Card>
  );
}

/**
 * The code trainees type, large, and the link that fills it in. The web bundle has no QR library
 * (the activities' QR image is drawn by the server), so the code is shown as text.
 */
function CheckinCodeCard({ code }: { code: string }) {
  const { t } = useTranslation();
  const publicUrl = usePublicUrl();
  const link = `${publicUrl}${trainingCheckinPagePath(code)}`;
  return (
    <Card size="small" title={t('trainings.checkinCode')}>
      <Flex vertical align="center" gap={4}>
        <div
          data-testid="training-checkin-code"
          style={{
            fontSize: 48,
            fontWeight: 700,
            letterSpacing: 10,
            fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace',
          }}
        >
          {code}
        </div>
        <Typography.Text copyable={{ text: link }} style={{ wordBreak: 'break-all', textAlign: 'center' }}>
          {t('trainings.codeLink', { link })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

interface Candidate {
  userId: string;
  displayName: string;
  memberName: string | null;
}
/** The accounts the organiser may enrol (the server decides which). */
const searchCandidates = (q: string, signal: AbortSignal) =>
  call(client.GET('/trainings/candidates', { params: { query: { q: q || undefined } }, signal }));
const candidateOption = (c: Candidate): RemoteOption => ({
  value: c.userId,
  label: c.displayName,
  detail: c.memberName && c.memberName !== c.displayName ? c.memberName : '',
});

/** 报名与出席: who is enrolled, who came (toggled by hand or by their check-in), and adding people. */
function EnrolmentsCard({ training }: { training: Training }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>([]);
  const current = training.enrolments.map((enrolment) => enrolment.userId);
  const enrol = useTrainingChange(
    (userIds: string[]) => setEnrolments(training.id, userIds),
    t('trainings.enrolSaved'),
  );
  const attend = useTrainingChange((args: { userId: string; attended: boolean }) =>
    markAttendance(training.id, args.userId, args.attended),
  );

  const columns: ColumnsType<TrainingEnrolment> = [
    {
      title: t('trainings.trainee'),
      key: 'name',
      render: (_, enrolment) => (
        <>
          {joinParts([
            enrolment.displayName,
            enrolment.memberName !== enrolment.displayName ? enrolment.memberName : null,
          ])}
          {enrolment.selfEnrolled ? (
            <Tag style={{ marginInlineStart: 8 }}>{t('trainings.selfEnrolled')}</Tag>
          ) : null}
        </>
      ),
    },
    {
      title: t('trainings.attended'),
      key: 'attended',
      render: (_, enrolment) => (
        <Switch
          size="small"
          disabled={!allows(training, 'mark_attendance')}
          checked={Boolean(enrolment.attendedAt)}
          loading={attend.isPending && attend.variables?.userId === enrolment.userId}
          aria-label={t('trainings.attendedOfName', { name: enrolment.displayName })}
          onChange={(attended) => attend.mutate({ userId: enrolment.userId, attended })}
        />
      ),
    },
    {
      title: t('trainings.attendedTime'),
      key: 'attendedAt',
      render: (_, enrolment) =>
        enrolment.attendedAt
          ? joinParts([
              formatDateTime(enrolment.attendedAt, false),
              enrolment.source ? t(`trainings.sources.${enrolment.source}`) : null,
            ])
          : '-',
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, enrolment) => (
        <Flex gap={4}>
          {enrolment.attendedAt && allows(training, 'print_certificates') ? (
            <Typography.Link href={certificatePdfPath(training.id, enrolment.userId)} target="_blank">
              {t('trainings.certificate')}
            </Typography.Link>
          ) : null}
          {allows(training, 'enrol') ? (
            <Popconfirm
              title={t('trainings.removeConfirm', { name: enrolment.displayName })}
              okText={t('trainings.remove')}
              cancelText={t('common.cancel')}
              onConfirm={() => enrol.mutateAsync(current.filter((userId) => userId !== enrolment.userId))}
            >
              <Button size="small" type="link" danger>
                {t('trainings.remove')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('trainings.enrolments', { count: training.enrolments.length })}
      extra={
        allows(training, 'print_certificates') ? (
          <Button
            size="small"
            icon={<PrinterOutlined aria-hidden />}
            href={certificatesPdfPath(training.id)}
            target="_blank"
          >
            {t('trainings.printCertificates')}
          </Button>
        ) : null
      }
    >
      <Flex vertical gap={12}>
        {allows(training, 'enrol') ? (
          <Flex gap={8} wrap>
            <div style={{ flex: 1, minWidth: 240 }}>
              <RemoteSelect<Candidate>
                multiple
                queryKey="training-candidates"
                search={searchCandidates}
                toOption={candidateOption}
                value={chosen}
                onChange={setChosen}
                placeholder={t('trainings.enrolPlaceholder')}
                aria-label={t('trainings.enrolPlaceholder')}
                style={{ width: '100%' }}
              />
            </div>
            <Button
              type="primary"
              disabled={chosen.length === 0}
              loading={enrol.isPending}
              onClick={() =>
                enrol.mutate([...new Set([...current, ...chosen])], { onSuccess: () => setChosen([]) })
              }
            >
              {t('trainings.enrol')}
            </Button>
          </Flex>
        ) : null}
        <Table<TrainingEnrolment>
          rowKey="userId"
          size="small"
          columns={columns}
          dataSource={training.enrolments}
          pagination={training.enrolments.length > 50 ? { pageSize: 50 } : false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trainings.noEnrolments')} />
            ),
          }}
        />
      </Flex>
    </Card>
  );
}

/** 培训材料: every trainee may download them; the organisers add more. */
function MaterialsCard({ training }: { training: Training }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // The upload reports every step; the list is fetched again once per finished file.
  const uploaded = useRef(0);
  return (
    <Card size="small" title={t('trainings.materials')}>
      <Flex vertical gap={8}>
        {training.materials.length === 0 ? (
          <Typography.Text type="secondary">{t('trainings.noMaterials')}</Typography.Text>
        ) : (
          training.materials.map((material) => <AttachmentLink key={material.id} attachment={material} />)
        )}
        {allows(training, 'add_material') ? (
          <div>
            <AttachmentUpload
              uploadFile={(file, onProgress) => uploadTrainingMaterial(training.id, file, onProgress)}
              onChange={(ids) => {
                if (ids.length === uploaded.current) return;
                uploaded.current = ids.length;
                void queryClient.invalidateQueries({ queryKey: [TRAINING_KEY, training.id] });
              }}
            />
          </div>
        ) : null}
      </Flex>
    </Card>
  );
}
