import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Card, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { createReport, REPORT_KEY, REPORTS_KEY, updateReport, useReport } from '../../api/records';
import type { ReportInput, ResearchReport } from '../../api/types';
import { beijingToday } from '../../components/beijingTime';
import { textOrNull } from '../../components/format';
import { MemberSelect } from '../../components/MemberSelect';
import { applyServerErrors } from '../../components/serverErrors';
import { EditableFormPage, FormPage } from '../FormPage';
import { OutputOriginFields, reportPath } from './outputParts';

/** 登记调研报告 (/research-reports/new) and 修改调研报告 (/research-reports/:id/edit). */
export default function ReportFormPage() {
  const { id } = useParams();
  const report = useReport(id);
  return <EditableFormPage id={id} record={report} form={(record) => <ReportForm report={record} />} />;
}

interface ReportValues {
  title: string;
  summary?: string;
  completedOn: Dayjs;
  memberIds: string[];
  homeId?: string | null;
  activityId?: string | null;
}

const FIELDS = ['title', 'summary', 'completedOn', 'memberIds', 'homeId', 'activityId'];

function ReportForm({ report }: { report?: ResearchReport }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ReportValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const save = useMutation({
    mutationFn: (values: ReportValues) => {
      const input: ReportInput = {
        title: values.title.trim(),
        summary: textOrNull(values.summary),
        completedOn: values.completedOn.format('YYYY-MM-DD'),
        memberIds: values.memberIds,
        homeId: values.homeId ?? null,
        activityId: values.activityId ?? null,
      };
      return report ? updateReport(report.id, input) : createReport(input);
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData([REPORT_KEY, saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: [REPORTS_KEY] });
      void navigate(reportPath(saved.id));
    },
    onError: (error) => setFormErrors(applyServerErrors(form, error, FIELDS)),
  });

  const required = (label: string) => [{ required: true, message: t('common.required', { label }) }];

  return (
    <FormPage<ReportValues>
      title={report ? t('reports.editTitle') : t('reports.create')}
      back={report ? reportPath(report.id) : '/research-reports'}
      errorsTitle={t('outputs.saveFailed')}
      formErrors={formErrors}
      saving={save.isPending}
      form={form}
      name="report"
      initialValues={{
        title: report?.title,
        summary: report?.summary ?? undefined,
        completedOn: report ? dayjs(report.completedOn) : beijingToday(),
        memberIds: report?.members.map((member) => member.id) ?? [],
        homeId: report?.homeId,
        activityId: report?.activityId,
      }}
      onFinish={(values) => {
        setFormErrors([]);
        save.mutate(values);
      }}
    >
      <Card size="small" title={t('reports.section')}>
        <Form.Item
          label={t('reports.titleLabel')}
          name="title"
          rules={[{ ...required(t('reports.titleLabel'))[0], whitespace: true }]}
        >
          <Input autoComplete="off" maxLength={200} showCount />
        </Form.Item>
        <Form.Item
          label={t('reports.completedOn')}
          name="completedOn"
          rules={required(t('reports.completedOn'))}
        >
          <DatePicker style={{ width: 200 }} format="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item label={t('reports.members')} name="memberIds" rules={required(t('reports.members'))}>
          <MemberSelect multiple known={report?.members} placeholder={t('homes.form.memberPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('reports.summary')} name="summary">
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={5000} showCount />
        </Form.Item>
        <OutputOriginFields
          home={report?.homeId ? { id: report.homeId, name: report.homeName ?? report.homeId } : null}
          activity={
            report?.activityId
              ? { id: report.activityId, name: report.activityTitle ?? report.activityId }
              : null
          }
        />
      </Card>
    </FormPage>
  );
}
