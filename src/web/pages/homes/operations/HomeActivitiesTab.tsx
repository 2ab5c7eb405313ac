import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ACTIVITIES_KEY } from '../../../api/activities';
import { allows } from '../../../api/allowed';
import type { Activity, HomeDetail } from '../../../api/types';
import { DataTable } from '../../../components/DataTable';
import { usePagedQuery } from '../../../hooks/usePagedQuery';
import { activityColumns } from '../../activities/activityParts';

const NO_FILTERS = [] as const;

/** 活动 tab: the activities the home hosts (alone or jointly), newest first; 新建活动 for who runs it. */
export function HomeActivitiesTab({ home }: { home: HomeDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const paged = usePagedQuery<Activity, never>({
    key: ACTIVITIES_KEY,
    path: '/activities',
    filters: NO_FILTERS,
    fixed: { homeId: home.id },
  });
  const homeQuery = `homeId=${encodeURIComponent(home.id)}`;

  return (
    <DataTable<Activity, never>
      paged={paged}
      rowKey="id"
      columns={activityColumns(t)}
      actions={
        <>
          <Button
            icon={<CalendarOutlined aria-hidden />}
            onClick={() => void navigate(`/activities?${homeQuery}`)}
          >
            {t('activities.calendarView')}
          </Button>
          {/* The server lets whoever runs a host home schedule its activities: its 'update'. */}
          {allows(home, 'update') ? (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => void navigate(`/activities/new?${homeQuery}`)}
            >
              {t('activities.create')}
            </Button>
          ) : null}
        </>
      }
    />
  );
}
