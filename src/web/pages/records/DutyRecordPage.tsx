import { BookOutlined, FlagOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Result, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { allows } from '../../api/allowed';
import {
  DUTY_RECORD_KEY,
  DUTY_RECORDS_KEY,
  flagMissing,
  revokeAdjustment,
  useDutyRecord,
} from '../../api/records';
import { ABILITIES, type DutyEntry, type DutyRecord } from '../../api/types';
import { hasAbility, useSession } from '../../auth/session';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { YearSelect } from '../../components/YearSelect';
import { useYearParam } from '../../hooks/useYearParam';
import { AdjustmentModal } from './AdjustmentModal';
import { ClosedTag, DutyEntries, DutyFlags, DutyRecordSummary, type EntryActions } from './DutyRecordView';
import { FormModal, RequiredText } from './FormModal';
import { ReasonModal } from './recordParts';

type Dialog =
  | { kind: 'flag' }
  | { kind: 'adjust'; entry: DutyEntry | null }
  | { kind: 'revoke'; entry: DutyEntry }
  | null;

/**
 * A member's 履职档案 for a year: 我的履职档案 (/me/duty-record) for the member on a phone, or
 * /members/:id/duty-record for staff. The record's `allowedActions` say who may correct entries and
 * add missing ones ('adjust') and who may flag a missing one ('flag': the member, on an open year).
 */
export default function DutyRecordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const { data: session } = useSession();
  const own = !id;
  const memberId = id ?? session?.user.memberId ?? null;
  const [year, setYear] = useYearParam();
  const record = useDutyRecord(memberId, year);
  const [dialog, setDialog] = useState<Dialog>(null);

  if (!memberId) {
    return <Result status="info" title={t('me.notLinked')} subTitle={t('me.notLinkedHint')} />;
  }
  const data = record.data;
  const mayAdjust = allows(data, 'adjust');
  const actions: EntryActions | undefined = mayAdjust
    ? {
        onCorrect: (entry) => setDialog({ kind: 'adjust', entry }),
        onRevoke: (entry) => setDialog({ kind: 'revoke', entry }),
      }
    : undefined;

  return (
    <>
      <PageHeader
        title={
          own
            ? t('dutyRecord.myTitle')
            : data
              ? t('dutyRecord.title', { name: data.memberName })
              : t('dutyRecords.title')
        }
        back={own ? '/me' : '/duty-records'}
        tags={<ClosedTag closed={Boolean(data?.closed)} />}
        extra={
          <>
            <YearSelect value={year} onChange={setYear} from={2021} />
            {allows(data, 'flag') ? (
              <Button icon={<FlagOutlined aria-hidden />} onClick={() => setDialog({ kind: 'flag' })}>
                {t('dutyRecord.flag')}
              </Button>
            ) : null}
            {mayAdjust ? (
              <Button
                icon={<PlusOutlined aria-hidden />}
                onClick={() => setDialog({ kind: 'adjust', entry: null })}
              >
                {t('dutyRecord.add')}
              </Button>
            ) : null}
            {!own && hasAbility(session, ABILITIES.recordList) ? (
              <Button
                icon={<PrinterOutlined aria-hidden />}
                onClick={() =>
                  void navigate(`/members/${encodeURIComponent(memberId)}/duty-record/print?year=${year}`)
                }
              >
                {t('common.print')}
              </Button>
            ) : null}
          </>
        }
      />
      {record.isPending ? (
        <Skeleton active />
      ) : record.isError ? (
        <LoadError page error={record.error} onRetry={() => void record.refetch()} />
      ) : (
        <Flex vertical gap={16}>
          <DutyRecordSummary
            record={record.data}
            extra={
              <Button
                type="link"
                icon={<BookOutlined aria-hidden />}
                onClick={() => void navigate(`/point-rules?year=${year}`)}
              >
                {t('dutyRecord.rules')}
              </Button>
            }
          />
          <DutyEntries entries={record.data.entries} actions={actions} />
          <DutyFlags flags={record.data.flags} />
        </Flex>
      )}
      <RecordDialog dialog={dialog} memberId={memberId} year={year} onClose={() => setDialog(null)} />
    </>
  );
}

/** The open dialog of the record page, if any. */
function RecordDialog({
  dialog,
  memberId,
  year,
  onClose,
}: {
  dialog: Dialog;
  memberId: string;
  year: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = [DUTY_RECORD_KEY, memberId, year];

  if (!dialog) return null;
  if (dialog.kind === 'adjust') {
    return <AdjustmentModal memberId={memberId} year={year} entry={dialog.entry} onClose={onClose} />;
  }
  if (dialog.kind === 'revoke') {
    const adjustment = dialog.entry.adjustment;
    if (!adjustment) return null;
    return (
      <ReasonModal<DutyRecord>
        title={t('dutyRecord.revokeTitle', { title: dialog.entry.title })}
        okText={t('dutyRecord.revoke')}
        label={t('dutyRecord.revokeReason')}
        submit={(reason) => revokeAdjustment(adjustment.id, reason)}
        onDone={async (record) => {
          queryClient.setQueryData(key, record);
          void message.success(t('dutyRecord.revoked'));
          await queryClient.invalidateQueries({ queryKey: [DUTY_RECORDS_KEY] });
        }}
        onClose={onClose}
      />
    );
  }
  return (
    <FormModal<{ description: string }, unknown>
      title={t('dutyRecord.flagTitle', { year })}
      okText={t('dutyRecord.flagSubmit')}
      errorsTitle={t('dutyRecord.actionFailed')}
      name="flag"
      fields={['description']}
      submit={(values) => flagMissing(memberId, year, values.description.trim())}
      onDone={async () => {
        void message.success(t('dutyRecord.flagged'));
        await queryClient.invalidateQueries({ queryKey: key });
      }}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{t('dutyRecord.flagHint')}</Typography.Paragraph>
      <RequiredText name="description" label={t('dutyRecord.flagDescription')} maxLength={1000} />
    </FormModal>
  );
}
