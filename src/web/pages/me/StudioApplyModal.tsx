import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createHome, HOMES_KEY } from '../../api/homes';
import type { HomeInput } from '../../api/types';
import { FormErrors } from '../../components/FormErrors';
import { applyServerErrors } from '../../components/serverErrors';
import { URL_PATTERN } from '../../components/validation';

const FORM_FIELDS = ['name', 'brand', 'specialty', 'online', 'onlineUrl', 'address'] as const;

interface StudioValues {
  name: string;
  brand?: string;
  specialty?: string;
  online: boolean;
  onlineUrl?: string;
  address?: string;
}

const text = (value: string | undefined) => value?.trim() || undefined;

/**
 * 申请设立委员工作室: a short form; the server takes the level, the owning unit and the director
 * from the member. Mount with a new `key` for each opening.
 */
export function StudioApplyModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<StudioValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const online = Form.useWatch('online', form) ?? false;

  const apply = useMutation({
    mutationFn: (values: StudioValues) => {
      const input: HomeInput = {
        kind: 'member_studio',
        name: values.name.trim(),
        online: Boolean(values.online),
      };
      const brand = text(values.brand);
      const specialty = text(values.specialty);
      const onlineUrl = values.online ? text(values.onlineUrl) : undefined;
      const address = values.online ? undefined : text(values.address);
      return createHome({
        ...input,
        ...(brand ? { brand } : {}),
        ...(specialty ? { specialty } : {}),
        ...(onlineUrl ? { onlineUrl } : {}),
        ...(address ? { address } : {}),
      });
    },
    onSuccess: async (saved) => {
      void message.success(t('me.applied'));
      for (const warning of saved.warnings ?? []) void message.warning(warning.message, 8);
      await queryClient.invalidateQueries({ queryKey: [HOMES_KEY] });
      onClose();
    },
    onError: (error) => setFormErrors(applyServerErrors(form, error, FORM_FIELDS)),
  });

  return (
    <Modal
      open={open}
      title={t('me.apply')}
      okText={t('me.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={apply.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Typography.Paragraph type="secondary">{t('me.applyHint')}</Typography.Paragraph>
      <FormErrors title={t('homes.form.saveFailed')} errors={formErrors} />
      <Form<StudioValues>
        form={form}
        name="studio"
        layout="vertical"
        initialValues={{ online: false }}
        disabled={apply.isPending}
        onFinish={(values) => {
          setFormErrors([]);
          apply.mutate(values);
        }}
      >
        <Form.Item
          label={t('homes.name')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('homes.form.nameRequired') }]}
        >
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item label={t('homes.brand')} name="brand">
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item label={t('homes.specialty')} name="specialty">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={200} />
        </Form.Item>
        <Form.Item label={t('homes.online')} name="online" valuePropName="checked">
          <Switch />
        </Form.Item>
        {online ? (
          <Form.Item
            label={t('homes.onlineUrl')}
            name="onlineUrl"
            rules={[
              { required: true, whitespace: true, message: t('homes.form.onlineUrlRequired') },
              { pattern: URL_PATTERN, message: t('homes.form.onlineUrlInvalid') },
            ]}
          >
            <Input type="url" inputMode="url" autoComplete="off" placeholder="https://" />
          </Form.Item>
        ) : (
          <Form.Item label={t('homes.address')} name="address">
            <Input autoComplete="off" maxLength={200} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
