import type { Db } from '../../db/schema.js';
import { OPINION_DEADLINES } from '../../domain/opinion-workflow.js';
import { insertOverdueOpinionNotices } from './repo/notify.js';

/**
 * The hourly job's part: an opinion not accepted within 7 days reminds those who answer for its
 * home (or region); one unanswered after 90 days alarms the office. Each arrives once per account.
 */
export async function remindOverdueOpinions(trx: Db, now: Date): Promise<number> {
  const day = 86_400_000;
  const acceptBy = new Date(now.getTime() - OPINION_DEADLINES.acceptDays * day);
  const replyBy = new Date(now.getTime() - OPINION_DEADLINES.replyDays * day);
  return insertOverdueOpinionNotices(trx, { acceptBy, replyBy });
}
