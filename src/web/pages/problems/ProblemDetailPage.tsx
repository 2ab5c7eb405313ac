import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PROBLEM_STATUSES, type ProblemStatus } from '../../../domain/opinion-workflow';
import { allows } from '../../api/allowed';
import { OPINION_KEY, PROBLEM_KEY, PROBLEMS_KEY, updateProblem, useProblem } from '../../api/opinions';
import type { Problem, ProblemUpdate, Satisfaction } from '../../api/types';
import { FormButtons, FormErrors } from '../../components/FormErrors';
import { formatDateTime, joinParts, textOrNull } from '../../components/format';
import { labelOptions } from '../../components/homeLabels';
import { LoadError } from '../../components/LoadError';
import { MemberSelect } from '../../components/MemberSelect';
import { ProblemStatusTag, SatisfactionTag } from '../../components/OpinionTags';
import { problemStatusLabel, SATISFACTIONS, satisfactionLabel } from '../../components/opinionLabels';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { applyServerErrors } from '../../components/serverErrors';
import { opinionPath, PlainText } from '../opinions/opinionParts';

/** 解难纾困 detail (/problems/:id): the problem, and how it is handled — editable for who handles it. */
export default function ProblemDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const problem = useProblem(id);

  if (problem.isPending) return <PageLoading />;
  if (problem.isError) return <LoadError page error={problem.error} onRetry={() => void problem.refetch()} />;
  const data = problem.data;

  return (
    <>
      <PageHeader
        title={<span style={{ wordBreak: 'break-word' }}>{data.title}</span>}
        back="/problems"
        tags={<ProblemStatusTag status={data.status} />}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={13}>
          <Card size="small" title={t('problems.detail.facts')}>
            <Flex vertical gap={16}>
              <ProblemFacts problem={data} />
              <PlainText style={{ fontSize: 15, lineHeight: 1.8 }}>{data.description}</PlainText>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={11}>
          <Card size="small" title={t('problems.detail.handling')}>
            {allows(data, 'update') ? (
              <HandlingForm key={data.id} problem={data} />
            ) : (
              <Handling problem={data} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}

function ProblemFacts({ problem }: { problem: Problem }) {
  const { t } = useTranslation();
  const items: DescriptionsProps['items'] = [
    {
      key: 'trackingCode',
      label: t('problems.trackingCode'),
      children: <Typography.Text copyable>{problem.trackingCode}</Typography.Text>,
    },
    {
      key: 'place',
      label: t('problems.place'),
      children: problem.homeId ? (
        <Link to={`/homes/${encodeURIComponent(problem.homeId)}`}>{problem.homeName ?? problem.homeId}</Link>
      ) : (
        (problem.regionName ?? '-')
      ),
    },
    {
      key: 'opinion',
      label: t('problems.opinion'),
      children: problem.opinionId ? (
        <Link to={opinionPath(problem.opinionId)} style={{ wordBreak: 'break-word' }}>
          {problem.opinionTitle ?? problem.opinionId}
        </Link>
      ) : (
        '-'
      ),
    },
    {
      key: 'requester',
      label: t('problems.requesterName'),
      children: joinParts([problem.requesterName, problem.requesterPhone]) || '-',
    },
    { key: 'createdAt', label: t('problems.createdAt'), children: formatDateTime(problem.createdAt, false) },
    {
      key: 'resolvedAt',
      label: t('problems.resolvedAt'),
      children: problem.resolvedAt ? formatDateTime(problem.resolvedAt, false) : '-',
    },
  ];
  return <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items} />;
}

/** How the problem is handled, for readers. */
function Handling({ problem }: { problem: Problem }) {
  const { t } = useTranslation();
  const items: DescriptionsProps['items'] = [
    { key: 'status', label: t('problems.status'), children: <ProblemStatusTag status={problem.status} /> },
    { key: 'member', label: t('problems.handlerMember'), children: problem.handlerMemberName ?? '-' },
    { key: 'department', label: t('problems.handlerDepartment'), children: problem.handlerDepartment ?? '-' },
    { key: 'actions', label: t('problems.actions'), children: <PlainText>{problem.actions}</PlainText> },
    { key: 'result', label: t('problems.result'), children: <PlainText>{problem.result}</PlainText> },
    {
      key: 'resultPublic',
      label: t('problems.resultPublic'),
      children: problem.resultPublic ? t('common.yes') : t('common.no'),
    },
    {
      key: 'satisfaction',
      label: t('problems.satisfaction'),
      children: <SatisfactionTag value={problem.satisfaction} />,
    },
    {
      key: 'satisfactionComment',
      label: t('problems.satisfactionComment'),
      children: <PlainText>{problem.satisfactionComment}</PlainText>,
    },
  ];
  return <Descriptions size="small" bordered column={1} items={items} />;
}

const FORM_FIELDS = [
  'status',
  'handlerMemberId',
  'handlerDepartment',
  'actions',
  'result',
  'resultPublic',
  'satisfaction',
  'satisfactionComment',
];

interface HandlingValues {
  status: ProblemStatus;
  handlerMemberId?: string | null;
  handlerDepartment?: string;
  actions?: string;
  result?: string;
  resultPublic: boolean;
  satisfaction?: Satisfaction | null;
  satisfactionComment?: string;
}

/** The handling, editable: status, who handles it, what was done, the result and the satisfaction. */
function HandlingForm({ problem }: { problem: Problem }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<HandlingValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const initialValues: HandlingValues = {
    status: problem.status,
    handlerMemberId: problem.handlerMemberId,
    handlerDepartment: problem.handlerDepartment ?? undefined,
    actions: problem.actions ?? undefined,
    result: problem.result ?? undefined,
    resultPublic: problem.resultPublic,
    satisfaction: (problem.satisfaction as Satisfaction | null) ?? null,
    satisfactionComment: problem.satisfactionComment ?? undefined,
  };

  const save = useMutation({
    mutationFn: (values: HandlingValues) => {
      const input: ProblemUpdate = {
        status: values.status,
        handlerMemberId: values.handlerMemberId ?? null,
        handlerDepartment: textOrNull(values.handlerDepartment),
        actions: textOrNull(values.actions),
        result: textOrNull(values.result),
        resultPublic: values.resultPublic === true,
      };
      // The satisfaction is the citizen's (rated on the portal): a page opened before they rated
      // must not erase it, so it is sent only when staff record it here themselves.
      if (form.isFieldTouched('satisfaction')) input.satisfaction = values.satisfaction ?? null;
      if (form.isFieldTouched('satisfactionComment')) {
        input.satisfactionComment = textOrNull(values.satisfactionComment);
      }
      return updateProblem(problem.id, input);
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData([PROBLEM_KEY, saved.id], saved);
      void message.success(t('problems.detail.saved'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [PROBLEMS_KEY] }),
        saved.opinionId
          ? queryClient.invalidateQueries({ queryKey: [OPINION_KEY, saved.opinionId] })
          : undefined,
      ]);
    },
    onError: (error) => setFormErrors(applyServerErrors(form, error, FORM_FIELDS)),
  });

  const knownMembers =
    problem.handlerMemberId && problem.handlerMemberName
      ? [{ id: problem.handlerMemberId, name: problem.handlerMemberName }]
      : undefined;

  return (
    <>
      <FormErrors title={t('problems.detail.saveFailed')} errors={formErrors} />
      <Form<HandlingValues>
        form={form}
        name="problem-handling"
        layout="vertical"
        initialValues={initialValues}
        disabled={save.isPending}
        onFinish={(values) => {
          setFormErrors([]);
          save.mutate(values);
        }}
      >
        <Form.Item label={t('problems.status')} name="status">
          <Select options={labelOptions(PROBLEM_STATUSES, (status) => problemStatusLabel(t, status))} />
        </Form.Item>
        <Form.Item label={t('problems.handlerMember')} name="handlerMemberId">
          <MemberSelect known={knownMembers} placeholder={t('homes.form.memberPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('problems.handlerDepartment')} name="handlerDepartment">
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item label={t('problems.actions')} name="actions">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={5000} />
        </Form.Item>
        <Form.Item label={t('problems.result')} name="result">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={5000} />
        </Form.Item>
        <Form.Item
          label={t('problems.resultPublic')}
          name="resultPublic"
          valuePropName="checked"
          extra={t('problems.resultPublicHint')}
        >
          <Switch />
        </Form.Item>
        <Form.Item
          label={t('problems.satisfaction')}
          name="satisfaction"
          extra={t('problems.satisfactionHint')}
        >
          <Select
            allowClear
            placeholder={t('problems.detail.notRated')}
            options={SATISFACTIONS.map((value) => ({ value, label: satisfactionLabel(t, value) }))}
          />
        </Form.Item>
        <Form.Item label={t('problems.satisfactionComment')} name="satisfactionComment">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
        </Form.Item>
        {problem.ratedAt ? (
          <Typography.Paragraph type="secondary">
            {t('common.labelled', { label: t('problems.ratedAt') })}
            {formatDateTime(problem.ratedAt, false)}
          </Typography.Paragraph>
        ) : null}
        <FormButtons onCancel={() => form.resetFields()} saving={save.isPending} />
      </Form>
    </>
  );
}
