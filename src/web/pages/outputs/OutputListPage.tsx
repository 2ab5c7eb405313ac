import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ABILITIES } from '../../api/types';
import { hasAbility, useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { ExportButton, type ExportPath } from '../../components/ExportButton';
import { ResetFilters } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { SearchInput } from '../../components/SearchInput';
import { YearSelect } from '../../components/YearSelect';
import { type FilterValues, type ListingOf, usePagedQuery } from '../../hooks/usePagedQuery';
import { useYearParam } from '../../hooks/useYearParam';

type OutputFilter = 'q' | 'status';

/**
 * The register of one kind of output (提案, 调研报告): a year, a search, the list, its export, and
 * 登记 for those who keep the register.
 */
export function OutputListPage<T extends { id: string }>({
  title,
  queryKey,
  path,
  exportPath,
  columns,
  searchPlaceholder,
  createLabel,
  extraFilters,
}: {
  title: string;
  queryKey: string;
  /** the API path, also the page's: /proposals, /research-reports */
  path: ListingOf<T>;
  /** the list's export with the same filters: /proposals/export.xlsx, /research-reports/export.xlsx */
  exportPath: ExportPath;
  columns: ColumnsType<T>;
  searchPlaceholder: string;
  createLabel: string;
  extraFilters?: (
    filters: FilterValues<OutputFilter>,
    setFilters: (changes: Partial<Record<OutputFilter, string | undefined>>) => void,
  ) => ReactNode;
}) {
  const navigate = useNavigate();
  const { data: session } = useSession();
  const [year, setYear] = useYearParam();
  const paged = usePagedQuery<T, OutputFilter>({
    key: queryKey,
    path,
    filters: extraFilters ? ['q', 'status'] : ['q'],
    fixed: { year },
  });
  const { filters, setFilters, resetFilters } = paged;

  return (
    <>
      <PageHeader title={title} />
      <DataTable<T, OutputFilter>
        paged={paged}
        rowKey="id"
        columns={columns}
        filters={
          <>
            <YearSelect value={year} onChange={setYear} from={2021} />
            <SearchInput
              value={filters.q}
              placeholder={searchPlaceholder}
              onSearch={(q) => setFilters({ q })}
            />
            {extraFilters?.(filters, setFilters)}
            <ResetFilters active={Object.keys(filters).length > 0} onReset={resetFilters} />
          </>
        }
        actions={
          <>
            <ExportButton path={exportPath} filters={{ ...filters, year }} />
            {hasAbility(session, ABILITIES.outputManage) ? (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => void navigate(`${path}/new`)}
              >
                {createLabel}
              </Button>
            ) : null}
          </>
        }
      />
    </>
  );
}
