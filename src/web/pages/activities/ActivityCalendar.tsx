import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Calendar, Card, Empty, Flex, Grid, Spin, Typography, theme } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type ActivityRangeFilters, CALENDAR_PAGE_SIZE, useActivitiesInRange } from '../../api/activities';
import type { Activity } from '../../api/types';
import { ACTIVITY_STATUS_COLORS, isActivityStatus } from '../../components/activityLabels';
import { beijingClock, beijingToday, fromBeijingClock } from '../../components/beijingTime';
import { LoadError } from '../../components/LoadError';
import { ActivityStatusTag } from '../../components/StatusTags';
import { useSetParams } from '../../hooks/useSetParams';
import {
  ACTIVITY_FILTERS,
  type ActivityFilter,
  ActivityFilters,
  type ActivityFilterValues,
} from './ActivityFilters';
import { activityPath, hostNames } from './activityParts';

const DAY = 'YYYY-MM-DD';
/** Filters the calendar sends (a whole month is shown, so no text search). */
const CALENDAR_FILTERS = ['status', 'kind', 'homeId'] as const;

/** Colour of an activity's dot / bar: its status colour. */
function useStatusColor() {
  const { token } = theme.useToken();
  return (activity: Activity) => {
    const preset = isActivityStatus(activity.status) ? ACTIVITY_STATUS_COLORS[activity.status] : 'default';
    if (preset === 'green') return token.colorSuccess;
    if (preset === 'blue') return token.colorInfo;
    return token.colorTextQuaternary;
  };
}

/**
 * Month (antd Calendar) and week (seven day columns) views of the activities in scope. The shown
 * date (`?date=`) and the filters live in the URL; a click on an activity opens it.
 */
export function ActivityCalendar({ mode }: { mode: 'month' | 'week' }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [searchParams] = useSearchParams();
  const parsed = dayjs(searchParams.get('date') ?? '', DAY, true);
  const date = parsed.isValid() ? parsed : beijingToday();

  const filters: ActivityFilterValues = {};
  for (const name of CALENDAR_FILTERS) {
    const value = searchParams.get(name);
    if (value) filters[name] = value;
  }
  const setParams = useSetParams();
  const setDate = (next: Dayjs) =>
    setParams({ date: next.isSame(beijingToday(), 'day') ? undefined : next.format(DAY) });

  // The month grid shows six weeks from the week of the 1st (weeks start on Monday in zh-CN), its
  // days Beijing days.
  const from = mode === 'month' ? date.startOf('month').startOf('week') : date.startOf('week');
  const to = from.add(mode === 'month' ? 42 : 7, 'day');
  // the filters as the address bar has them: the server answers 400 to a value it does not know
  const query = useActivitiesInRange(
    new Date(fromBeijingClock(from)),
    new Date(fromBeijingClock(to)),
    filters as ActivityRangeFilters,
  );

  const byDay = useMemo(() => {
    const map = new Map<string, Activity[]>();
    for (const activity of query.data?.items ?? []) {
      const key = beijingClock(activity.startsAt).format(DAY);
      const list = map.get(key) ?? [];
      list.push(activity);
      map.set(key, list);
    }
    for (const list of map.values()) list.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    return map;
  }, [query.data]);

  const unit = mode === 'month' ? 'month' : 'week';
  const title =
    mode === 'month'
      ? t('activities.monthTitle', { year: date.year(), month: date.month() + 1 })
      : t('activities.weekTitle', {
          from: from.format('YYYY-MM-DD'),
          to: to.subtract(1, 'day').format('MM-DD'),
        });

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center" justify="space-between">
        <Flex gap={8} align="center" wrap>
          <Button
            icon={<LeftOutlined aria-hidden />}
            aria-label={mode === 'month' ? t('activities.prevMonth') : t('activities.prevWeek')}
            title={mode === 'month' ? t('activities.prevMonth') : t('activities.prevWeek')}
            onClick={() => setDate(date.subtract(1, unit))}
          />
          <Button onClick={() => setDate(beijingToday())}>{t('activities.today')}</Button>
          <Button
            icon={<RightOutlined aria-hidden />}
            aria-label={mode === 'month' ? t('activities.nextMonth') : t('activities.nextWeek')}
            title={mode === 'month' ? t('activities.nextMonth') : t('activities.nextWeek')}
            onClick={() => setDate(date.add(1, unit))}
          />
          <Typography.Title level={3} style={{ fontSize: 17, margin: 0 }} aria-live="polite">
            {title}
          </Typography.Title>
          {query.isFetching ? <Spin size="small" /> : null}
        </Flex>
        <Flex gap={12} wrap align="center">
          <ActivityFilters
            search={false}
            values={filters}
            onChange={(changes) => setParams(changes)}
            onReset={() =>
              setParams(Object.fromEntries(ACTIVITY_FILTERS.map((name: ActivityFilter) => [name, undefined])))
            }
          />
        </Flex>
      </Flex>
      {query.isError ? <LoadError error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data && query.data.total > query.data.items.length ? (
        <Alert type="warning" showIcon title={t('activities.tooMany', { count: CALENDAR_PAGE_SIZE })} />
      ) : null}
      {mode === 'month' ? (
        <>
          <Calendar
            value={date}
            fullscreen={screens.md !== false}
            headerRender={() => null}
            cellRender={(current: Dayjs, info) =>
              info.type === 'date' ? (
                <MonthCell activities={byDay.get(current.format(DAY)) ?? []} compact={screens.md === false} />
              ) : (
                info.originNode
              )
            }
            onSelect={(next, { source }) => {
              if (source === 'date') setDate(next);
            }}
          />
          <DayList date={date} activities={byDay.get(date.format(DAY)) ?? []} />
        </>
      ) : (
        <WeekGrid from={from} byDay={byDay} stacked={screens.md === false} />
      )}
    </Flex>
  );
}

/** A day of the month grid: up to three activity titles (a dot on a phone). */
function MonthCell({ activities, compact }: { activities: Activity[]; compact: boolean }) {
  const { t } = useTranslation();
  const colorOf = useStatusColor();
  const { token } = theme.useToken();
  if (activities.length === 0) return null;
  if (compact) {
    return (
      <span
        aria-hidden
        style={{
          position: 'absolute',
          // below the day number, so it shows on the selected (filled) day as well
          bottom: -5,
          left: '50%',
          width: 5,
          height: 5,
          marginLeft: -2.5,
          borderRadius: '50%',
          background: token.colorPrimary,
        }}
      />
    );
  }
  const shown = activities.slice(0, 3);
  return (
    <Flex vertical gap={2}>
      {shown.map((activity) => (
        <Link
          key={activity.id}
          to={activityPath(activity.id)}
          title={activity.title}
          style={{
            display: 'block',
            overflow: 'hidden',
            whiteSpace: 'nowrap',
            textOverflow: 'ellipsis',
            fontSize: 12,
            lineHeight: '18px',
            paddingInlineStart: 6,
            borderInlineStart: `3px solid ${colorOf(activity)}`,
            color: token.colorText,
            textDecoration: activity.status === 'cancelled' ? 'line-through' : undefined,
          }}
        >
          {beijingClock(activity.startsAt).format('HH:mm')} {activity.title}
        </Link>
      ))}
      {activities.length > shown.length ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('activities.more', { count: activities.length - shown.length })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** One activity as a small card: time, title (link), hosts, place, status. */
function ActivityCard({ activity }: { activity: Activity }) {
  const colorOf = useStatusColor();
  const { token } = theme.useToken();
  return (
    <Link
      to={activityPath(activity.id)}
      style={{
        display: 'block',
        padding: '8px 10px',
        minHeight: 44,
        borderRadius: token.borderRadius,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderInlineStart: `4px solid ${colorOf(activity)}`,
        background: token.colorBgContainer,
        color: token.colorText,
      }}
    >
      <Flex justify="space-between" gap={8} align="flex-start">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {beijingClock(activity.startsAt).format('HH:mm')}–{beijingClock(activity.endsAt).format('HH:mm')}
        </Typography.Text>
        <ActivityStatusTag status={activity.status} />
      </Flex>
      <div style={{ fontWeight: 500, wordBreak: 'break-word' }}>{activity.title}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[hostNames(activity), activity.place].filter(Boolean).join(' · ')}
      </Typography.Text>
    </Link>
  );
}

/** The activities of the chosen day, under the month grid. */
function DayList({ date, activities }: { date: Dayjs; activities: Activity[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('activities.dayTitle', { date: date.format('YYYY-MM-DD dddd') })}>
      {activities.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.noneOnDay')} />
      ) : (
        <Flex vertical gap={8}>
          {activities.map((activity) => (
            <ActivityCard key={activity.id} activity={activity} />
          ))}
        </Flex>
      )}
    </Card>
  );
}

/** Seven day columns (one under another on a phone), each with its activities. */
function WeekGrid({
  from,
  byDay,
  stacked,
}: {
  from: Dayjs;
  byDay: Map<string, Activity[]>;
  stacked: boolean;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const days = Array.from({ length: 7 }, (_, i) => from.add(i, 'day'));
  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: stacked ? '1fr' : 'repeat(7, minmax(0, 1fr))',
        gap: 8,
      }}
    >
      {days.map((day) => {
        const list = byDay.get(day.format(DAY)) ?? [];
        const today = day.isSame(beijingToday(), 'day');
        return (
          <section
            key={day.format(DAY)}
            aria-label={day.format('YYYY-MM-DD dddd')}
            style={{
              minHeight: stacked ? undefined : 160,
              padding: 8,
              borderRadius: token.borderRadius,
              background: today ? token.colorPrimaryBg : token.colorFillQuaternary,
            }}
          >
            <Flex justify="space-between" align="baseline" style={{ marginBottom: 6 }}>
              <Typography.Text strong style={{ color: today ? token.colorPrimary : undefined }}>
                {day.format('dddd')}
              </Typography.Text>
              <Typography.Text type="secondary">{day.format('M/D')}</Typography.Text>
            </Flex>
            <Flex vertical gap={6}>
              {list.length === 0 ? (
                stacked ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('activities.noneOnDay')}
                  </Typography.Text>
                ) : null
              ) : (
                list.map((activity) => <ActivityCard key={activity.id} activity={activity} />)
              )}
            </Flex>
          </section>
        );
      })}
    </div>
  );
}
