import { Badge } from 'antd';
import { useOpinionQueueCounts } from '../api/opinions';

/**
 * Beside 社情民意 in the menu: how many opinions wait for the caller to write, accept, decide or
 * answer — the count of the list's 待我处理 tab.
 */
export function OpinionMenuBadge() {
  const counts = useOpinionQueueCounts();
  const waiting = counts.data?.waiting ?? 0;
  return <Badge count={waiting} size="small" overflowCount={99} style={{ marginInlineStart: 8 }} />;
}
