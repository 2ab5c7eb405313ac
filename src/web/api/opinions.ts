import { useQuery } from '@tanstack/react-query';
import { call, client } from './client';
import {
  OPINION_QUEUES,
  type OpinionInput,
  type OpinionQueue,
  type OpinionQueueCounts,
  type OpinionTransitionInput,
  type ProblemInput,
  type ProblemUpdate,
  type Session,
} from './types';

/** First key element of opinion lists (usePagedQuery) and the queue counts — invalidate after changes. */
export const OPINIONS_KEY = 'opinions';
/** First key element of one opinion: ['opinion', id]. */
export const OPINION_KEY = 'opinion';
/** First key element of problem lists (usePagedQuery) — invalidate after changes. */
export const PROBLEMS_KEY = 'problems';
/** First key element of one problem: ['problem', id]. */
export const PROBLEM_KEY = 'problem';

export function useOpinion(id: string | null | undefined) {
  return useQuery({
    queryKey: [OPINION_KEY, id],
    queryFn: ({ signal }) =>
      call(client.GET('/opinions/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
}

/** How many opinions wait for the caller in each queue (tab badges, the menu, the home page). */
export function useOpinionQueueCounts(enabled = true) {
  return useQuery({
    queryKey: [OPINIONS_KEY, 'queues'],
    queryFn: ({ signal }) => call(client.GET('/opinions/queues', { signal })),
    enabled,
  });
}

/** Which count of GET /opinions/queues belongs to a queue (全部 has none). */
export const QUEUE_COUNT: Record<Exclude<OpinionQueue, 'all'>, keyof OpinionQueueCounts> = {
  waiting: 'waiting',
  mine: 'mine',
  to_accept: 'toAccept',
  to_decide: 'toDecide',
  to_reply: 'toReply',
  overdue: 'overdue',
};

/**
 * The queues worth a tab for this user: 我的待撰写 only for a member's account, 待审定 (the office's
 * work) only for the office, 待受理 and 待答复 only for who answers for a home (`runsHomes`, see
 * useRunsAnyHome) — each also when something waits there — and the one being shown.
 */
export function queuesFor(
  session: Session | null | undefined,
  counts: OpinionQueueCounts | undefined,
  current?: OpinionQueue,
  runsHomes = true,
): OpinionQueue[] {
  const office = session?.user.roles.some((role) => role.role === 'office_admin') ?? false;
  return OPINION_QUEUES.filter((queue) => {
    if (queue === current || queue === 'all') return true;
    // 待我处理: everything of the tabs below that waits for the caller; the menu badge counts it
    if (queue === 'waiting') return (counts?.waiting ?? 0) > 0;
    if (queue === 'mine') return Boolean(session?.user.memberId) || (counts?.mine ?? 0) > 0;
    if (queue === 'to_decide') return office || (counts?.toDecide ?? 0) > 0;
    if (queue === 'to_accept') return runsHomes || (counts?.toAccept ?? 0) > 0;
    if (queue === 'to_reply') return runsHomes || (counts?.toReply ?? 0) > 0;
    return true;
  });
}

export const createOpinion = (input: OpinionInput) => call(client.POST('/opinions', { body: input }));

export const transitionOpinion = (id: string, input: OpinionTransitionInput) =>
  call(client.POST('/opinions/{id}/transitions', { params: { path: { id } }, body: input }));

export function useProblem(id: string | undefined) {
  return useQuery({
    queryKey: [PROBLEM_KEY, id],
    queryFn: ({ signal }) =>
      call(client.GET('/problems/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
}

export const createProblem = (input: ProblemInput) => call(client.POST('/problems', { body: input }));

export const updateProblem = (id: string, input: ProblemUpdate) =>
  call(client.PATCH('/problems/{id}', { params: { path: { id } }, body: input }));
