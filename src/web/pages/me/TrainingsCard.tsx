import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { allows } from '../../api/allowed';
import { certificatePdfPath, trainingPath, useMyTrainings } from '../../api/trainings';
import type { TrainingSummary } from '../../api/types';
import { joinParts } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { ActivityStatusTag } from '../../components/StatusTags';
import { formatTimeRange } from '../activities/activityParts';
import { MyTrainingTag, useConfirmWithdrawal, useSelfEnrolment } from '../trainings/trainingParts';

/**
 * 我的培训 on 我的: the sessions open to the member that have not started, with 报名, and the ones
 * they are enrolled in, with 取消报名 (asked again) before the start and the certificate once it
 * has ended and their attendance is recorded. One session a row, made for a phone.
 */
export function TrainingsCard({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const open = useMyTrainings('open');
  const mine = useMyTrainings('mine');
  const openToJoin = (open.data?.items ?? []).filter((training) => !training.mine);
  return (
    <Card
      size="small"
      title={t('trainings.myTitle')}
      extra={<Link to="/trainings">{t('trainings.all')}</Link>}
    >
      <Flex vertical gap={16}>
        <section aria-label={t('trainings.openTitle')}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('trainings.openTitle')}
          </Typography.Title>
          {open.isPending ? (
            <Skeleton active title={false} paragraph={{ rows: 2 }} />
          ) : open.isError ? (
            <LoadError error={open.error} onRetry={() => void open.refetch()} />
          ) : openToJoin.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trainings.noOpen')} />
          ) : (
            <Flex vertical gap={8}>
              {openToJoin.map((training) => (
                <TrainingRow key={training.id} training={training} userId={userId} />
              ))}
            </Flex>
          )}
        </section>
        <section aria-label={t('trainings.mine.card')}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('trainings.mine.card')}
          </Typography.Title>
          {mine.isPending ? (
            <Skeleton active title={false} paragraph={{ rows: 2 }} />
          ) : mine.isError ? (
            <LoadError error={mine.error} onRetry={() => void mine.refetch()} />
          ) : mine.data.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trainings.noMine')} />
          ) : (
            <Flex vertical gap={8}>
              {mine.data.items.map((training) => (
                <TrainingRow key={training.id} training={training} userId={userId} />
              ))}
            </Flex>
          )}
        </section>
      </Flex>
    </Card>
  );
}

/** One session: its name (to its page), when, where and who holds it, and what the member may do now. */
function TrainingRow({ training, userId }: { training: TrainingSummary; userId: string }) {
  const { t } = useTranslation();
  const enrol = useSelfEnrolment(training.id);
  const withdraw = useConfirmWithdrawal(training);
  const full =
    !training.mine &&
    training.capacity !== null &&
    training.enrolled >= training.capacity &&
    !allows(training, 'enrol_self');
  return (
    <div
      data-testid="my-training"
      style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', overflowWrap: 'anywhere' }}
    >
      <Flex justify="space-between" gap={8} align="flex-start">
        <Link to={trainingPath(training.id)} style={{ fontWeight: 500 }}>
          {training.title}
        </Link>
        <Flex gap={4} wrap justify="flex-end" style={{ flexShrink: 0 }}>
          {training.status !== 'planned' ? <ActivityStatusTag status={training.status} /> : null}
          <MyTrainingTag mine={training.mine} />
          {full ? <Tag>{t('trainings.full')}</Tag> : null}
        </Flex>
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
        {joinParts([formatTimeRange(training.startsAt, training.endsAt), training.place])}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
        {joinParts([
          training.organiserUnitName,
          training.capacity !== null
            ? `${t('trainings.capacity')} ${t('trainings.capacityOf', { enrolled: training.enrolled, capacity: training.capacity })}`
            : null,
        ])}
      </Typography.Text>
      {allows(training, 'enrol_self') ||
      allows(training, 'withdraw') ||
      allows(training, 'print_certificate') ? (
        <Flex gap={8} wrap style={{ marginTop: 8 }}>
          {allows(training, 'enrol_self') ? (
            <Button type="primary" size="small" loading={enrol.isPending} onClick={() => enrol.mutate()}>
              {t('trainings.enrolSelf')}
            </Button>
          ) : null}
          {allows(training, 'withdraw') ? (
            <Button danger size="small" loading={withdraw.pending} onClick={withdraw.ask}>
              {t('trainings.withdraw')}
            </Button>
          ) : null}
          {allows(training, 'print_certificate') ? (
            <Button
              size="small"
              icon={<PrinterOutlined aria-hidden />}
              href={certificatePdfPath(training.id, userId)}
              target="_blank"
            >
              {t('trainings.printCertificate')}
            </Button>
          ) : null}
        </Flex>
      ) : null}
    </div>
  );
}
