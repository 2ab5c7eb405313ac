import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors } from '../../components/FormErrors';
import { applyServerErrors } from '../../components/serverErrors';
import { keepPickerEnter } from '../FormPage';

export interface FormModalProps<V, R> {
  title: ReactNode;
  okText: string;
  /** Above the server's messages that belong to no field. */
  errorsTitle: string;
  /** The form's name (prefix of the fields' ids). */
  name: string;
  /** The top-level field names the server's field errors may name. */
  fields: readonly string[];
  initialValues?: Partial<V>;
  /** Sends the form; the answer goes to `onDone`. */
  submit: (values: V) => Promise<R>;
  onDone: (result: R) => unknown;
  onClose: () => void;
  /** Asked again before sending (what cannot be undone). */
  confirm?: { title: string; content: ReactNode };
  danger?: boolean;
  width?: number;
  children: ReactNode;
}

/**
 * A small form in a dialog: its fields, the server's messages, and a button that sends it. Rendered
 * only while open (each opening starts empty); closes itself when the server has answered.
 */
export function FormModal<V, R>({
  title,
  okText,
  errorsTitle,
  name,
  fields,
  initialValues,
  submit,
  onDone,
  onClose,
  confirm,
  danger,
  width = 560,
  children,
}: FormModalProps<V, R>) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [form] = Form.useForm<V>();
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const send = useMutation({
    mutationFn: submit,
    onSuccess: async (result) => {
      onClose();
      await onDone(result);
    },
    onError: (error) => setFormErrors(applyServerErrors(form, error, fields)),
  });

  const onFinish = (values: V) => {
    setFormErrors([]);
    if (!confirm) {
      send.mutate(values);
      return;
    }
    modal.confirm({
      title: confirm.title,
      content: confirm.content,
      okText,
      okButtonProps: { danger },
      cancelText: t('common.cancel'),
      onOk: () => send.mutateAsync(values).catch(() => undefined),
    });
  };

  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={{ danger }}
      cancelText={t('common.cancel')}
      confirmLoading={send.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      width={width}
    >
      <FormErrors title={errorsTitle} errors={formErrors} />
      <Form<V>
        form={form}
        name={name}
        layout="vertical"
        initialValues={initialValues}
        disabled={send.isPending}
        onFinish={onFinish}
        onKeyDown={keepPickerEnter}
      >
        {children}
      </Form>
    </Modal>
  );
}

/** A required multi-line text field of a FormModal (a reason, a response, a description). */
export function RequiredText({ name, label, maxLength }: { name: string; label: string; maxLength: number }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      label={label}
      name={name}
      rules={[{ required: true, whitespace: true, message: t('common.required', { label }) }]}
    >
      <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={maxLength} showCount />
    </Form.Item>
  );
}
