import { PrinterOutlined, SolutionOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Empty,
  Flex,
  Row,
  Table,
  Timeline,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ParseKeys, TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { OpinionAction } from '../../../domain/opinion-workflow';
import { allows } from '../../api/allowed';
import { useOpinion } from '../../api/opinions';
import type { OpinionDetail, OpinionStep, OpinionSubmission } from '../../api/types';
import { formatDateTime, joinParts } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import {
  OpinionFlagTags,
  OpinionStatusTag,
  ProblemStatusTag,
  SatisfactionTag,
} from '../../components/OpinionTags';
import {
  adoptionLevelLabel,
  isOpinionAction,
  isOpinionStatus,
  opinionActionLabel,
  opinionChannelLabel,
  opinionStatusLabel,
} from '../../components/opinionLabels';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { DraftSections } from './DraftSections';
import { DANGER_ACTIONS, OpinionTransitionModal } from './OpinionTransitionModal';
import { opinionPath, PlainText, problemPath } from './opinionParts';

interface TransitionState {
  action?: OpinionAction;
  open: boolean;
  seq: number;
}

/**
 * 社情民意 detail (/opinions/:id): what the citizen wrote, the member's 社情民意信息, the office's
 * decision and the reply, every step, and the actions the server allows the caller.
 */
export default function OpinionDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const opinion = useOpinion(id);
  const [transition, setTransition] = useState<TransitionState>({ open: false, seq: 0 });

  if (opinion.isPending) return <PageLoading />;
  if (opinion.isError) return <LoadError page error={opinion.error} onRetry={() => void opinion.refetch()} />;
  const data = opinion.data;
  const actions = data.allowedActions.filter(isOpinionAction);
  const main = actions.find((action) => !DANGER_ACTIONS.includes(action));
  // 登记解难纾困 is a record action the server lists with the steps
  const canCreateProblem = allows(data, 'create_problem');

  return (
    <>
      <PageHeader
        title={<span style={{ wordBreak: 'break-word' }}>{data.title}</span>}
        back="/opinions"
        tags={
          <Flex gap={4} wrap>
            <OpinionStatusTag status={data.status} />
            <OpinionFlagTags flags={data.flags} />
          </Flex>
        }
        extra={
          <>
            {actions.map((action) => (
              <Button
                key={action}
                type={action === main ? 'primary' : 'default'}
                danger={DANGER_ACTIONS.includes(action)}
                onClick={() => setTransition((prev) => ({ action, open: true, seq: prev.seq + 1 }))}
              >
                {opinionActionLabel(t, action)}
              </Button>
            ))}
            {canCreateProblem ? (
              <Button
                icon={<SolutionOutlined aria-hidden />}
                onClick={() => void navigate(`/problems/new?opinionId=${encodeURIComponent(data.id)}`)}
              >
                {t('opinions.detail.toProblem')}
              </Button>
            ) : null}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('opinions.detail.citizenText')}>
              <Flex vertical gap={16}>
                <OpinionFacts opinion={data} />
                <PlainText style={{ fontSize: 15, lineHeight: 1.8 }}>{data.content}</PlainText>
                <Submissions submissions={data.submissions} />
              </Flex>
            </Card>
            <Card
              size="small"
              title={t('opinions.detail.draft')}
              extra={
                data.draft ? (
                  <Button
                    size="small"
                    icon={<PrinterOutlined aria-hidden />}
                    onClick={() => void navigate(`${opinionPath(data.id)}/print`)}
                  >
                    {t('opinions.detail.printDraft')}
                  </Button>
                ) : null
              }
            >
              {data.draft ? (
                <DraftSections draft={data.draft} />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opinions.detail.noDraft')} />
              )}
            </Card>
            <Card size="small" title={t('opinions.detail.outcome')}>
              <Outcome opinion={data} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={9}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('opinions.detail.steps')}>
              <Steps opinion={data} />
            </Card>
            <Card size="small" title={t('opinions.detail.problems')}>
              <LinkedProblems opinion={data} />
            </Card>
          </Flex>
        </Col>
      </Row>
      {transition.action ? (
        <OpinionTransitionModal
          key={transition.seq}
          open={transition.open}
          opinion={data}
          action={transition.action}
          onClose={() => setTransition((prev) => ({ ...prev, open: false }))}
        />
      ) : null}
    </>
  );
}

function OpinionFacts({ opinion }: { opinion: OpinionDetail }) {
  const { t } = useTranslation();
  const items: DescriptionsProps['items'] = [
    {
      key: 'trackingCode',
      label: t('opinions.trackingCode'),
      children: <Typography.Text copyable>{opinion.trackingCode}</Typography.Text>,
    },
    {
      key: 'sentTo',
      label: t('opinions.sentTo'),
      children: opinion.homeId ? (
        <Link to={`/homes/${encodeURIComponent(opinion.homeId)}`}>{opinion.homeName ?? opinion.homeId}</Link>
      ) : (
        (opinion.regionName ?? '-')
      ),
    },
    { key: 'channel', label: t('opinions.channel'), children: opinionChannelLabel(t, opinion.channel) },
    {
      key: 'receivedAt',
      label: t('opinions.receivedAt'),
      children: formatDateTime(opinion.receivedAt, false),
    },
    {
      key: 'assigned',
      label: t('opinions.assignedMember'),
      children: opinion.assignedMemberName ?? t('opinions.unassigned'),
    },
  ];
  return <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items} />;
}

/** Who sent it: the first submission and any identical ones merged into it. */
function Submissions({ submissions }: { submissions: OpinionSubmission[] }) {
  const { t } = useTranslation();
  if (submissions.length === 0) return null;
  const columns: ColumnsType<OpinionSubmission> = [
    { title: t('opinions.receivedAt'), key: 'at', render: (_, s) => formatDateTime(s.at, false) },
    { title: t('opinions.form.name'), key: 'name', render: (_, s) => s.name ?? '-' },
    {
      title: t('opinions.form.phone'),
      key: 'phone',
      render: (_, s) =>
        s.phone ? (
          <span>
            {s.phone}
            {s.contactConsent ? null : (
              <Typography.Text type="secondary"> ({t('opinions.detail.noConsent')})</Typography.Text>
            )}
          </span>
        ) : (
          <Typography.Text type="secondary">{t('opinions.detail.noContact')}</Typography.Text>
        ),
    },
    {
      title: t('opinions.channel'),
      key: 'channel',
      render: (_, s) =>
        joinParts([
          opinionChannelLabel(t, s.channel),
          s.enteredByName ? t('opinions.detail.enteredBy', { name: s.enteredByName }) : null,
        ]),
    },
    { title: t('opinions.trackingCode'), key: 'trackingCode', render: (_, s) => s.trackingCode },
  ];
  return (
    <div>
      <Typography.Title level={4} style={{ fontSize: 14, margin: '0 0 8px' }}>
        {t('opinions.detail.submissions')}
      </Typography.Title>
      <Table<OpinionSubmission>
        size="small"
        rowKey={(s) => `${s.trackingCode}:${s.at}`}
        columns={columns}
        dataSource={submissions}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </div>
  );
}

/** The office's decision and the reply to the citizen. */
function Outcome({ opinion }: { opinion: OpinionDetail }) {
  const { t } = useTranslation();
  if (!opinion.decision && !opinion.reply) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opinions.detail.noOutcome')} />;
  }
  const kind = typeof opinion.decision?.kind === 'string' ? opinion.decision.kind : null;
  const items: DescriptionsProps['items'] = [];
  if (opinion.decision) {
    items.push({
      key: 'kind',
      label: t('opinions.transition.kind'),
      children: kind ? (
        isOpinionStatus(kind) ? (
          <OpinionStatusTag status={kind} />
        ) : (
          opinionActionLabel(t, kind)
        )
      ) : (
        '-'
      ),
    });
    for (const fact of dataFacts(t, kind ?? '', opinion.decision, opinion)) {
      items.push({ key: fact.key, label: fact.label, children: <PlainText>{fact.value}</PlainText> });
    }
    if (opinion.decidedAt) {
      items.push({
        key: 'decidedAt',
        label: t('opinions.detail.decidedAt'),
        children: formatDateTime(opinion.decidedAt, false),
      });
    }
  }
  if (opinion.reply) {
    items.push({
      key: 'reply',
      label: t('opinions.detail.reply'),
      children: (
        <Flex vertical gap={4}>
          <PlainText>{opinion.reply}</PlainText>
          <Typography.Text type="secondary">
            {opinion.replyPublic ? t('opinions.detail.replyPublic') : t('opinions.detail.replyPrivate')}
            {opinion.repliedAt ? ` · ${formatDateTime(opinion.repliedAt, false)}` : ''}
          </Typography.Text>
        </Flex>
      ),
    });
  }
  return <Descriptions size="small" bordered column={1} items={items} />;
}

interface Fact {
  key: string;
  label: string;
  value: string;
}

const REASON_LABELS: Partial<Record<string, ParseKeys>> = {
  return: 'opinions.transition.returnReason',
  decline: 'opinions.transition.declineReason',
  not_adopted: 'opinions.transition.declineReason',
  dismiss: 'opinions.transition.dismissReason',
};

// The parts of the 社情民意信息 are shown in full above, not in each step.
const HIDDEN_KEYS = new Set(['kind', 'reporter', 'situation', 'analysis', 'suggestion', 'memberName']);

/** The `data` of a step (or the decision) as labelled lines; unknown keys as sent. */
function dataFacts(t: TFunction, action: string, data: unknown, opinion: OpinionDetail): Fact[] {
  if (typeof data !== 'object' || data === null) return [];
  const record = data as Record<string, unknown>;
  const facts: Fact[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (HIDDEN_KEYS.has(key) || value === null || value === undefined || value === '') continue;
    switch (key) {
      case 'memberId': {
        const name =
          (typeof record.memberName === 'string' ? record.memberName : undefined) ??
          opinion.assignableMembers.find((member) => member.id === value)?.name;
        if (name) facts.push({ key, label: t('opinions.transition.member'), value: name });
        break;
      }
      case 'reason':
        facts.push({
          key,
          label: t(REASON_LABELS[action] ?? 'opinions.transition.reason'),
          value: String(value),
        });
        break;
      case 'level':
        facts.push({
          key,
          label: t('opinions.transition.level'),
          value: adoptionLevelLabel(t, String(value)),
        });
        break;
      case 'channel':
        facts.push({ key, label: t('opinions.channel'), value: opinionChannelLabel(t, String(value)) });
        break;
      case 'public':
        facts.push({
          key,
          label: t('opinions.transition.replyPublic'),
          value: value === true ? t('common.yes') : t('common.no'),
        });
        break;
      case 'department':
      case 'forwardedOn':
      case 'leader':
      case 'instructedOn':
      case 'instruction':
      case 'reply':
        facts.push({ key, label: t(`opinions.transition.${key}`), value: String(value) });
        break;
      default:
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
          facts.push({ key, label: key, value: String(value) });
        }
    }
  }
  return facts;
}

function stepLabel(t: TFunction, step: OpinionStep): string {
  if (step.fromStatus === null) return t('opinions.detail.received');
  return isOpinionAction(step.action) ? opinionActionLabel(t, step.action) : step.action;
}

const STEP_COLORS: Record<string, string> = { closed: 'gray', not_adopted: 'red', replied: 'green' };

/** 办理过程: every step, oldest first. */
function Steps({ opinion }: { opinion: OpinionDetail }) {
  const { t } = useTranslation();
  if (opinion.steps.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opinions.detail.noSteps')} />;
  }
  return (
    <Timeline
      style={{ paddingTop: 8 }}
      items={opinion.steps.map((step, index) => ({
        key: `${index}:${step.at}`,
        color:
          step.action === 'return' || step.action === 'dismiss'
            ? 'red'
            : (STEP_COLORS[step.toStatus] ?? 'blue'),
        content: (
          <Flex vertical gap={2}>
            <Flex gap={8} wrap align="center">
              <Typography.Text strong>{stepLabel(t, step)}</Typography.Text>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(step.at, false)}
              </Typography.Text>
            </Flex>
            <Typography.Text type="secondary">
              {joinParts([
                step.actorName
                  ? `${t('common.labelled', { label: t('opinions.detail.actor') })}${step.actorName}`
                  : null,
                isOpinionStatus(step.toStatus) ? opinionStatusLabel(t, step.toStatus) : step.toStatus,
              ])}
            </Typography.Text>
            {dataFacts(t, step.action, step.data, opinion).map((fact) => (
              <PlainText key={fact.key}>
                {`${t('common.labelled', { label: fact.label })}${fact.value}`}
              </PlainText>
            ))}
            {step.comment ? (
              <PlainText>{`${t('common.labelled', { label: t('opinions.transition.comment') })}${step.comment}`}</PlainText>
            ) : null}
          </Flex>
        ),
      }))}
    />
  );
}

/** The 解难纾困 items made from this opinion. */
function LinkedProblems({ opinion }: { opinion: OpinionDetail }) {
  const { t } = useTranslation();
  if (opinion.problems.length === 0) {
    return <Typography.Text type="secondary">{t('opinions.detail.noProblems')}</Typography.Text>;
  }
  return (
    <Flex vertical gap={8}>
      {opinion.problems.map((problem) => (
        <Flex key={problem.id} gap={8} wrap align="center" justify="space-between">
          <Link to={problemPath(problem.id)} style={{ wordBreak: 'break-word' }}>
            {problem.title}
          </Link>
          <Flex gap={4}>
            <ProblemStatusTag status={problem.status} />
            {problem.satisfaction !== null ? <SatisfactionTag value={problem.satisfaction} /> : null}
          </Flex>
        </Flex>
      ))}
    </Flex>
  );
}
