import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import {
  checkInTraining,
  enrolSelf,
  TRAINING_KEY,
  TRAININGS_KEY,
  trainingPath,
  withdrawSelf,
} from '../../api/trainings';
import type { TrainingSummary } from '../../api/types';
import { FormErrors } from '../../components/FormErrors';
import { applyServerErrors } from '../../components/serverErrors';

/** 已报名 / 已签到: the signed-in trainee's own enrolment. */
export function MyTrainingTag({ mine }: { mine: TrainingSummary['mine'] }) {
  const { t } = useTranslation();
  if (!mine) return null;
  return mine.attendedAt ? (
    <Tag color="green">{t('trainings.mine.attended')}</Tag>
  ) : (
    <Tag color="blue">{t('trainings.mine.enrolled')}</Tag>
  );
}

/** 签到: the trainee types the code the organisers show; the training's page opens when it is done. */
export function TrainingCheckinForm({ code }: { code?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ code: string }>();
  const [errors, setErrors] = useState<string[]>([]);
  const send = useMutation({
    mutationFn: (values: { code: string }) => checkInTraining(values.code),
    onSuccess: async (training) => {
      queryClient.setQueryData([TRAINING_KEY, training.id], training);
      await queryClient.invalidateQueries({ queryKey: [TRAININGS_KEY] });
      void navigate(trainingPath(training.id));
    },
    onError: (error) =>
      setErrors(applyServerErrors(form, error, ['code'], { code: 'NOT_FOUND', field: 'code' })),
  });
  const label = t('trainings.checkinCode');
  return (
    <>
      <FormErrors title={t('trainings.checkinFailed')} errors={errors} />
      <Form
        form={form}
        name="training-checkin"
        layout="inline"
        initialValues={{ code }}
        disabled={send.isPending}
        onFinish={(values) => {
          setErrors([]);
          send.mutate(values);
        }}
      >
        <Flex gap={8} wrap align="flex-start">
          <Form.Item
            label={label}
            name="code"
            rules={[{ required: true, whitespace: true, message: t('common.required', { label }) }]}
          >
            <Input autoComplete="off" maxLength={20} style={{ width: 180 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={send.isPending}>
            {t('trainings.checkin')}
          </Button>
        </Flex>
      </Form>
    </>
  );
}

/** 报名: the trainee enrols themselves; the session and the lists follow. */
export function useSelfEnrolment(id: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => enrolSelf(id),
    onSuccess: async (training) => {
      queryClient.setQueryData([TRAINING_KEY, training.id], training);
      void message.success(t('trainings.enrolledSelf'));
      await queryClient.invalidateQueries({ queryKey: [TRAININGS_KEY] });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
}

/** 取消报名: the session and the lists are fetched again (the session may no longer be shown). */
export function useWithdrawal(id: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => withdrawSelf(id),
    onSuccess: async () => {
      void message.success(t('trainings.withdrawn'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [TRAINING_KEY, id] }),
        queryClient.invalidateQueries({ queryKey: [TRAININGS_KEY] }),
      ]);
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
}

/** Asks before a trainee withdraws, then withdraws. */
export function useConfirmWithdrawal(training: { id: string; title: string }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const withdraw = useWithdrawal(training.id);
  const ask = () =>
    modal.confirm({
      title: t('trainings.withdrawConfirm', { title: training.title }),
      content: t('trainings.withdrawConfirmHint'),
      okText: t('trainings.withdraw'),
      okButtonProps: { danger: true },
      cancelText: t('trainings.keepEnrolment'),
      onOk: () => withdraw.mutateAsync().catch(() => undefined),
    });
  return { ask, pending: withdraw.isPending };
}
