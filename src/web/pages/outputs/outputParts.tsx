import { Col, Form, Row, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PROPOSAL_STATUSES, type ProposalStatus } from '../../../domain/duty-record';
import { ACTIVITIES_KEY } from '../../api/activities';
import { searchActivities } from '../../api/records';
import type { Activity, NamedRef } from '../../api/types';
import { beijingClock } from '../../components/beijingTime';
import { HomeSelect } from '../../components/HomeSelect';
import { type RemoteOption, RemoteSelect } from '../../components/RemoteSelect';

export const proposalPath = (id: string) => `/proposals/${encodeURIComponent(id)}`;
export const reportPath = (id: string) => `/research-reports/${encodeURIComponent(id)}`;

const STATUS_COLORS: Record<ProposalStatus, string> = {
  pending: 'orange',
  filed: 'green',
  not_filed: 'default',
};

export const isProposalStatus = (value: string): value is ProposalStatus =>
  (PROPOSAL_STATUSES as readonly string[]).includes(value);

/** 待立案 / 立案 / 不立案, in the same colour on every page. */
export function ProposalStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={isProposalStatus(status) ? STATUS_COLORS[status] : undefined} style={{ marginInlineEnd: 0 }}>
      {isProposalStatus(status) ? t(`proposalStatuses.${status}`) : status}
    </Tag>
  );
}

const pickActivities = (text: string, signal: AbortSignal) =>
  searchActivities(text, signal).then((page) => page.items);
const activityOption = (activity: Activity): RemoteOption => ({
  value: activity.id,
  label: activity.title,
  detail: beijingClock(activity.startsAt).format('YYYY-MM-DD'),
});

/** Picks an activity by searching its title (GET /activities?q=). */
function ActivitySelect({
  known,
  value,
  onChange,
  id,
}: {
  known?: NamedRef | null;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  return (
    <RemoteSelect<Activity>
      id={id}
      queryKey={ACTIVITIES_KEY}
      search={pickActivities}
      toOption={activityOption}
      known={known ? [{ value: known.id, label: known.name, detail: '' }] : undefined}
      placeholder={t('outputs.activityPlaceholder')}
      value={value}
      onChange={onChange}
    />
  );
}

/** The home and the activity an output came from (both optional). */
export function OutputOriginFields({ home, activity }: { home: NamedRef | null; activity: NamedRef | null }) {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item label={t('outputs.home')} name="homeId">
          <HomeSelect known={home ? [home] : undefined} placeholder={t('outputs.homePlaceholder')} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label={t('outputs.activity')} name="activityId">
          <ActivitySelect known={activity} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** The members of an output, by name: 张三、李四. */
export const memberNames = (members: readonly NamedRef[]) => members.map((m) => m.name).join('、') || '-';

interface Origin {
  homeId: string | null;
  homeName: string | null;
  activityId: string | null;
  activityTitle: string | null;
}

/** The home and the activity of an output, as links (or "-"). */
export function originLinks({ homeId, homeName, activityId, activityTitle }: Origin): {
  home: ReactNode;
  activity: ReactNode;
} {
  return {
    home: homeId ? <Link to={`/homes/${encodeURIComponent(homeId)}`}>{homeName ?? homeId}</Link> : '-',
    activity: activityId ? (
      <Link to={`/activities/${encodeURIComponent(activityId)}`}>{activityTitle ?? activityId}</Link>
    ) : (
      '-'
    ),
  };
}
