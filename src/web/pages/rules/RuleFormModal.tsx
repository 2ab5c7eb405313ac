import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createRule, HOME_OPS_KEY, RULES_KEY } from '../../api/operations';
import type { Rule } from '../../api/types';
import { beijingToday } from '../../components/beijingTime';
import { FormErrors } from '../../components/FormErrors';
import { applyServerErrors } from '../../components/serverErrors';
import { keepPickerEnter } from '../FormPage';

const FORM_FIELDS = ['title', 'version', 'effectiveOn', 'body'] as const;

interface RuleFormValues {
  title: string;
  version: string;
  effectiveOn?: Dayjs;
  body: string;
}

interface RuleFormModalProps {
  open: boolean;
  /** A home's supplementary rule; a unified rule (制度库) when absent. */
  homeId?: string;
  /** The rule a new version is issued of: the form starts from its title and body. */
  base?: Rule;
  onClose: () => void;
}

/**
 * 发布制度 / 添加补充制度 / 发布新版本 → POST /rules. A new version of a rule is a new rule with the
 * same title.
 */
export function RuleFormModal({ open, homeId, base, onClose }: RuleFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RuleFormValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const save = useMutation({
    mutationFn: (values: RuleFormValues) =>
      createRule({
        title: values.title.trim(),
        version: values.version.trim(),
        effectiveOn: (values.effectiveOn as Dayjs).format('YYYY-MM-DD'),
        body: values.body.trim(),
        ...(homeId ? { homeId } : {}),
      }),
    onSuccess: async (rule) => {
      void message.success(t('rules.created', { name: rule.title }));
      onClose();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [RULES_KEY] }),
        // Every home's posting marks and 六有 depend on the unified rules.
        queryClient.invalidateQueries({ queryKey: homeId ? [HOME_OPS_KEY, homeId] : [HOME_OPS_KEY] }),
      ]);
    },
    onError: (error) => setFormErrors(applyServerErrors(form, error, FORM_FIELDS)),
  });

  return (
    <Modal
      open={open}
      title={
        base
          ? t('rules.reviseTitle', { name: base.title })
          : homeId
            ? t('rules.supplementaryTitle')
            : t('rules.issueTitle')
      }
      okText={homeId ? t('common.save') : t('rules.issue')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      width={720}
    >
      {base ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('rules.reviseHint')} />
      ) : null}
      <FormErrors title={t('rules.saveFailed')} errors={formErrors} />
      <Form<RuleFormValues>
        form={form}
        name={homeId ? 'home-rule' : 'rule'}
        layout="vertical"
        disabled={save.isPending}
        initialValues={{
          effectiveOn: beijingToday(),
          ...(base ? { title: base.title, body: base.body } : {}),
        }}
        onKeyDown={keepPickerEnter}
        onFinish={(values) => {
          setFormErrors([]);
          save.mutate(values);
        }}
      >
        <Form.Item
          label={t('rules.name')}
          name="title"
          rules={[{ required: true, whitespace: true, message: t('rules.nameRequired') }]}
        >
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item
          label={t('rules.version')}
          name="version"
          rules={[{ required: true, whitespace: true, message: t('rules.versionRequired') }]}
        >
          <Input autoComplete="off" maxLength={50} placeholder={t('rules.versionPlaceholder')} />
        </Form.Item>
        <Form.Item
          label={t('rules.effectiveOn')}
          name="effectiveOn"
          rules={[{ required: true, message: t('rules.effectiveOnRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item
          label={t('rules.body')}
          name="body"
          rules={[{ required: true, whitespace: true, message: t('rules.bodyRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} maxLength={50000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
