import { useQueries } from '@tanstack/react-query';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { call, client } from '../../api/client';
import { HOME_KEY } from '../../api/homes';
import { MEMBER_KEY } from '../../api/members';
import type { Activity } from '../../api/types';
import { activityKindLabel } from '../../components/activityLabels';
import { beijingClock } from '../../components/beijingTime';
import type { KnownMember } from '../../components/MemberSelect';
import { ActivityStatusTag } from '../../components/StatusTags';

export const activityPath = (id: string) => `/activities/${encodeURIComponent(id)}`;

/** "2026-05-01 09:00–11:30" (Beijing time), or both dates when it spans days. */
export function formatTimeRange(startsAt: string, endsAt: string): string {
  const start = beijingClock(startsAt);
  const end = beijingClock(endsAt);
  if (!start.isValid() || !end.isValid()) return `${startsAt} – ${endsAt}`;
  return start.isSame(end, 'day')
    ? `${start.format('YYYY-MM-DD HH:mm')}–${end.format('HH:mm')}`
    : `${start.format('YYYY-MM-DD HH:mm')} – ${end.format('YYYY-MM-DD HH:mm')}`;
}

export const hostNames = (activity: Pick<Activity, 'hostHomes'>) =>
  activity.hostHomes.map((home) => home.name).join('、');

/** Columns of an activity list (the 活动 page and a home's 活动 tab). */
export function activityColumns(t: TFunction): ColumnsType<Activity> {
  return [
    {
      title: t('activities.name'),
      key: 'title',
      fixed: 'left',
      render: (_, activity) => <Link to={activityPath(activity.id)}>{activity.title}</Link>,
    },
    {
      title: t('activities.time'),
      key: 'time',
      render: (_, activity) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatTimeRange(activity.startsAt, activity.endsAt)}</span>
      ),
    },
    {
      title: t('activities.kind'),
      key: 'kind',
      render: (_, activity) => activityKindLabel(t, activity.kind),
    },
    { title: t('activities.hosts'), key: 'hosts', render: (_, activity) => hostNames(activity) },
    { title: t('activities.place'), key: 'place', render: (_, activity) => activity.place ?? '-' },
    {
      title: t('activities.status'),
      key: 'status',
      render: (_, activity) => <ActivityStatusTag status={activity.status} />,
    },
  ];
}

/**
 * Names of members by id: first from the members of the given homes (loaded with the same query
 * as the home page, so usually cached), then one GET /members/:id per member still unknown.
 */
export function useMemberNames(memberIds: readonly string[], homeIds: readonly string[]) {
  const homes = useQueries({
    queries: homeIds.map((id) => ({
      queryKey: [HOME_KEY, id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        call(client.GET('/homes/{id}', { params: { path: { id } }, signal })),
    })),
  });
  const homesLoaded = homes.every((home) => !home.isPending);
  const fromHomes = useMemo(() => {
    const known = new Map<string, KnownMember>();
    for (const home of homes) {
      for (const member of home.data?.members ?? []) known.set(member.id, member);
    }
    return known;
  }, [homes]);
  const missing = homesLoaded ? memberIds.filter((id) => !fromHomes.has(id)) : [];
  const others = useQueries({
    queries: missing.map((id) => ({
      queryKey: [MEMBER_KEY, id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        call(client.GET('/members/{id}', { params: { path: { id } }, signal })),
      retry: false,
    })),
  });
  return useMemo(() => {
    const known = new Map(fromHomes);
    for (const result of others) if (result.data) known.set(result.data.id, result.data);
    return known;
  }, [fromHomes, others]);
}
