import { Empty, Flex, Grid, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZE_OPTIONS, type PagedQuery } from '../hooks/usePagedQuery';
import { LoadError } from './LoadError';

export interface DataTableProps<T extends object, F extends string>
  extends Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading' | 'onChange'> {
  /** The list state from `usePagedQuery`. */
  paged: PagedQuery<T, F>;
  /** Filters on the left of the bar above the table. */
  filters?: ReactNode;
  /** Buttons on the right of the bar above the table (e.g. "新建"). */
  actions?: ReactNode;
}

/**
 * The columns as a phone shows them: none fixed. On a narrow screen a fixed column (an 操作 column
 * on the right, say) would take a third of the width and cover the others as the table scrolls.
 */
function unfixed<T>(columns: TableProps<T>['columns']): TableProps<T>['columns'] {
  return columns?.map((column) => {
    const { fixed: _fixed, ...rest } = column;
    return 'children' in rest && rest.children ? { ...rest, children: unfixed(rest.children) } : rest;
  }) as TableProps<T>['columns'];
}

/**
 * Server-side paginated antd Table with a filter/action bar, loading, error and empty states. Below
 * the `md` breakpoint (a phone) no column stays fixed.
 */
export function DataTable<T extends object, F extends string>({
  paged,
  filters,
  actions,
  locale,
  columns,
  ...tableProps
}: DataTableProps<T, F>) {
  const { t } = useTranslation();
  const { query, page, pageSize, setPage } = paged;
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;

  return (
    <Flex vertical gap={16}>
      {filters || actions ? (
        <Flex gap={12} wrap justify="space-between" align="flex-start">
          <Flex gap={12} wrap align="center">
            {filters}
          </Flex>
          {actions ? (
            <Flex gap={8} wrap>
              {actions}
            </Flex>
          ) : null}
        </Flex>
      ) : null}
      {query.isError ? <LoadError error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Table<T>
        size="middle"
        scroll={{ x: 'max-content' }}
        {...tableProps}
        columns={phone ? unfixed(columns) : columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        locale={{
          emptyText: query.isPending ? (
            <span />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />
          ),
          ...locale,
        }}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZE_OPTIONS,
          showTotal: (total) => t('common.total', { count: total }),
        }}
        onChange={(pagination) => setPage(pagination.current ?? 1, pagination.pageSize ?? pageSize)}
      />
    </Flex>
  );
}
