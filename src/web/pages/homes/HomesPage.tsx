import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { HOME_KINDS, HOME_STATUSES } from '../../../domain/home-workflow';
import { HOMES_KEY } from '../../api/homes';
import { flatOrgUnitOptions, useOrgUnitMap, useOrgUnitName, useOrgUnits } from '../../api/orgUnits';
import { ABILITIES, HOME_LEVELS, type Home } from '../../api/types';
import { hasAbility, useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { ExportButton } from '../../components/ExportButton';
import { FilterSelect, ResetFilters } from '../../components/FilterBar';
import { HomeStatusTag } from '../../components/HomeStatusTag';
import { homeKindLabel, homeLevelLabel, homeStatusLabel, labelOptions } from '../../components/homeLabels';
import { PageHeader } from '../../components/PageHeader';
import { RegionCascader } from '../../components/RegionCascader';
import { SearchInput } from '../../components/SearchInput';
import { usePagedQuery } from '../../hooks/usePagedQuery';

/** `ownerUnitId` and `regionCode` also come from links on the coverage page. */
const FILTERS = ['q', 'kind', 'level', 'status', 'regionCode', 'ownerUnitId'] as const;
type HomeFilter = (typeof FILTERS)[number];

/** 委员之家 (/homes): search and filter homes; create one. */
export default function HomesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: session } = useSession();
  const orgUnits = useOrgUnits();
  const orgUnitMap = useOrgUnitMap();
  const unitName = useOrgUnitName();
  const paged = usePagedQuery<Home, HomeFilter>({ key: HOMES_KEY, path: '/homes', filters: FILTERS });
  const { filters, setFilters, resetFilters } = paged;

  const units = orgUnits.data ?? [];
  const ownerOptions = useMemo(() => {
    const options = flatOrgUnitOptions(units, ['sector_group']);
    // A link may name another kind of unit: keep it selectable so its name shows.
    const current = filters.ownerUnitId;
    if (current && !options.some((option) => option.value === current)) {
      options.unshift({ value: current, label: orgUnitMap.get(current)?.name ?? current });
    }
    return options;
  }, [units, filters.ownerUnitId, orgUnitMap]);

  const columns: ColumnsType<Home> = [
    {
      title: t('homes.name'),
      key: 'name',
      fixed: 'left',
      render: (_, home) => <Link to={`/homes/${encodeURIComponent(home.id)}`}>{home.name}</Link>,
    },
    { title: t('homes.kind'), key: 'kind', render: (_, home) => homeKindLabel(t, home.kind) },
    { title: t('homes.level'), key: 'level', render: (_, home) => homeLevelLabel(t, home.level) },
    {
      title: t('homes.ownerUnit'),
      key: 'ownerUnit',
      render: (_, home) => unitName(home.ownerUnitId),
    },
    {
      title: t('homes.region'),
      key: 'region',
      render: (_, home) => home.regionName ?? (home.online ? t('homes.detail.online') : '-'),
    },
    { title: t('homes.brandSpecialty'), key: 'brand', render: (_, home) => home.brand ?? '-' },
    { title: t('homes.director'), key: 'director', render: (_, home) => home.directorName ?? '-' },
    { title: t('homes.status'), key: 'status', render: (_, home) => <HomeStatusTag status={home.status} /> },
  ];

  return (
    <>
      <PageHeader title={t('homes.title')} />
      <DataTable<Home, HomeFilter>
        paged={paged}
        rowKey="id"
        columns={columns}
        filters={
          <>
            <SearchInput
              value={filters.q}
              placeholder={t('homes.searchPlaceholder')}
              onSearch={(q) => setFilters({ q })}
            />
            <FilterSelect
              value={filters.kind}
              options={labelOptions(HOME_KINDS, (kind) => homeKindLabel(t, kind))}
              placeholder={t('homes.kindPlaceholder')}
              width={200}
              onChange={(kind) => setFilters({ kind })}
            />
            <FilterSelect
              value={filters.level}
              options={labelOptions(HOME_LEVELS, (level) => homeLevelLabel(t, level))}
              placeholder={t('homes.levelPlaceholder')}
              width={110}
              onChange={(level) => setFilters({ level })}
            />
            <FilterSelect
              value={filters.status}
              options={labelOptions(HOME_STATUSES, (status) => homeStatusLabel(t, status))}
              placeholder={t('homes.statusPlaceholder')}
              width={140}
              onChange={(status) => setFilters({ status })}
            />
            <RegionCascader
              depth={2}
              style={{ width: 220 }}
              value={filters.regionCode}
              placeholder={t('homes.regionPlaceholder')}
              aria-label={t('homes.regionPlaceholder')}
              onChange={(regionCode) => setFilters({ regionCode })}
            />
            <FilterSelect
              value={filters.ownerUnitId}
              options={ownerOptions}
              loading={orgUnits.isPending}
              searchable
              placeholder={t('homes.ownerPlaceholder')}
              width={220}
              onChange={(ownerUnitId) => setFilters({ ownerUnitId })}
            />
            <ResetFilters active={Object.keys(filters).length > 0} onReset={resetFilters} />
          </>
        }
        actions={
          <>
            <ExportButton path="/homes/export.xlsx" filters={filters} />
            {hasAbility(session, ABILITIES.homeCreate) ? (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => void navigate('/homes/new')}
              >
                {t('homes.create')}
              </Button>
            ) : null}
          </>
        }
      />
    </>
  );
}
