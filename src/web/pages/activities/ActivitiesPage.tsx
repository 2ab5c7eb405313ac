import { PlusOutlined } from '@ant-design/icons';
import { Button, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ACTIVITIES_KEY } from '../../api/activities';
import { useRunsAnyHome } from '../../api/allowed';
import { ABILITIES, type Activity } from '../../api/types';
import { hasAbility, useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { ActivityCalendar } from './ActivityCalendar';
import { ACTIVITY_FILTERS, type ActivityFilter, ActivityFilters } from './ActivityFilters';
import { activityColumns } from './activityParts';

const VIEWS = ['month', 'week', 'list'] as const;
type View = (typeof VIEWS)[number];

/** 活动 (/activities): the activities in scope as a month or week calendar, or a filtered list. */
export default function ActivitiesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: session } = useSession();
  // a member who only belongs to homes may not schedule their activities (the server says 403)
  const runsAnyHome = useRunsAnyHome(session);
  const canCreate = hasAbility(session, ABILITIES.activityCreate) && runsAnyHome;
  const [searchParams, setSearchParams] = useSearchParams();
  const viewParam = searchParams.get('view');
  const view: View = (VIEWS as readonly string[]).includes(viewParam ?? '') ? (viewParam as View) : 'month';

  const setView = (next: View) =>
    setSearchParams(
      (prev) => {
        const params = new URLSearchParams(prev);
        if (next === 'month') params.delete('view');
        else params.set('view', next);
        params.delete('page');
        return params;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader
        title={t('activities.title')}
        extra={
          <>
            <Segmented<View>
              value={view}
              aria-label={t('activities.view')}
              options={[
                { value: 'month', label: t('activities.month') },
                { value: 'week', label: t('activities.week') },
                { value: 'list', label: t('activities.list') },
              ]}
              onChange={setView}
            />
            {canCreate ? (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => {
                  const homeId = searchParams.get('homeId');
                  void navigate(
                    homeId ? `/activities/new?homeId=${encodeURIComponent(homeId)}` : '/activities/new',
                  );
                }}
              >
                {t('activities.create')}
              </Button>
            ) : null}
          </>
        }
      />
      {view === 'list' ? <ActivityList /> : <ActivityCalendar mode={view} />}
    </>
  );
}

function ActivityList() {
  const { t } = useTranslation();
  const paged = usePagedQuery<Activity, ActivityFilter>({
    key: ACTIVITIES_KEY,
    path: '/activities',
    filters: ACTIVITY_FILTERS,
  });
  return (
    <DataTable<Activity, ActivityFilter>
      paged={paged}
      rowKey="id"
      columns={activityColumns(t)}
      filters={
        <ActivityFilters values={paged.filters} onChange={paged.setFilters} onReset={paged.resetFilters} />
      }
      actions={<ExportButton path="/activities/export.xlsx" filters={paged.filters} />}
    />
  );
}
