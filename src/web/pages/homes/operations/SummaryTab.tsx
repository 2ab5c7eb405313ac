import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Empty, Flex, Form, Input, Skeleton, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HOME_OPS_KEY, saveSummary, useSummary } from '../../../api/operations';
import type { HomeDetail, Summary } from '../../../api/types';
import { formatDateTime } from '../../../components/format';
import { LoadError } from '../../../components/LoadError';
import { applyServerErrors } from '../../../components/serverErrors';
import { YearSelect } from '../../../components/YearSelect';
import { useYearParam } from '../../../hooks/useYearParam';
import { LateTag } from './LateTag';

/** 年度总结 tab: the summary of a year; who runs the home writes it (until 31 January after). */
export function SummaryTab({ home }: { home: HomeDetail }) {
  const { t } = useTranslation();
  const [year, setYear] = useYearParam();
  const summary = useSummary(home.id, year);
  const [editing, setEditing] = useState(false);
  const canEdit = home.abilities.update;

  let body: ReactNode;
  if (summary.isPending) body = <Skeleton active />;
  else if (summary.isError) body = <LoadError error={summary.error} onRetry={() => void summary.refetch()} />;
  else if (editing) {
    body = <SummaryForm home={home} year={year} summary={summary.data} onDone={() => setEditing(false)} />;
  } else if (!summary.data) {
    body = (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('summaries.none', { year })}>
        <Typography.Paragraph type="secondary">{t('summaries.noneHint')}</Typography.Paragraph>
        {canEdit ? (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(true)}>
            {t('summaries.write')}
          </Button>
        ) : null}
      </Empty>
    );
  } else {
    const data = summary.data;
    body = (
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 3 }}
        items={[
          {
            key: 'submittedAt',
            label: t('common.submittedAt'),
            children: formatDateTime(data.submittedAt, false),
          },
          { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(data.updatedAt, false) },
          { key: 'late', label: t('common.timeliness'), children: <LateTag late={data.late} /> },
          {
            key: 'content',
            label: t('summaries.content'),
            span: 'filled',
            children: <div style={{ whiteSpace: 'pre-wrap' }}>{data.content}</div>,
          },
        ]}
      />
    );
  }

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
        {canEdit && summary.data && !editing ? (
          <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
            {t('summaries.edit')}
          </Button>
        ) : null}
      </Flex>
      {body}
    </Flex>
  );
}

function SummaryForm({
  home,
  year,
  summary,
  onDone,
}: {
  home: HomeDetail;
  year: number;
  summary: Summary | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ content: string }>();
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const save = useMutation({
    mutationFn: (values: { content: string }) => saveSummary(home.id, year, values.content.trim()),
    onSuccess: async (saved) => {
      queryClient.setQueryData([HOME_OPS_KEY, home.id, 'summary', year], saved);
      void message.success(t('summaries.saved', { year }));
      onDone();
      await queryClient.invalidateQueries({ queryKey: [HOME_OPS_KEY, home.id] });
    },
    // 409 "已过修改期限" has no field: it shows above the form.
    onError: (error) => setFormErrors(applyServerErrors(form, error, ['content'])),
  });

  return (
    <Form<{ content: string }>
      form={form}
      name="summary"
      layout="vertical"
      disabled={save.isPending}
      initialValues={{ content: summary?.content ?? '' }}
      onFinish={(values) => {
        setFormErrors([]);
        save.mutate(values);
      }}
    >
      {!summary ? (
        <Alert type="info" showIcon title={t('summaries.noneHint')} style={{ marginBottom: 16 }} />
      ) : null}
      {formErrors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={t('summaries.saveFailed')}
          description={formErrors.map((line) => <div key={line}>{line}</div>)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form.Item
        label={t('summaries.content')}
        name="content"
        rules={[{ required: true, whitespace: true, message: t('summaries.contentRequired') }]}
      >
        <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} maxLength={50000} />
      </Form.Item>
      <Flex gap={8} justify="flex-end">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
