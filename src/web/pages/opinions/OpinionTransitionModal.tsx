import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Radio, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ADOPTION_LEVELS, type OpinionAction } from '../../../domain/opinion-workflow';
import { isApiError } from '../../api/client';
import { OPINION_KEY, OPINIONS_KEY, transitionOpinion } from '../../api/opinions';
import type { OpinionDetail } from '../../api/types';
import { beijingToday } from '../../components/beijingTime';
import { FormErrors } from '../../components/FormErrors';
import { joinParts } from '../../components/format';
import { labelOptions } from '../../components/homeLabels';
import { MemberSelect } from '../../components/MemberSelect';
import { adoptionLevelLabel, opinionActionLabel } from '../../components/opinionLabels';
import { applyServerErrors } from '../../components/serverErrors';
import { DRAFT_SECTIONS } from './DraftSections';

interface TransitionValues {
  data?: Record<string, unknown>;
  comment?: string;
}

const TOP_FIELDS = ['data', 'comment'] as const;

/** Actions that undo, refuse or end something: red, and asked again before they are taken. */
export const DANGER_ACTIONS: readonly OpinionAction[] = ['return', 'decline', 'dismiss'];
const CONFIRM_ACTIONS: readonly OpinionAction[] = ['decline', 'dismiss', 'close'];

/** The values a form opens with: the draft and the reply being corrected, today's date. */
function initialData(action: OpinionAction, opinion: OpinionDetail): Record<string, unknown> {
  switch (action) {
    case 'draft':
      return { ...opinion.draft };
    case 'reply':
      return { reply: opinion.reply ?? undefined, public: opinion.reply ? opinion.replyPublic : true };
    case 'forward':
      return { forwardedOn: beijingToday() };
    case 'instruct':
      return { instructedOn: beijingToday() };
    default:
      return {};
  }
}

/** The form's values as the transition's `data`: dates as YYYY-MM-DD, text trimmed. */
function toData(values: Record<string, unknown> | undefined): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    if (dayjs.isDayjs(value)) data[key] = value.format('YYYY-MM-DD');
    else if (typeof value === 'string') data[key] = value.trim();
    else if (value !== undefined && value !== null) data[key] = value;
  }
  return data;
}

interface OpinionTransitionModalProps {
  open: boolean;
  opinion: OpinionDetail;
  action: OpinionAction;
  onClose: () => void;
}

/**
 * One step of an opinion's workflow: the fields the action needs and a note, then
 * POST /opinions/:id/transitions. Mount with a new `key` for each opening.
 */
export function OpinionTransitionModal({ open, opinion, action, onClose }: OpinionTransitionModalProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TransitionValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const label = opinionActionLabel(t, action);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [OPINION_KEY, opinion.id] }),
      queryClient.invalidateQueries({ queryKey: [OPINIONS_KEY] }),
    ]);

  const submit = useMutation({
    mutationFn: (values: TransitionValues) =>
      transitionOpinion(opinion.id, {
        action,
        data: toData(values.data),
        ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}),
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData([OPINION_KEY, opinion.id], saved);
      void message.success(t('opinions.transition.done', { action: label }));
      onClose();
      await refresh();
    },
    onError: (error) => {
      setFormErrors(applyServerErrors(form, error, TOP_FIELDS));
      // Someone else moved the opinion on: show its current state and actions.
      if (isApiError(error) && error.status === 409) void refresh();
    },
  });

  const send = (values: TransitionValues) => {
    setFormErrors([]);
    if (!CONFIRM_ACTIONS.includes(action)) {
      submit.mutate(values);
      return;
    }
    modal.confirm({
      title: t('opinions.transition.confirm', { action: label }),
      content: t('opinions.transition.confirmHint'),
      okText: label,
      okButtonProps: { danger: DANGER_ACTIONS.includes(action) },
      cancelText: t('common.cancel'),
      onOk: () => submit.mutateAsync(values).catch(() => undefined),
    });
  };

  const roomy = action === 'draft';

  return (
    <Modal
      open={open}
      title={t('opinions.transition.title', { action: label, name: opinion.title })}
      okText={label}
      okButtonProps={{ danger: DANGER_ACTIONS.includes(action) }}
      cancelText={t('common.cancel')}
      confirmLoading={submit.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      width={roomy ? 960 : 640}
      style={roomy ? { top: 24 } : undefined}
    >
      <FormErrors title={t('opinions.transition.failed')} errors={formErrors} />
      <Form<TransitionValues>
        form={form}
        name={`opinion-${action}`}
        layout="vertical"
        initialValues={{ data: initialData(action, opinion) }}
        disabled={submit.isPending}
        onFinish={send}
      >
        <ActionFields action={action} opinion={opinion} />
        {action === 'draft' ? null : (
          <Form.Item label={t('opinions.transition.comment')} name="comment">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The fields of one action's `data` (see OPINION_STEP_DATA in src/modules/opinions/schema.ts). */
function ActionFields({ action, opinion }: { action: OpinionAction; opinion: OpinionDetail }) {
  const { t } = useTranslation();
  const required = (label: string) => ({
    required: true,
    whitespace: true,
    message: t('common.required', { label }),
  });
  const textArea = (name: string, label: string, maxLength = 2000) => (
    <Form.Item label={label} name={['data', name]} rules={[required(label)]}>
      <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={maxLength} />
    </Form.Item>
  );
  const date = (name: string, label: string) => (
    <Form.Item
      label={label}
      name={['data', name]}
      rules={[{ required: true, message: t('common.required', { label }) }]}
    >
      <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
    </Form.Item>
  );

  switch (action) {
    case 'accept':
    case 'reassign': {
      const label = t('opinions.transition.member');
      return (
        <Form.Item
          label={label}
          name={['data', 'memberId']}
          rules={[{ required: true, message: t('opinions.transition.memberRequired') }]}
        >
          {opinion.assignableMembers.length > 0 ? (
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('opinions.transition.memberPlaceholder')}
              options={opinion.assignableMembers
                .filter((member) => action === 'accept' || member.id !== opinion.assignedMemberId)
                .map((member) => ({ value: member.id, label: joinParts([member.name, member.sector]) }))}
            />
          ) : (
            <MemberSelect placeholder={t('opinions.transition.memberPlaceholder')} />
          )}
        </Form.Item>
      );
    }
    case 'draft':
      return (
        <>
          {DRAFT_SECTIONS.map(({ key, maxLength }) => {
            const label = t(`opinions.draft.${key}`);
            return (
              <Form.Item key={key} label={label} name={['data', key]} rules={[required(label)]}>
                {key === 'reporter' ? (
                  <Input
                    autoComplete="off"
                    maxLength={maxLength}
                    placeholder={t('opinions.draft.reporterPlaceholder')}
                  />
                ) : (
                  <Input.TextArea
                    autoSize={{ minRows: 5, maxRows: 24 }}
                    maxLength={maxLength}
                    showCount
                    placeholder={t(`opinions.draft.${key}Placeholder`)}
                  />
                )}
              </Form.Item>
            );
          })}
        </>
      );
    case 'return':
      return textArea('reason', t('opinions.transition.returnReason'));
    case 'decline':
      return textArea('reason', t('opinions.transition.declineReason'));
    case 'dismiss':
      return textArea('reason', t('opinions.transition.dismissReason'));
    case 'adopt': {
      const label = t('opinions.transition.level');
      return (
        <Form.Item
          label={label}
          name={['data', 'level']}
          rules={[{ required: true, message: t('common.required', { label }) }]}
        >
          <Radio.Group options={labelOptions(ADOPTION_LEVELS, (level) => adoptionLevelLabel(t, level))} />
        </Form.Item>
      );
    }
    case 'forward':
      return (
        <>
          <Form.Item
            label={t('opinions.transition.department')}
            name={['data', 'department']}
            rules={[required(t('opinions.transition.department'))]}
          >
            <Input autoComplete="off" maxLength={100} />
          </Form.Item>
          {date('forwardedOn', t('opinions.transition.forwardedOn'))}
        </>
      );
    case 'instruct':
      return (
        <>
          <Form.Item
            label={t('opinions.transition.leader')}
            name={['data', 'leader']}
            rules={[required(t('opinions.transition.leader'))]}
          >
            <Input autoComplete="off" maxLength={50} />
          </Form.Item>
          {date('instructedOn', t('opinions.transition.instructedOn'))}
          {textArea('instruction', t('opinions.transition.instruction'))}
        </>
      );
    case 'reply':
      return (
        <>
          {textArea('reply', t('opinions.transition.reply'), 5000)}
          <Form.Item
            label={t('opinions.transition.replyPublic')}
            name={['data', 'public']}
            valuePropName="checked"
            extra={t('opinions.transition.replyPublicHint')}
          >
            <Switch />
          </Form.Item>
        </>
      );
    default:
      // submit and close need nothing but the note
      return null;
  }
}
