import { EditOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { type UseQueryResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Empty, Flex, Form, Skeleton, Typography } from 'antd';
import { type CSSProperties, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chineseDate } from '../../../../domain/calendar';
import { allows } from '../../../api/allowed';
import { HOME_KEY } from '../../../api/homes';
import { HOME_OPS_KEY, yearlyDocumentPrintUrl } from '../../../api/operations';
import type { DocumentWindow, HomeDetail } from '../../../api/types';
import { FormButtons, FormErrors } from '../../../components/FormErrors';
import { formatDateTime } from '../../../components/format';
import { LoadError } from '../../../components/LoadError';
import { applyServerErrors } from '../../../components/serverErrors';
import { YearSelect } from '../../../components/YearSelect';
import { LateTag } from './LateTag';

/** The documents a home writes once a year: 年度计划 and 年度总结. */
export type YearlyDocumentKind = 'plan' | 'summary';

/** Where each kind's texts live in the translations. */
const TEXTS = { plan: 'plans', summary: 'summaries' } as const;

/** What every yearly document has: when it was submitted and changed, whether late, its text. */
interface YearlyDocumentBase {
  content: string;
  submittedAt: string;
  updatedAt: string;
  late: boolean;
}

interface YearlyDocumentTabProps<D> {
  kind: YearlyDocumentKind;
  home: HomeDetail;
  year: number;
  setYear: (year: number) => void;
  /** The home's document of `year`; null when none has been submitted. */
  query: UseQueryResult<D | null, Error>;
  view: (doc: D) => ReactNode;
  /** The form that writes the document (`doc` null: a new one); `onDone` leaves editing. */
  form: (doc: D | null, onDone: () => void) => ReactNode;
  /**
   * Until when the year's document may be written (a summary's); without it, whoever may update
   * the home may write it at any time (a plan).
   */
  editWindow?: UseQueryResult<DocumentWindow, Error>;
}

/**
 * A tab showing a home's document of a year: the year to show, and (for who runs the home) 填写 /
 * 修改; below, loading, the load error, "none yet", the document, or its form.
 */
export function YearlyDocumentTab<D>({
  kind,
  home,
  year,
  setYear,
  query,
  view,
  form,
  editWindow,
}: YearlyDocumentTabProps<D>) {
  const { t } = useTranslation();
  const texts = TEXTS[kind];
  const [editing, setEditing] = useState(false);
  const runsHome = allows(home, 'update');
  // what the server says of the year: 填写 and 修改 only while it would accept them
  const canEdit = editWindow ? allows(editWindow.data, 'submit') : runsHome;
  const closed = runsHome && editWindow?.data?.open === false;

  const closedNote = closed ? (
    <Alert
      type="info"
      showIcon
      data-testid="yearly-document-closed"
      title={t('common.yearClosed')}
      description={t(`${texts}.closedHint`, {
        year,
        date: editWindow?.data?.editableUntil ? chineseDate(editWindow.data.editableUntil) : '',
      })}
    />
  ) : null;

  let body: ReactNode;
  if (query.isPending || editWindow?.isPending) body = <Skeleton active />;
  else if (query.isError) body = <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  else if (editWindow?.isError)
    body = <LoadError error={editWindow.error} onRetry={() => void editWindow.refetch()} />;
  else if (editing) body = form(query.data, () => setEditing(false));
  else if (!query.data) {
    body = (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`${texts}.none`, { year })}>
        {closed ? null : (
          <Typography.Paragraph type="secondary">{t(`${texts}.noneHint`)}</Typography.Paragraph>
        )}
        {canEdit ? (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(true)}>
            {t(`${texts}.write`)}
          </Button>
        ) : null}
      </Empty>
    );
  } else body = view(query.data);

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} align="center" justify="space-between" wrap>
        <YearSelect
          value={year}
          onChange={(next) => {
            setEditing(false);
            setYear(next);
          }}
        />
        {query.data && !editing ? (
          <Flex gap={8} wrap>
            {/* the print is read as the document is: whoever sees this tab may open it */}
            <Button
              icon={<PrinterOutlined aria-hidden />}
              href={yearlyDocumentPrintUrl(kind, home.id, year)}
              target="_blank"
            >
              {t('common.print')}
            </Button>
            {canEdit ? (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
                {t(`${texts}.edit`)}
              </Button>
            ) : null}
          </Flex>
        ) : null}
      </Flex>
      {closedNote}
      {body}
    </Flex>
  );
}

/** 提交时间 · 更新时间 · 是否逾期, and the text of a yearly document. */
export function YearlyDocumentFacts({ kind, doc }: { kind: YearlyDocumentKind; doc: YearlyDocumentBase }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 3 }}
      // labels on one line: on a 360-px phone 提交时间 would wrap after two characters
      styles={{ label: { whiteSpace: 'nowrap' } }}
      items={[
        {
          key: 'submittedAt',
          label: t('common.submittedAt'),
          children: formatDateTime(doc.submittedAt, false),
        },
        { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(doc.updatedAt, false) },
        { key: 'late', label: t('common.timeliness'), children: <LateTag late={doc.late} /> },
        {
          key: 'content',
          label: t(`${TEXTS[kind]}.content`),
          span: 'filled',
          children: <div style={{ whiteSpace: 'pre-wrap' }}>{doc.content}</div>,
        },
      ]}
    />
  );
}

interface YearlyDocumentFormProps<V, D> {
  kind: YearlyDocumentKind;
  home: HomeDetail;
  year: number;
  /** The document being changed; null when writing the first one of the year. */
  doc: D | null;
  initialValues: V;
  /** The top-level field names, for the server's field errors. */
  fields: readonly string[];
  save: (values: V) => Promise<D>;
  /** Leaves editing: after saving, or on 取消. */
  onDone: () => void;
  buttonsStyle?: CSSProperties;
  children: ReactNode;
}

/**
 * The form that writes a yearly document: a hint when there is none yet, the server's messages
 * that fit no field (e.g. 409 "已过修改期限") above the fields, 取消 and 保存 below. Saving
 * shows the saved document at once and refreshes the home's other figures.
 */
export function YearlyDocumentForm<V extends object, D>({
  kind,
  home,
  year,
  doc,
  initialValues,
  fields,
  save: saveDocument,
  onDone,
  buttonsStyle,
  children,
}: YearlyDocumentFormProps<V, D>) {
  const { t } = useTranslation();
  const texts = TEXTS[kind];
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<V>();
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const save = useMutation({
    mutationFn: saveDocument,
    onSuccess: async (saved) => {
      queryClient.setQueryData([HOME_OPS_KEY, home.id, kind, year], saved);
      void message.success(t(`${texts}.saved`, { year }));
      onDone();
      // the home first: it lists the years with a document, which the document's query reads
      await queryClient.invalidateQueries({ queryKey: [HOME_KEY, home.id], exact: true });
      await queryClient.invalidateQueries({ queryKey: [HOME_OPS_KEY, home.id] });
    },
    onError: (error) => setFormErrors(applyServerErrors(form, error, fields)),
  });

  return (
    <Form<V>
      form={form}
      name={kind}
      layout="vertical"
      disabled={save.isPending}
      initialValues={initialValues}
      onFinish={(values) => {
        setFormErrors([]);
        save.mutate(values);
      }}
    >
      {!doc ? (
        <Alert type="info" showIcon title={t(`${texts}.noneHint`)} style={{ marginBottom: 16 }} />
      ) : null}
      <FormErrors title={t(`${texts}.saveFailed`)} errors={formErrors} />
      {children}
      <FormButtons onCancel={onDone} saving={save.isPending} style={buttonsStyle} />
    </Form>
  );
}
