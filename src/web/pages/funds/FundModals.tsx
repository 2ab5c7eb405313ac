import { useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Flex, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { allows } from '../../api/allowed';
import { call, client } from '../../api/client';
import { DASHBOARD_KEY } from '../../api/dashboard';
import {
  allocateFunds,
  decideExpenditure,
  FUNDS_KEY,
  FUNDS_PENDING_KEY,
  recordExpenditure,
  reverseEntry,
} from '../../api/funds';
import { HOME_KEY, uploadHomeAttachment, useHomeAttachments } from '../../api/homes';
import type { Activity, ExpenditureInput, FundEntry, FundLedger } from '../../api/types';
import { AttachmentUpload } from '../../components/AttachmentUpload';
import { beijingClock, beijingToday } from '../../components/beijingTime';
import { formatFileSize, textOrNull } from '../../components/format';
import { type RemoteOption, RemoteSelect } from '../../components/RemoteSelect';
import { FormModal, RequiredText } from '../records/FormModal';
import { expenseCategoryLabel, expenseCategoryOptions, YuanField, yuanText } from './fundParts';

/** After any change: the home's ledger as answered, and the lists that count it again. */
function useLedgerSaved(done: string) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return async (ledger: FundLedger) => {
    queryClient.setQueryData([FUNDS_KEY, ledger.homeId, ledger.year], ledger);
    void message.success(done);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: [FUNDS_PENDING_KEY] }),
      queryClient.invalidateQueries({ queryKey: [FUNDS_KEY, 'report'] }),
      queryClient.invalidateQueries({ queryKey: [DASHBOARD_KEY] }),
    ]);
  };
}

interface AllocationValues {
  amount: string;
  occurredOn: Dayjs;
  description: string;
}

const dateField = (year: number) => (day: Dayjs) => day.year() !== year;
/** A date of the ledger's year: today (in Beijing) when that is the year, else its first day. */
const defaultDate = (year: number) => {
  const today = beijingToday();
  return today.year() === year ? today : dayjs(`${year}-01-01`);
};

function DateItem({ year }: { year: number }) {
  const { t } = useTranslation();
  const label = t('funds.occurredOn');
  return (
    <Form.Item
      label={label}
      name="occurredOn"
      rules={[{ required: true, message: t('common.required', { label }) }]}
    >
      <DatePicker format="YYYY-MM-DD" disabledDate={dateField(year)} style={{ width: 200 }} />
    </Form.Item>
  );
}

/** 拨款: the owning unit grants the home an amount for the year. */
export function AllocateModal({ ledger, onClose }: { ledger: FundLedger; onClose: () => void }) {
  const { t } = useTranslation();
  const onDone = useLedgerSaved(t('funds.allocated'));
  return (
    <FormModal<AllocationValues, FundLedger>
      title={t('funds.allocateTitle', { home: ledger.homeName, year: ledger.year })}
      okText={t('funds.allocate')}
      errorsTitle={t('funds.actionFailed')}
      name="allocation"
      fields={['amount', 'occurredOn', 'description']}
      initialValues={{ occurredOn: defaultDate(ledger.year) }}
      submit={(values) =>
        allocateFunds(ledger.homeId, {
          amount: values.amount.trim(),
          occurredOn: values.occurredOn.format('YYYY-MM-DD'),
          description: values.description.trim(),
        })
      }
      onDone={onDone}
      onClose={onClose}
    >
      <YuanField name="amount" label={t('funds.amount')} />
      <DateItem year={ledger.year} />
      <RequiredText name="description" label={t('funds.allocationNote')} maxLength={500} />
    </FormModal>
  );
}

interface ExpenditureValues extends AllocationValues {
  category: ExpenditureInput['category'];
  activityId?: string;
  receiptAttachmentId?: string;
}

const activityOption = (activity: Activity): RemoteOption => ({
  value: activity.id,
  label: activity.title,
  detail: beijingClock(activity.startsAt).format('YYYY-MM-DD'),
});

/** 登记支出: above the approval amount it waits for the owning unit; beyond the balance it is refused. */
export function SpendModal({ ledger, onClose }: { ledger: FundLedger; onClose: () => void }) {
  const { t } = useTranslation();
  const onDone = useLedgerSaved(t('funds.spent'));
  const searchActivities = (q: string, signal: AbortSignal) =>
    call(
      client.GET('/activities', {
        params: { query: { homeId: ledger.homeId, q: q || undefined, pageSize: 20 } },
        signal,
      }),
    ).then((page) => page.items);
  const required = (label: string) => [{ required: true, message: t('common.required', { label }) }];
  return (
    <FormModal<ExpenditureValues, FundLedger>
      title={t('funds.spendTitle', { home: ledger.homeName, year: ledger.year })}
      okText={t('funds.spend')}
      errorsTitle={t('funds.actionFailed')}
      name="expenditure"
      fields={['amount', 'occurredOn', 'category', 'description', 'activityId', 'receiptAttachmentId']}
      initialValues={{ occurredOn: defaultDate(ledger.year), category: 'activity' }}
      submit={(values) =>
        recordExpenditure(ledger.homeId, {
          amount: values.amount.trim(),
          occurredOn: values.occurredOn.format('YYYY-MM-DD'),
          category: values.category,
          description: values.description.trim(),
          activityId: values.activityId ?? null,
          receiptAttachmentId: values.receiptAttachmentId ?? null,
        })
      }
      onDone={onDone}
      onClose={onClose}
    >
      <YuanField
        name="amount"
        label={t('funds.amount')}
        extra={t('funds.spendHint', {
          available: yuanText(t, ledger.availableFen),
          threshold: yuanText(t, ledger.thresholdFen),
        })}
      />
      <DateItem year={ledger.year} />
      <Form.Item label={t('funds.category')} name="category" rules={required(t('funds.category'))}>
        <Select options={expenseCategoryOptions(t)} style={{ width: 200 }} />
      </Form.Item>
      <RequiredText name="description" label={t('funds.purpose')} maxLength={500} />
      <Form.Item label={t('funds.activity')} name="activityId">
        <RemoteSelect<Activity>
          queryKey={`home-activities:${ledger.homeId}`}
          search={searchActivities}
          toOption={activityOption}
          placeholder={t('funds.activityPlaceholder')}
        />
      </Form.Item>
      <ReceiptField homeId={ledger.homeId} />
    </FormModal>
  );
}

/** 凭据: one of the home's files, or a file uploaded now (then chosen). */
function ReceiptField({ homeId }: { homeId: string }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const queryClient = useQueryClient();
  const attachments = useHomeAttachments(homeId);
  return (
    <Form.Item label={t('funds.receipt')} extra={t('funds.receiptHint')}>
      <Form.Item name="receiptAttachmentId" noStyle>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={attachments.isPending}
          aria-label={t('funds.receipt')}
          placeholder={t('funds.receiptPlaceholder')}
          options={(attachments.data ?? []).map((file) => ({
            value: file.id,
            label: `${file.filename}（${formatFileSize(file.size)}）`,
          }))}
        />
      </Form.Item>
      <div style={{ marginTop: 8 }}>
        <AttachmentUpload
          uploadFile={(file, onProgress) => uploadHomeAttachment(homeId, file, onProgress)}
          onChange={(ids) => {
            const last = ids[ids.length - 1];
            if (!last) return;
            void queryClient.invalidateQueries({ queryKey: [HOME_KEY, homeId, 'attachments'] });
            form.setFieldValue('receiptAttachmentId', last);
          }}
        />
      </div>
    </Form.Item>
  );
}

/** What the dialogs about one entry show of it. */
function EntryFacts({ entry }: { entry: FundEntry }) {
  const { t } = useTranslation();
  return (
    <Typography.Paragraph type="secondary">
      {t('funds.entryFacts', {
        home: entry.homeName,
        date: entry.occurredOn,
        category: expenseCategoryLabel(t, entry.category),
        amount: yuanText(t, entry.amountFen),
        description: entry.description,
      })}
    </Typography.Paragraph>
  );
}

/** 批准 / 不予批准 of a pending expenditure (a refusal gives its reason). */
export function DecideModal({
  entry,
  approve,
  onClose,
}: {
  entry: FundEntry;
  approve: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const onDone = useLedgerSaved(approve ? t('funds.approved') : t('funds.rejected'));
  const label = t('funds.decisionNote');
  return (
    <FormModal<{ note?: string }, FundLedger>
      title={approve ? t('funds.approve') : t('funds.reject')}
      okText={approve ? t('funds.approve') : t('funds.reject')}
      danger={!approve}
      errorsTitle={t('funds.actionFailed')}
      name="decision"
      fields={['note']}
      submit={(values) => decideExpenditure(entry.id, approve, textOrNull(values.note) ?? undefined)}
      onDone={onDone}
      onClose={onClose}
    >
      <EntryFacts entry={entry} />
      {approve ? (
        <Form.Item label={label} name="note">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount />
        </Form.Item>
      ) : (
        <RequiredText name="note" label={label} maxLength={500} />
      )}
    </FormModal>
  );
}

/** 冲正: a new entry of the opposite amount; the original stays as it was. */
export function ReverseModal({ entry, onClose }: { entry: FundEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const onDone = useLedgerSaved(t('funds.reversed'));
  return (
    <FormModal<{ reason: string }, FundLedger>
      title={t('funds.reverse')}
      okText={t('funds.reverse')}
      danger
      errorsTitle={t('funds.actionFailed')}
      name="reversal"
      fields={['reason']}
      confirm={{ title: t('funds.reverseConfirm'), content: t('funds.reverseConfirmHint') }}
      submit={(values) => reverseEntry(entry.id, values.reason.trim())}
      onDone={onDone}
      onClose={onClose}
    >
      <EntryFacts entry={entry} />
      <RequiredText name="reason" label={t('funds.reverseReason')} maxLength={500} />
    </FormModal>
  );
}

/** Which dialog of the ledger is open (null: none). */
export type FundAction =
  | { kind: 'allocate'; ledger: FundLedger }
  | { kind: 'spend'; ledger: FundLedger }
  | { kind: 'decide'; entry: FundEntry; approve: boolean }
  | { kind: 'reverse'; entry: FundEntry };

/** The open dialog of a ledger or of the approvals list. */
export function FundActionModal({ action, onClose }: { action: FundAction | null; onClose: () => void }) {
  switch (action?.kind) {
    case 'allocate':
      return <AllocateModal ledger={action.ledger} onClose={onClose} />;
    case 'spend':
      return <SpendModal ledger={action.ledger} onClose={onClose} />;
    case 'decide':
      return <DecideModal entry={action.entry} approve={action.approve} onClose={onClose} />;
    case 'reverse':
      return <ReverseModal entry={action.entry} onClose={onClose} />;
    default:
      return null;
  }
}

/** What may be done to one entry (the server names them in its `allowedActions`). */
export const ENTRY_ACTIONS = ['approve', 'reject', 'reverse'] as const;

/** The buttons of what the server lets the actor do to an entry: decide a pending one, reverse one in force. */
export function FundEntryActions({
  entry,
  onAction,
}: {
  entry: FundEntry;
  onAction: (action: FundAction) => void;
}) {
  const { t } = useTranslation();
  const may = (action: (typeof ENTRY_ACTIONS)[number]) => allows(entry, action);
  if (!ENTRY_ACTIONS.some(may)) return null;
  return (
    <Flex gap={4}>
      {may('approve') ? (
        <Button size="small" type="link" onClick={() => onAction({ kind: 'decide', entry, approve: true })}>
          {t('funds.approve')}
        </Button>
      ) : null}
      {may('reject') ? (
        <Button
          size="small"
          type="link"
          danger
          onClick={() => onAction({ kind: 'decide', entry, approve: false })}
        >
          {t('funds.reject')}
        </Button>
      ) : null}
      {may('reverse') ? (
        <Button size="small" type="link" danger onClick={() => onAction({ kind: 'reverse', entry })}>
          {t('funds.reverse')}
        </Button>
      ) : null}
    </Flex>
  );
}
