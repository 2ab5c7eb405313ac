/**
 * What a staff user's home page lists as waiting (需要关注), in the order it shows them: first
 * what waits for them to act — a reviewer's scoring, opinions at their step, an expenditure to
 * approve, a member's flag to answer — then what is late or running out in their scope.
 */
export const ATTENTION_KINDS = [
  'review_pending',
  'opinion_waiting',
  'approval_pending',
  'flag_open',
  'opinion_overdue',
  'no_plan',
  'quarter_at_risk',
  'funds_low',
] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];
