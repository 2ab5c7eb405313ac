import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, Modal, Select, Skeleton } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITIES_KEY, ACTIVITY_KEY, updateActivity } from '../../api/activities';
import { isApiError } from '../../api/client';
import { HOME_OPS_KEY } from '../../api/operations';
import type { Activity, ActivityUpdate } from '../../api/types';
import { FormErrors } from '../../components/FormErrors';
import { type KnownMember, MemberSelect } from '../../components/MemberSelect';
import { applyServerErrors } from '../../components/serverErrors';

const FORM_FIELDS = ['attendeeMemberIds', 'citizenCount', 'departments', 'summary', 'outcomes'] as const;

interface HeldValues {
  attendeeMemberIds: string[];
  citizenCount: number | null;
  departments: string[];
  summary?: string;
  outcomes?: string;
}

/** 参与群众人数: a field of the held record, in this dialog and in the new-activity form. */
export function CitizenCountField() {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('activities.citizenCount')} name="citizenCount">
      <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  );
}

/** 参与部门, typed as tags (separated by commas or 、). */
export function DepartmentsField() {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('activities.departments')} name="departments">
      <Select
        mode="tags"
        open={false}
        suffixIcon={null}
        tokenSeparators={[',', '，', '、']}
        placeholder={t('activities.departmentsPlaceholder')}
      />
    </Form.Item>
  );
}

/** 活动成效. */
export function OutcomesField() {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('activities.outcomes')} name="outcomes">
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={20000} />
    </Form.Item>
  );
}

interface HeldModalProps {
  open: boolean;
  activity: Activity;
  /** Members whose names are known (the hosts' members), so the current attendees show by name. */
  knownMembers: readonly KnownMember[];
  onClose: () => void;
}

/**
 * 标记为已举办 (a planned activity) or 编辑举办情况 (a held one): attendance, citizens, departments,
 * summary and outcomes → PATCH /activities/:id. Mount with a new `key` for each opening.
 */
export function HeldModal({ open, activity: shown, knownMembers, onClose }: HeldModalProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // The form starts from the activity as stored now, not as the page loaded it: an edit or a
  // check-in made since must not be overwritten by saving the attendance.
  const [activity, setActivity] = useState<Activity | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    const key = [ACTIVITY_KEY, shown.id];
    queryClient
      .refetchQueries({ queryKey: key, exact: true })
      .catch(() => undefined)
      .then(() => {
        if (live) setActivity(queryClient.getQueryData<Activity>(key) ?? shown);
      });
    return () => {
      live = false;
    };
  }, [open, shown, queryClient]);

  if (!activity) {
    return (
      <Modal
        open={open}
        title={t('activities.heldEditTitle', { title: shown.title })}
        footer={null}
        onCancel={onClose}
      >
        <Skeleton active />
      </Modal>
    );
  }
  return <HeldForm open={open} activity={activity} knownMembers={knownMembers} onClose={onClose} />;
}

function HeldForm({ open, activity, knownMembers, onClose }: HeldModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<HeldValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const marking = activity.status === 'planned';
  const notStarted = marking && dayjs(activity.startsAt).isAfter(dayjs());
  const action = marking ? t('activities.markHeld') : t('common.save');

  const submit = useMutation({
    mutationFn: (values: HeldValues) => {
      const input: ActivityUpdate = {
        attendeeMemberIds: values.attendeeMemberIds ?? [],
        citizenCount: values.citizenCount ?? 0,
        departments: (values.departments ?? []).map((name) => name.trim()).filter(Boolean),
        summary: values.summary?.trim() || null,
        outcomes: values.outcomes?.trim() || null,
      };
      if (marking) input.status = 'held';
      return updateActivity(activity.id, input);
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData([ACTIVITY_KEY, saved.id], saved);
      void message.success(marking ? t('activities.heldDone') : t('activities.heldSaved'));
      onClose();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [ACTIVITY_KEY, saved.id] }),
        queryClient.invalidateQueries({ queryKey: [ACTIVITIES_KEY] }),
        queryClient.invalidateQueries({ queryKey: [HOME_OPS_KEY] }),
      ]);
    },
    onError: (error) => {
      setFormErrors(applyServerErrors(form, error, FORM_FIELDS));
      // Someone else changed the activity (e.g. cancelled it): show its current state.
      if (isApiError(error) && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: [ACTIVITY_KEY, activity.id] });
      }
    },
  });

  return (
    <Modal
      open={open}
      title={t(marking ? 'activities.heldTitle' : 'activities.heldEditTitle', { title: activity.title })}
      okText={action}
      cancelText={t('common.cancel')}
      confirmLoading={submit.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      width={640}
    >
      {notStarted ? (
        <Alert type="warning" showIcon title={t('activities.heldNotStarted')} style={{ marginBottom: 16 }} />
      ) : null}
      <FormErrors title={t('activities.heldFailed')} errors={formErrors} />
      <Form<HeldValues>
        form={form}
        name="activity-held"
        layout="vertical"
        disabled={submit.isPending}
        initialValues={{
          attendeeMemberIds: activity.attendeeMemberIds,
          citizenCount: activity.citizenCount,
          departments: activity.departments,
          summary: activity.summary ?? undefined,
          outcomes: activity.outcomes ?? undefined,
        }}
        onFinish={(values) => {
          setFormErrors([]);
          submit.mutate(values);
        }}
      >
        <Form.Item label={t('activities.attendees')} name="attendeeMemberIds">
          <MemberSelect multiple known={knownMembers} placeholder={t('activities.attendeesPlaceholder')} />
        </Form.Item>
        <CitizenCountField />
        <DepartmentsField />
        <Form.Item label={t('activities.summary')} name="summary">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={20000} />
        </Form.Item>
        <OutcomesField />
      </Form>
    </Modal>
  );
}
