import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '../../../domain/activities';
import { useHome } from '../../api/homes';
import { activityKindLabel, activityStatusLabel } from '../../components/activityLabels';
import { FilterSelect, ResetFilters } from '../../components/FilterBar';
import { HomeSelect } from '../../components/HomeSelect';
import { labelOptions } from '../../components/homeLabels';
import { SearchInput } from '../../components/SearchInput';

export const ACTIVITY_FILTERS = ['q', 'status', 'kind', 'homeId'] as const;
export type ActivityFilter = (typeof ACTIVITY_FILTERS)[number];
export type ActivityFilterValues = Partial<Record<ActivityFilter, string>>;

interface ActivityFiltersProps {
  values: ActivityFilterValues;
  onChange: (changes: Partial<Record<ActivityFilter, string | undefined>>) => void;
  onReset: () => void;
  /** The calendar has no text search (it shows a whole month). */
  search?: boolean;
}

/** The filters of the 活动 page, shared by the calendar and the list (values kept in the URL). */
export function ActivityFilters({ values, onChange, onReset, search = true }: ActivityFiltersProps) {
  const { t } = useTranslation();
  // A home chosen by a link (e.g. from the home's page) shows its name.
  const home = useHome(values.homeId);
  const active = Object.entries(values).some(([name, value]) => value && (search || name !== 'q'));
  return (
    <>
      {search ? (
        <SearchInput
          value={values.q}
          placeholder={t('activities.searchPlaceholder')}
          onSearch={(q) => onChange({ q })}
          width={200}
        />
      ) : null}
      <FilterSelect
        value={values.status}
        options={labelOptions(ACTIVITY_STATUSES, (status) => activityStatusLabel(t, status))}
        placeholder={t('activities.statusPlaceholder')}
        width={120}
        onChange={(status) => onChange({ status })}
      />
      <FilterSelect
        value={values.kind}
        options={labelOptions(ACTIVITY_KINDS, (kind) => activityKindLabel(t, kind))}
        placeholder={t('activities.kindPlaceholder')}
        width={170}
        onChange={(kind) => onChange({ kind })}
      />
      <HomeSelect
        style={{ width: 220 }}
        value={values.homeId}
        known={home.data ? [home.data] : undefined}
        placeholder={t('activities.homePlaceholder')}
        aria-label={t('activities.homePlaceholder')}
        onChange={(homeId) => onChange({ homeId })}
      />
      <ResetFilters active={active} onReset={onReset} />
    </>
  );
}
