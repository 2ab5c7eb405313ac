import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DUTY_FLAG_STATUSES, type DutyEntry, type DutyFlagStatus } from '../../api/types';
import { FormModal, RequiredText } from './FormModal';

const SOURCE_PATHS: Record<string, string> = {
  activity: '/activities',
  opinion: '/opinions',
  problem: '/problems',
  proposal: '/proposals',
  research_report: '/research-reports',
};

/** Where an entry came from, as a page of the platform; null for what staff added by hand. */
export function sourcePath(entry: Pick<DutyEntry, 'sourceType' | 'sourceId'>): string | null {
  const base = SOURCE_PATHS[entry.sourceType];
  return base ? `${base}/${encodeURIComponent(entry.sourceId)}` : null;
}

/** A member's duty record page, for a year. */
export const dutyRecordPath = (memberId: string, year: number) =>
  `/members/${encodeURIComponent(memberId)}/duty-record?year=${year}`;

const FLAG_COLORS: Record<DutyFlagStatus, string> = {
  open: 'orange',
  resolved: 'green',
  rejected: 'default',
};

/** How a member's flag of a missing entry stands (待处理 / 已补录 / 未采纳). */
export function FlagStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = (DUTY_FLAG_STATUSES as readonly string[]).includes(status);
  return (
    <Tag color={known ? FLAG_COLORS[status as DutyFlagStatus] : undefined} style={{ marginInlineEnd: 0 }}>
      {known ? t(`dutyFlagStatuses.${status as DutyFlagStatus}`) : status}
    </Tag>
  );
}

/** Asks for a reason, then does something with it (undo a correction, revise a publication). */
export function ReasonModal<R>({
  title,
  okText,
  label,
  hint,
  submit,
  onDone,
  onClose,
}: {
  title: string;
  okText: string;
  label: string;
  hint?: ReactNode;
  submit: (reason: string) => Promise<R>;
  onDone: (result: R) => unknown;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<{ reason: string }, R>
      title={title}
      okText={okText}
      errorsTitle={t('dutyRecord.actionFailed')}
      name="reason"
      fields={['reason']}
      submit={(values) => submit(values.reason.trim())}
      onDone={onDone}
      onClose={onClose}
    >
      {hint}
      <RequiredText name="reason" label={label} maxLength={500} />
    </FormModal>
  );
}
