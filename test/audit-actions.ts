import { ROUND_ACTIONS } from '../src/domain/evaluation.js';
import { HOME_ACTIONS } from '../src/domain/home-workflow.js';
import { OPINION_ACTIONS } from '../src/domain/opinion-workflow.js';

/**
 * Every action the audit trail knows (`AUDIT_ACTION_LABELS`), sorted by whether it changes or
 * removes something already there. Those that do record what was there before (`before`) as well
 * as what is there after (GB/T 22239-2019 §8.1.4.3: every overwrite records its before).
 */
export const OVERWRITES: ReadonlySet<string> = new Set([
  'user.update',
  'user.disable',
  'user.unlock_sign_in',
  'user.grant_roles',
  'user.refuse_roles',
  'auth.token_revoked',
  'member.update',
  'member.import_update',
  'home.update',
  ...HOME_ACTIONS.map((a) => `home.${a}`),
  // a home's plan or summary of a year is written again; the first time there is nothing before
  'plan.submit',
  'summary.submit',
  'signage.post',
  'rule.post',
  'activity.update',
  'activity.hold',
  'activity.cancel',
  'duty_shift.update',
  'duty_shift.served',
  'duty_shift.missed',
  'duty_shift.cancelled',
  'training.update',
  'training.enrol',
  'training.withdraw',
  'training.attendance',
  ...OPINION_ACTIONS.map((a) => `opinion.${a}`),
  'problem.update',
  'problem.rate',
  'duty.adjust.revoke',
  'duty.year.close',
  'duty.flag.resolve',
  'points.rules.save',
  'proposal.update',
  'report.update',
  'evaluation.reviewers',
  'evaluation.self_summary',
  'evaluation.score',
  'evaluation.commendations',
  ...Object.keys(ROUND_ACTIONS).map((a) => `evaluation.${a}`),
  'funds.approve',
  'funds.reject',
  'funds.reverse',
  'funds.threshold',
  // a translation's first text has nothing before it, but the same action corrects it after
  'translation.save',
  'translation.name_save',
]);

/**
 * The actions that add something new, or record an event (a sign-in, a check-in, a reading, a
 * run, an export), with nothing before them to record; and those that change a secret, whose
 * values the trail never holds.
 */
export const ADDS_OR_EVENTS: ReadonlySet<string> = new Set([
  'auth.login',
  'auth.login_failed',
  'auth.login_locked',
  'auth.logout',
  'auth.token_created',
  // secrets: the trail says that they changed, never what they are
  'auth.password_changed',
  'auth.second_factor_setup',
  'auth.second_factor_enabled',
  'auth.second_factor_disabled',
  'user.reset_second_factor',
  'user.create',
  'member.create',
  // the file's summary; each member it changed has a member.import_update of its own
  'member.import',
  'member.reveal_phone',
  'member.export_full_phones',
  'home.create',
  'home.attachment_add',
  'home.remind',
  'rule.issue',
  'rule.create_supplementary',
  'reminders.run',
  'activity.create',
  'activity.checkin',
  'activity.photo_add',
  'duty_shift.create',
  'training.create',
  'training.enrol_self',
  'training.checkin',
  'training.material_add',
  'opinion.receive',
  'opinion.merge',
  'problem.create',
  'problem.export_full_phones',
  'duty.adjust',
  'duty.recompute',
  'duty.flag',
  'proposal.create',
  'report.create',
  'evaluation.create',
  'funds.allocate',
  'funds.spend',
  // acknowledgements: that the actor read what was sent to them
  'notification.read',
  'notification.read_all',
]);
