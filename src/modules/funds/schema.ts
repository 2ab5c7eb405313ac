import { z } from 'zod';
import { EXPENSE_CATEGORIES } from '../../domain/money.js';
import { date, ref, text, yearField } from '../../lib/schema.js';
import { pageQuery } from '../../server/http.js';
import { FUND_ENTRY_ACTIONS, FUND_LEDGER_ACTIONS } from './policy.js';

/** Yuan as a decimal string ("1234.56"): never a binary floating-point number. */
export const yuan = z
  .string({ error: '金额应为文本形式的数字，例如 "1234.56"' })
  .trim()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, '金额应为不超过两位小数的正数（元）');

export const allocationBody = z.strictObject({
  amount: yuan,
  occurredOn: date,
  description: text('说明', 500),
});
export type AllocationInput = z.infer<typeof allocationBody>;

export const expenditureBody = z.strictObject({
  amount: yuan,
  occurredOn: date,
  category: z.enum(EXPENSE_CATEGORIES, { error: '请选择支出类别' }),
  description: text('用途', 500),
  activityId: ref.nullable().optional(),
  receiptAttachmentId: ref.nullable().optional(),
});
export type ExpenditureInput = z.infer<typeof expenditureBody>;

export const decisionBody = z.strictObject({ note: text('意见', 500).optional() });
export const reverseBody = z.strictObject({ reason: text('冲正理由', 500) });

export const fundEntry = z
  .object({
    id: z.string(),
    homeId: z.string(),
    homeName: z.string(),
    year: z.number().int(),
    kind: z.enum(['allocation', 'expenditure']),
    amountFen: z.number().int(),
    amount: z.string(),
    category: z.string().nullable(),
    occurredOn: z.string(),
    description: z.string(),
    activityId: z.string().nullable(),
    receiptAttachmentId: z.string().nullable(),
    status: z.enum(['pending', 'approved', 'rejected']),
    reversesId: z.string().nullable(),
    reversedById: z.string().nullable(),
    createdByName: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    /** waiting for the municipal office: the district has no one but the booker to decide it */
    escalated: z.boolean(),
    /** what the actor may do to this entry now: approve or reject a pending one, reverse one in force */
    allowedActions: z.array(z.enum(FUND_ENTRY_ACTIONS)),
  })
  .meta({ id: 'FundEntry' });

const totals = {
  allocatedFen: z.number().int(),
  spentFen: z.number().int(),
  pendingFen: z.number().int(),
  balanceFen: z.number().int(),
  /** balance less pending expenditures: what a new expenditure may use */
  availableFen: z.number().int(),
};

export const ledger = z
  .object({
    homeId: z.string(),
    homeName: z.string(),
    year: z.number().int(),
    ...totals,
    thresholdFen: z.number().int(),
    entries: z.array(fundEntry),
    /** what the actor may do to the ledger: allocate (the owning unit), spend (it and the director) */
    allowedActions: z.array(z.enum(FUND_LEDGER_ACTIONS)),
  })
  .meta({ id: 'FundLedger' });

export const ledgerQuery = z.object({ year: yearField.optional() });

export const pendingQuery = pageQuery;

export const reportQuery = z.object({
  year: yearField.optional(),
  groupBy: z
    .enum(['home', 'district', 'category'], { error: '分组只能是 home、district 或 category' })
    .default('home'),
});
export type ReportQuery = z.infer<typeof reportQuery>;

export const report = z
  .object({
    year: z.number().int(),
    groupBy: z.enum(['home', 'district', 'category']),
    rows: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        allocatedFen: z.number().int(),
        spentFen: z.number().int(),
        pendingFen: z.number().int(),
        balanceFen: z.number().int(),
      }),
    ),
    total: z.object({
      allocatedFen: z.number().int(),
      spentFen: z.number().int(),
      pendingFen: z.number().int(),
      balanceFen: z.number().int(),
    }),
  })
  .meta({ id: 'FundReport' });

export const settingsBody = z.strictObject({ approvalThreshold: yuan });
export const settings = z.object({ approvalThresholdFen: z.number().int(), approvalThreshold: z.string() });
