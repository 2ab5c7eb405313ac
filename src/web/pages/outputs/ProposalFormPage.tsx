import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Card, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PROPOSAL_STATUSES, type ProposalStatus } from '../../../domain/duty-record';
import { createProposal, PROPOSAL_KEY, PROPOSALS_KEY, updateProposal, useProposal } from '../../api/records';
import type { Proposal, ProposalInput } from '../../api/types';
import { beijingToday } from '../../components/beijingTime';
import { textOrNull } from '../../components/format';
import { MemberSelect } from '../../components/MemberSelect';
import { applyServerErrors } from '../../components/serverErrors';
import { EditableFormPage, FormPage } from '../FormPage';
import { OutputOriginFields, proposalPath } from './outputParts';

/** 登记提案 (/proposals/new) and 修改提案 (/proposals/:id/edit). */
export default function ProposalFormPage() {
  const { id } = useParams();
  const proposal = useProposal(id);
  return <EditableFormPage id={id} record={proposal} form={(record) => <ProposalForm proposal={record} />} />;
}

interface ProposalValues {
  title: string;
  number?: string;
  submittedOn: Dayjs;
  status: ProposalStatus;
  decidedOn?: Dayjs | null;
  handlingResult?: string;
  leadMemberId: string;
  cosignerMemberIds?: string[];
  homeId?: string | null;
  activityId?: string | null;
}

const FIELDS = [
  'title',
  'number',
  'submittedOn',
  'status',
  'decidedOn',
  'handlingResult',
  'leadMemberId',
  'cosignerMemberIds',
  'homeId',
  'activityId',
];

const day = (value: string | null | undefined) => (value ? dayjs(value) : undefined);

function ProposalForm({ proposal }: { proposal?: Proposal }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProposalValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const save = useMutation({
    mutationFn: (values: ProposalValues) => {
      const input: ProposalInput = {
        title: values.title.trim(),
        number: textOrNull(values.number),
        submittedOn: values.submittedOn.format('YYYY-MM-DD'),
        status: values.status,
        decidedOn: values.decidedOn?.format('YYYY-MM-DD') ?? null,
        handlingResult: textOrNull(values.handlingResult),
        leadMemberId: values.leadMemberId,
        cosignerMemberIds: values.cosignerMemberIds ?? [],
        homeId: values.homeId ?? null,
        activityId: values.activityId ?? null,
      };
      return proposal ? updateProposal(proposal.id, input) : createProposal(input);
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData([PROPOSAL_KEY, saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: [PROPOSALS_KEY] });
      void navigate(proposalPath(saved.id));
    },
    onError: (error) => setFormErrors(applyServerErrors(form, error, FIELDS)),
  });

  const half = { xs: 24, md: 12 };
  const required = (label: string) => [{ required: true, message: t('common.required', { label }) }];

  return (
    <FormPage<ProposalValues>
      title={proposal ? t('proposals.editTitle') : t('proposals.create')}
      back={proposal ? proposalPath(proposal.id) : '/proposals'}
      errorsTitle={t('outputs.saveFailed')}
      formErrors={formErrors}
      saving={save.isPending}
      form={form}
      name="proposal"
      initialValues={{
        title: proposal?.title,
        number: proposal?.number ?? undefined,
        submittedOn: day(proposal?.submittedOn) ?? beijingToday(),
        status: proposal?.status ?? 'pending',
        decidedOn: day(proposal?.decidedOn),
        handlingResult: proposal?.handlingResult ?? undefined,
        leadMemberId: proposal?.lead.id,
        cosignerMemberIds: proposal?.cosigners.map((member) => member.id) ?? [],
        homeId: proposal?.homeId,
        activityId: proposal?.activityId,
      }}
      onFinish={(values) => {
        setFormErrors([]);
        save.mutate(values);
      }}
    >
      <Card size="small" title={t('proposals.section')}>
        <Form.Item
          label={t('proposals.titleLabel')}
          name="title"
          rules={[{ ...required(t('proposals.titleLabel'))[0], whitespace: true }]}
        >
          <Input autoComplete="off" maxLength={200} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item label={t('proposals.number')} name="number">
              <Input autoComplete="off" maxLength={30} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={t('proposals.submittedOn')}
              name="submittedOn"
              rules={required(t('proposals.submittedOn'))}
            >
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('proposals.lead')} name="leadMemberId" rules={required(t('proposals.lead'))}>
              <MemberSelect
                known={proposal ? [proposal.lead] : undefined}
                placeholder={t('homes.form.memberPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('proposals.cosigners')} name="cosignerMemberIds">
              <MemberSelect
                multiple
                known={proposal?.cosigners}
                placeholder={t('homes.form.memberPlaceholder')}
              />
            </Form.Item>
          </Col>
        </Row>
        <OutputOriginFields
          home={proposal?.homeId ? { id: proposal.homeId, name: proposal.homeName ?? proposal.homeId } : null}
          activity={
            proposal?.activityId
              ? { id: proposal.activityId, name: proposal.activityTitle ?? proposal.activityId }
              : null
          }
        />
      </Card>
      <Card size="small" title={t('proposals.handlingSection')}>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item label={t('proposals.status')} name="status">
              <Select
                options={PROPOSAL_STATUSES.map((status) => ({
                  value: status,
                  label: t(`proposalStatuses.${status}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('proposals.decidedOn')} name="decidedOn">
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('proposals.handlingResult')} name="handlingResult">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={5000} />
        </Form.Item>
      </Card>
    </FormPage>
  );
}
