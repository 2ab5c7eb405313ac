import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HomeAction } from '../../../domain/home-workflow';
import { ApiError, isApiError } from '../../api/client';
import { COVERAGE_KEY } from '../../api/coverage';
import { HOME_KEY, HOMES_KEY, transitionHome, uploadHomeAttachment } from '../../api/homes';
import type { HomeDetail } from '../../api/types';
import { AttachmentUpload } from '../../components/AttachmentUpload';
import { beijingToday } from '../../components/beijingTime';
import { FormErrors } from '../../components/FormErrors';
import { homeActionLabel } from '../../components/homeLabels';
import { RegionCascader } from '../../components/RegionCascader';
import { applyServerErrors } from '../../components/serverErrors';
import { ACTION_FIELDS, type ActionField, DANGER_ACTIONS } from './actionFields';

interface TransitionValues {
  data?: Record<string, unknown>;
  comment?: string;
  attachmentIds?: string[];
}

const TOP_FIELDS = ['data', 'comment', 'attachmentIds'] as const;

/** Turns the form's values into the transition's `data` (dates as YYYY-MM-DD, empty left out). */
function toData(action: HomeAction, values: Record<string, unknown> | undefined): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const spec of ACTION_FIELDS[action]) {
    const value = values?.[spec.name];
    if (spec.kind === 'check') data[spec.name] = value === true;
    else if (spec.kind === 'date') {
      if (dayjs.isDayjs(value)) data[spec.name] = (value as Dayjs).format('YYYY-MM-DD');
    } else if (typeof value === 'string' && value.trim()) data[spec.name] = value.trim();
  }
  return data;
}

/** Server field errors may name a data key bare ("report") or under data ("data.report"). */
function normaliseFields(action: HomeAction, error: unknown): unknown {
  if (!isApiError(error) || !error.fields) return error;
  const dataNames = new Set(ACTION_FIELDS[action].map((spec) => spec.name));
  const fields: Record<string, string> = {};
  for (const [key, message] of Object.entries(error.fields)) {
    const top = key.split(/[./[]/)[0] ?? key;
    fields[dataNames.has(top) && !(TOP_FIELDS as readonly string[]).includes(top) ? `data.${key}` : key] =
      message;
  }
  return new ApiError(error.status, error.code, error.message, fields);
}

interface TransitionModalProps {
  open: boolean;
  home: HomeDetail;
  action: HomeAction;
  onClose: () => void;
}

/**
 * One workflow step of a home: the fields the action needs, 意见 and 附件, then
 * POST /homes/:id/transitions. Mount with a new `key` for each opening.
 */
export function TransitionModal({ open, home, action, onClose }: TransitionModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TransitionValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const label = homeActionLabel(t, action);

  const initialData: Record<string, unknown> = {};
  if (action === 'plan') {
    initialData.address = home.address ?? undefined;
    initialData.regionCode = home.regionCode ?? undefined;
  }
  if (action === 'award_plaque') initialData.awardedOn = beijingToday();

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [HOME_KEY, home.id] }),
      queryClient.invalidateQueries({ queryKey: [HOMES_KEY] }),
      queryClient.invalidateQueries({ queryKey: COVERAGE_KEY }),
    ]);

  const submit = useMutation({
    mutationFn: (values: TransitionValues) =>
      transitionHome(home.id, {
        action,
        data: toData(action, values.data),
        ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}),
        ...(values.attachmentIds?.length ? { attachmentIds: values.attachmentIds } : {}),
      }),
    onSuccess: async () => {
      void message.success(t('homes.transition.done', { action: label }));
      await refresh();
      onClose();
    },
    onError: (error) => {
      setFormErrors(applyServerErrors(form, normaliseFields(action, error), TOP_FIELDS));
      // Someone else moved the home on: show its current state and actions.
      if (isApiError(error) && error.status === 409) void refresh();
    },
  });

  const danger = DANGER_ACTIONS.includes(action);

  return (
    <Modal
      open={open}
      title={t('homes.transition.title', { action: label, name: home.name })}
      okText={label}
      okButtonProps={{ danger, disabled: uploading }}
      cancelText={t('common.cancel')}
      confirmLoading={submit.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      width={640}
    >
      <FormErrors title={t('homes.transition.failed')} errors={formErrors} />
      <Form<TransitionValues>
        form={form}
        name={`transition-${action}`}
        layout="vertical"
        initialValues={{ data: initialData, attachmentIds: [] }}
        disabled={submit.isPending}
        onFinish={(values) => {
          setFormErrors([]);
          submit.mutate(values);
        }}
      >
        {ACTION_FIELDS[action].map((spec) => (
          <ActionFieldItem key={spec.name} spec={spec} />
        ))}
        <Form.Item label={t('homes.transition.comment')} name="comment">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t('homes.transition.attachments')} name="attachmentIds">
          <AttachmentUpload
            uploadFile={(file, onProgress) => uploadHomeAttachment(home.id, file, onProgress)}
            onBusyChange={setUploading}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ActionFieldItem({ spec }: { spec: ActionField }) {
  const { t } = useTranslation();
  const label = t(spec.labelKey);
  const name = ['data', spec.name];
  const required = { required: spec.required, message: t('common.required', { label }) };

  switch (spec.kind) {
    case 'check':
      return (
        <Form.Item
          name={name}
          valuePropName="checked"
          rules={[
            {
              validator: async (_, value: unknown) => {
                if (spec.required && value !== true)
                  throw new Error(t('homes.transition.conditionsMetRequired'));
              },
            },
          ]}
        >
          <Checkbox>{label}</Checkbox>
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item label={label} name={name} rules={[required]}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
        </Form.Item>
      );
    case 'region':
      return (
        <Form.Item label={label} name={name} rules={[required]}>
          <RegionCascader depth={3} placeholder={t('homes.form.regionPlaceholder')} />
        </Form.Item>
      );
    case 'textarea':
      return (
        <Form.Item label={label} name={name} rules={[{ ...required, whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10000} />
        </Form.Item>
      );
    default:
      return (
        <Form.Item label={label} name={name} rules={[{ ...required, whitespace: true }]}>
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
      );
  }
}
