import type { UseQueryResult } from '@tanstack/react-query';
import { Flex, Form, type FormProps } from 'antd';
import type { KeyboardEvent, ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { allows } from '../api/allowed';
import { FormButtons, FormErrors } from '../components/FormErrors';
import { LoadError } from '../components/LoadError';
import { PageHeader } from '../components/PageHeader';
import { PageLoading } from '../components/PageLoading';
import { ForbiddenPage } from './ResultPages';

/** A record whose `allowedActions` may name 'update'. */
type Editable = { allowedActions: readonly string[] };

interface EditableFormPageProps<T extends Editable> {
  /** The id in the page's path; absent on the page that creates one. */
  id: string | undefined;
  /** The record of `id`. */
  record: UseQueryResult<T, Error>;
  /** The form: empty to create, or filled with the record to change it. */
  form: (record?: T) => ReactNode;
}

/**
 * The page of a "new" (no id) or "edit" form: an edited record is loaded first, and one the user
 * may not change shows 403.
 */
export function EditableFormPage<T extends Editable>({ id, record, form }: EditableFormPageProps<T>) {
  if (!id) return form();
  if (record.isPending) return <PageLoading />;
  if (record.isError) return <LoadError page error={record.error} onRetry={() => void record.refetch()} />;
  if (!mayEdit(record.data)) return <ForbiddenPage />;
  return form(record.data);
}

/** Whether the server lets the user edit the record: 'update' in its `allowedActions`. */
function mayEdit(record: Editable): boolean {
  return allows(record, 'update');
}

/** Enter in a date picker confirms the date typed there; it does not also send the half-filled form. */
export function keepPickerEnter(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key === 'Enter' && (event.target as HTMLElement).closest('.ant-picker')) event.preventDefault();
}

interface FormPageProps<V>
  extends Pick<FormProps<V>, 'form' | 'name' | 'initialValues' | 'onValuesChange' | 'onFinish'> {
  title: ReactNode;
  /** Where the back link and 取消 go. */
  back: string;
  /** Above the server's messages that belong to no field. */
  errorsTitle: string;
  formErrors: readonly string[];
  saving: boolean;
  /** The sections of the form (cards). */
  children: ReactNode;
}

/** A whole-page form: title with back link, the server's messages, the sections, 取消 and 保存. */
export function FormPage<V>({
  title,
  back,
  errorsTitle,
  formErrors,
  saving,
  children,
  ...formProps
}: FormPageProps<V>) {
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={title} back={back} />
      <FormErrors title={errorsTitle} errors={formErrors} />
      <Form<V>
        {...formProps}
        layout="vertical"
        disabled={saving}
        scrollToFirstError
        onKeyDown={keepPickerEnter}
      >
        <Flex vertical gap={16}>
          {children}
          <FormButtons onCancel={() => void navigate(back)} saving={saving} />
        </Flex>
      </Form>
    </>
  );
}
