import type { UseQueryResult } from '@tanstack/react-query';
import { Card, Skeleton } from 'antd';
import type { Home, Page } from '../../api/types';
import { HomeCards } from '../../components/HomeCards';
import { LoadError } from '../../components/LoadError';

/** The homes a member belongs to (`useMemberHomes`), as cards in a card of their own. */
export function MemberHomesCard({
  title,
  homes,
  emptyText,
}: {
  title: string;
  homes: UseQueryResult<Page<Home>, Error>;
  emptyText: string;
}) {
  return (
    <Card size="small" title={title}>
      {homes.isPending ? (
        <Skeleton active title={false} />
      ) : homes.isError ? (
        <LoadError error={homes.error} onRetry={() => void homes.refetch()} />
      ) : (
        <HomeCards homes={homes.data.items} emptyText={emptyText} />
      )}
    </Card>
  );
}
