import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DutyItem } from '../../../domain/duty-record';
import { adjustEntry, DUTY_RECORD_KEY, DUTY_RECORDS_KEY, usePointRules } from '../../api/records';
import type { DutyEntry, DutyRecord } from '../../api/types';
import { beijingToday } from '../../components/beijingTime';
import { FormModal, RequiredText } from './FormModal';

interface AdjustmentValues {
  item?: DutyItem;
  title?: string;
  occurredOn?: Dayjs;
  points: number;
  reason: string;
}

const FIELDS = ['item', 'title', 'occurredOn', 'points', 'reason'];

/**
 * 更正积分 of one entry (`entry` given) or 补录 of a new one, with a reason the record keeps.
 * Rendered only while open.
 */
export function AdjustmentModal({
  memberId,
  year,
  entry,
  onClose,
}: {
  memberId: string;
  year: number;
  entry: DutyEntry | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const rules = usePointRules(year);

  const onDone = async (record: DutyRecord) => {
    queryClient.setQueryData([DUTY_RECORD_KEY, memberId, year], record);
    void message.success(entry ? t('dutyRecord.corrected') : t('dutyRecord.added'));
    await queryClient.invalidateQueries({ queryKey: [DUTY_RECORDS_KEY] });
  };

  const required = (label: string) => [{ required: true, message: t('common.required', { label }) }];

  return (
    <FormModal<AdjustmentValues, DutyRecord>
      title={entry ? t('dutyRecord.correctTitle') : t('dutyRecord.addTitle')}
      okText={t('common.save')}
      errorsTitle={t('dutyRecord.actionFailed')}
      name="adjustment"
      fields={FIELDS}
      initialValues={entry ? { points: entry.points } : { item: 'other', points: 1 }}
      submit={(values) =>
        adjustEntry(memberId, {
          year,
          item: entry ? (entry.item as DutyItem) : (values.item ?? 'other'),
          sourceId: entry?.sourceId ?? null,
          title: entry ? undefined : values.title?.trim(),
          occurredOn: entry ? undefined : values.occurredOn?.format('YYYY-MM-DD'),
          points: values.points,
          reason: values.reason.trim(),
        })
      }
      onDone={onDone}
      onClose={onClose}
    >
      {entry ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={entry.title}
          description={t('dutyRecord.correctHint', {
            item: entry.itemLabel,
            date: entry.occurredOn,
            points: entry.points,
          })}
        />
      ) : (
        <>
          <Form.Item label={t('dutyRecord.item')} name="item" rules={required(t('dutyRecord.item'))}>
            <Select
              loading={rules.isPending}
              options={(rules.data?.rules ?? []).map((rule) => ({ value: rule.item, label: rule.label }))}
            />
          </Form.Item>
          <Form.Item
            label={t('dutyRecord.entryTitle')}
            name="title"
            rules={[{ ...required(t('dutyRecord.entryTitle'))[0], whitespace: true }]}
          >
            <Input autoComplete="off" maxLength={200} />
          </Form.Item>
          <Form.Item
            label={t('dutyRecord.occurredOn')}
            name="occurredOn"
            rules={required(t('dutyRecord.occurredOn'))}
          >
            <DatePicker
              style={{ width: '100%' }}
              format="YYYY-MM-DD"
              disabledDate={(day) => day.year() !== year || day.isAfter(beijingToday(), 'day')}
            />
          </Form.Item>
        </>
      )}
      <Form.Item label={t('dutyRecord.points')} name="points" rules={required(t('dutyRecord.points'))}>
        <InputNumber min={0} max={100} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <RequiredText name="reason" label={t('dutyRecord.reason')} maxLength={500} />
    </FormModal>
  );
}
