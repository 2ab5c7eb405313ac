import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PROBLEM_STATUSES } from '../../../domain/opinion-workflow';
import { useRunsAnyHome } from '../../api/allowed';
import { PROBLEMS_KEY } from '../../api/opinions';
import { ABILITIES, type Problem } from '../../api/types';
import { hasAbility, useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { ExportButton } from '../../components/ExportButton';
import { FilterSelect, ResetFilters } from '../../components/FilterBar';
import { formatDateTime, joinParts } from '../../components/format';
import { labelOptions } from '../../components/homeLabels';
import { ProblemStatusTag, SatisfactionTag } from '../../components/OpinionTags';
import { problemStatusLabel } from '../../components/opinionLabels';
import { PageHeader } from '../../components/PageHeader';
import { SearchInput } from '../../components/SearchInput';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { HomeFilter, problemPath, TrackingCode } from '../opinions/opinionParts';

const FILTERS = ['status', 'homeId', 'q'] as const;
type ProblemFilter = (typeof FILTERS)[number];

/** 解难纾困 (/problems): citizens' problems, who handles them and how they ended. */
export default function ProblemsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: session } = useSession();
  // a member who only belongs to homes handles the problems given to them but registers none
  const runsHomes = useRunsAnyHome(session);
  const paged = usePagedQuery<Problem, ProblemFilter>({
    key: PROBLEMS_KEY,
    path: '/problems',
    filters: FILTERS,
  });
  const { filters, setFilters, resetFilters } = paged;

  const columns: ColumnsType<Problem> = [
    {
      title: t('problems.trackingCode'),
      key: 'trackingCode',
      render: (_, item) => <TrackingCode code={item.trackingCode} />,
    },
    {
      title: t('problems.titleLabel'),
      key: 'title',
      render: (_, item) => (
        <Link
          to={problemPath(item.id)}
          style={{ wordBreak: 'break-word', display: 'inline-block', maxWidth: 360 }}
        >
          {item.title}
        </Link>
      ),
    },
    {
      title: t('problems.place'),
      key: 'place',
      render: (_, item) => item.homeName ?? item.regionName ?? '-',
    },
    {
      title: t('problems.status'),
      key: 'status',
      render: (_, item) => <ProblemStatusTag status={item.status} />,
    },
    {
      title: t('problems.handler'),
      key: 'handler',
      render: (_, item) => joinParts([item.handlerMemberName, item.handlerDepartment]) || '-',
    },
    {
      title: t('problems.satisfaction'),
      key: 'satisfaction',
      render: (_, item) => <SatisfactionTag value={item.satisfaction} />,
    },
    {
      title: t('problems.createdAt'),
      key: 'createdAt',
      render: (_, item) => formatDateTime(item.createdAt, false),
    },
  ];

  return (
    <>
      <PageHeader title={t('problems.title')} />
      <DataTable<Problem, ProblemFilter>
        paged={paged}
        rowKey="id"
        columns={columns}
        filters={
          <>
            <SearchInput
              value={filters.q}
              placeholder={t('problems.searchPlaceholder')}
              onSearch={(q) => setFilters({ q })}
            />
            <FilterSelect
              value={filters.status}
              options={labelOptions(PROBLEM_STATUSES, (status) => problemStatusLabel(t, status))}
              placeholder={t('problems.statusPlaceholder')}
              width={120}
              onChange={(status) => setFilters({ status })}
            />
            <HomeFilter
              value={filters.homeId}
              rows={paged.query.data?.items}
              onChange={(homeId) => setFilters({ homeId })}
            />
            <ResetFilters active={Object.keys(filters).length > 0} onReset={resetFilters} />
          </>
        }
        actions={
          <>
            <ExportButton path="/problems/export.xlsx" filters={filters} />
            {hasAbility(session, ABILITIES.problemCreate) && runsHomes ? (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => void navigate('/problems/new')}
              >
                {t('problems.create')}
              </Button>
            ) : null}
          </>
        }
      />
    </>
  );
}
