import { Empty, Flex, Skeleton, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useHomeHistory } from '../../api/homes';
import type { HomeTransition } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { HomeStatusTag } from '../../components/HomeStatusTag';
import { homeActionLabel, isHomeAction } from '../../components/homeLabels';
import { LoadError } from '../../components/LoadError';
import { AttachmentLink, TransitionData } from './homeParts';

/**
 * Name of a step: the workflow action's label; the first step (no previous status, an action
 * outside the workflow table such as `propose`) is the application.
 */
export function stepLabel(t: TFunction, step: HomeTransition): string {
  if (isHomeAction(step.action)) return homeActionLabel(t, step.action);
  return step.fromStatus === null ? t('homes.history.proposed') : step.action;
}

const TIMELINE_COLORS: Record<string, string> = {
  rejected: 'red',
  closed: 'red',
  suspended: 'orange',
  operating: 'green',
};

/** 流程记录: every workflow step of a home, oldest first. */
export function HomeHistory({ homeId }: { homeId: string }) {
  const { t } = useTranslation();
  const history = useHomeHistory(homeId);

  if (history.isPending) return <Skeleton active />;
  if (history.isError) return <LoadError error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('homes.detail.noHistory')} />;
  }

  return (
    <Timeline
      style={{ paddingTop: 8 }}
      items={history.data.map((step) => ({
        key: String(step.id),
        color: TIMELINE_COLORS[step.toStatus] ?? 'blue',
        content: (
          <Flex vertical gap={4}>
            <Flex gap={8} wrap align="center">
              <Typography.Text strong>{stepLabel(t, step)}</Typography.Text>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(step.at, false)}
              </Typography.Text>
              {step.fromStatus ? <HomeStatusTag status={step.fromStatus} /> : null}
              {step.fromStatus ? <span aria-hidden>→</span> : null}
              <HomeStatusTag status={step.toStatus} />
            </Flex>
            {step.actorName ? (
              <Typography.Text type="secondary">
                {t('common.labelled', { label: t('homes.history.actor') })}
                {step.actorName}
              </Typography.Text>
            ) : null}
            <TransitionData action={step.action} data={step.data} />
            {step.comment ? (
              <div style={{ whiteSpace: 'pre-wrap' }}>
                <Typography.Text type="secondary">
                  {t('common.labelled', { label: t('homes.transition.comment') })}
                </Typography.Text>
                {step.comment}
              </div>
            ) : null}
            {step.attachments.length > 0 ? (
              <Flex vertical gap={2}>
                {step.attachments.map((attachment) => (
                  <AttachmentLink key={attachment.id} attachment={attachment} />
                ))}
              </Flex>
            ) : null}
          </Flex>
        ),
      }))}
    />
  );
}
