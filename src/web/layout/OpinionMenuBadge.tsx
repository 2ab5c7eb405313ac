import { Badge } from 'antd';
import { useOpinionQueueCounts } from '../api/opinions';

/** Beside 社情民意 in the menu: how many opinions wait for the caller to write, accept or decide. */
export function OpinionMenuBadge() {
  const counts = useOpinionQueueCounts();
  const waiting = counts.data ? counts.data.mine + counts.data.toAccept + counts.data.toDecide : 0;
  return <Badge count={waiting} size="small" overflowCount={99} style={{ marginInlineStart: 8 }} />;
}
