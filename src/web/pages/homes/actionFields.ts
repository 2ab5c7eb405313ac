import type { ParseKeys } from 'i18next';
import type { HomeAction } from '../../../domain/home-workflow';

export type FieldKind = 'text' | 'textarea' | 'date' | 'region' | 'check';

export interface ActionField {
  /** Key in the transition's `data`. */
  name: string;
  labelKey: ParseKeys;
  kind: FieldKind;
  required?: boolean;
}

const field = (name: string, labelKey: ParseKeys, kind: FieldKind, required = true): ActionField => ({
  name,
  labelKey,
  kind,
  required,
});

/** What each workflow action asks for (its `data`); comment and attachments come with every one. */
export const ACTION_FIELDS: Record<HomeAction, ActionField[]> = {
  survey: [field('report', 'homes.transition.report', 'textarea')],
  plan: [
    field('plan', 'homes.transition.plan', 'textarea'),
    field('address', 'homes.transition.address', 'text'),
    field('regionCode', 'homes.transition.regionCode', 'region', false),
  ],
  review: [
    field('conditionsMet', 'homes.transition.conditionsMet', 'check'),
    field('opinion', 'homes.transition.reviewOpinion', 'textarea'),
  ],
  return: [field('opinion', 'homes.transition.returnOpinion', 'textarea')],
  approve: [
    field('meeting', 'homes.transition.meeting', 'text'),
    field('meetingDate', 'homes.transition.meetingDate', 'date'),
  ],
  reject: [
    field('meeting', 'homes.transition.meeting', 'text'),
    field('meetingDate', 'homes.transition.meetingDate', 'date'),
    field('reason', 'homes.transition.rejectReason', 'textarea'),
  ],
  award_plaque: [
    field('plaqueNo', 'homes.transition.plaqueNo', 'text'),
    field('awardedOn', 'homes.transition.awardedOn', 'date'),
  ],
  suspend: [field('reason', 'homes.transition.suspendReason', 'textarea')],
  resume: [],
  close: [field('reason', 'homes.transition.closeReason', 'textarea')],
};

/** Actions that undo or stop something: their button is red. */
export const DANGER_ACTIONS: readonly HomeAction[] = ['return', 'reject', 'suspend', 'close'];

/** Label of a key in a step's `data`: as the action's form names it, else a generic one. */
export function dataLabelKey(action: string, key: string): ParseKeys | undefined {
  const spec = (ACTION_FIELDS as Partial<Record<string, ActionField[]>>)[action]?.find((f) => f.name === key);
  return spec?.labelKey ?? GENERIC_DATA_LABELS[key];
}

const GENERIC_DATA_LABELS: Partial<Record<string, ParseKeys>> = {
  report: 'homes.transition.report',
  plan: 'homes.transition.plan',
  address: 'homes.transition.address',
  regionCode: 'homes.transition.regionCode',
  conditionsMet: 'homes.transition.conditionsMet',
  opinion: 'homes.transition.opinion',
  meeting: 'homes.transition.meeting',
  meetingDate: 'homes.transition.meetingDate',
  reason: 'homes.transition.reason',
  plaqueNo: 'homes.transition.plaqueNo',
  awardedOn: 'homes.transition.awardedOn',
};
