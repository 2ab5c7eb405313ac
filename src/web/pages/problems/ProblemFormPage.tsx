import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { createProblem, OPINION_KEY, PROBLEMS_KEY, useOpinion } from '../../api/opinions';
import type { OpinionDetail, Problem, ProblemInput } from '../../api/types';
import { textOrNull, withoutNulls } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { MemberSelect } from '../../components/MemberSelect';
import { PageLoading } from '../../components/PageLoading';
import { applyServerErrors } from '../../components/serverErrors';
import { FormPage } from '../FormPage';
import { ContactFields, type SentTo, SentToFields, sentToInput } from '../opinions/CitizenFields';
import {
  CONTACT_PHONE_PATTERN,
  opinionPath,
  problemPath,
  TrackingCodeResult,
} from '../opinions/opinionParts';

const FORM_FIELDS = [
  'homeId',
  'regionCode',
  'title',
  'description',
  'requesterName',
  'requesterPhone',
  'contactConsent',
  'handlerMemberId',
  'handlerDepartment',
];

interface ProblemFormValues {
  target: SentTo;
  homeId?: string;
  regionCode?: string;
  title: string;
  description: string;
  requesterName?: string;
  requesterPhone?: string;
  contactConsent?: boolean;
  handlerMemberId?: string | null;
  handlerDepartment?: string;
}

/**
 * 新建解难纾困 (/problems/new): a citizen's problem, entered directly or from an opinion
 * (`?opinionId=`, which fills in what the opinion already says).
 */
export default function ProblemFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const opinionId = searchParams.get('opinionId');
  const opinion = useOpinion(opinionId);
  const [created, setCreated] = useState<Problem | null>(null);

  if (created) {
    return (
      <TrackingCodeResult
        title={t('problems.form.created')}
        hint={t('problems.form.codeHint')}
        trackingCode={created.trackingCode}
        extra={
          <Button type="primary" onClick={() => void navigate(problemPath(created.id))}>
            {t('problems.form.viewDetail')}
          </Button>
        }
      />
    );
  }
  if (opinionId && opinion.isPending) return <PageLoading />;
  if (opinionId && opinion.isError) {
    return <LoadError page error={opinion.error} onRetry={() => void opinion.refetch()} />;
  }
  return <ProblemForm opinion={opinionId ? opinion.data : undefined} onCreated={setCreated} />;
}

/** What an opinion already says about the problem: place, title, text, who asked, who handles it. */
function fromOpinion(opinion: OpinionDetail | undefined): Partial<ProblemFormValues> {
  if (!opinion) return { target: 'home' };
  const first = opinion.submissions[0];
  // a phone shown masked (or without consent) cannot be kept
  const phone =
    first?.contactConsent && first.phone && CONTACT_PHONE_PATTERN.test(first.phone) ? first.phone : undefined;
  return {
    target: opinion.homeId || !opinion.regionCode ? 'home' : 'region',
    homeId: opinion.homeId ?? undefined,
    regionCode: opinion.regionCode ?? undefined,
    title: opinion.title,
    description: opinion.content,
    requesterName: first?.name ?? undefined,
    requesterPhone: phone,
    contactConsent: phone ? true : undefined,
    handlerMemberId: opinion.assignedMemberId,
  };
}

function ProblemForm({
  opinion,
  onCreated,
}: {
  opinion?: OpinionDetail;
  onCreated: (problem: Problem) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProblemFormValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const save = useMutation({
    mutationFn: (values: ProblemFormValues) => {
      const input: ProblemInput = {
        opinionId: opinion?.id ?? null,
        ...sentToInput(values),
        title: values.title.trim(),
        description: values.description.trim(),
        requesterName: textOrNull(values.requesterName),
        requesterPhone: textOrNull(values.requesterPhone),
        handlerMemberId: values.handlerMemberId ?? null,
        handlerDepartment: textOrNull(values.handlerDepartment),
      };
      if (input.requesterPhone) input.contactConsent = values.contactConsent === true;
      return createProblem(withoutNulls(input));
    },
    onSuccess: async (problem) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [PROBLEMS_KEY] }),
        opinion ? queryClient.invalidateQueries({ queryKey: [OPINION_KEY, opinion.id] }) : undefined,
      ]);
      onCreated(problem);
    },
    onError: (error) => setFormErrors(applyServerErrors(form, error, FORM_FIELDS)),
  });

  const half = { xs: 24, md: 12 };
  const knownMembers =
    opinion?.assignedMemberId && opinion.assignedMemberName
      ? [{ id: opinion.assignedMemberId, name: opinion.assignedMemberName }]
      : undefined;

  return (
    <FormPage<ProblemFormValues>
      title={t('problems.form.title')}
      back={opinion ? opinionPath(opinion.id) : '/problems'}
      errorsTitle={t('problems.form.saveFailed')}
      formErrors={formErrors}
      saving={save.isPending}
      form={form}
      name="problem"
      initialValues={fromOpinion(opinion)}
      onFinish={(values) => {
        setFormErrors([]);
        save.mutate(values);
      }}
    >
      {opinion ? (
        <Alert type="info" showIcon title={t('problems.form.fromOpinion', { title: opinion.title })} />
      ) : null}
      <Card size="small" title={t('problems.form.problemSection')}>
        <SentToFields
          knownHomes={
            opinion?.homeId ? [{ id: opinion.homeId, name: opinion.homeName ?? opinion.homeId }] : undefined
          }
        />
        <Form.Item
          label={t('problems.titleLabel')}
          name="title"
          rules={[{ required: true, whitespace: true, message: t('problems.form.titleRequired') }]}
        >
          <Input autoComplete="off" maxLength={100} showCount />
        </Form.Item>
        <Form.Item
          label={t('problems.description')}
          name="description"
          rules={[{ required: true, whitespace: true, message: t('problems.form.descriptionRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 5, maxRows: 20 }} maxLength={5000} showCount />
        </Form.Item>
      </Card>
      <Card size="small" title={t('problems.form.requesterSection')}>
        <ContactFields nameField="requesterName" phoneField="requesterPhone" />
      </Card>
      <Card size="small" title={t('problems.form.handlerSection')}>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item label={t('problems.handlerMember')} name="handlerMemberId">
              <MemberSelect known={knownMembers} placeholder={t('homes.form.memberPlaceholder')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('problems.handlerDepartment')} name="handlerDepartment">
              <Input autoComplete="off" maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
    </FormPage>
  );
}
