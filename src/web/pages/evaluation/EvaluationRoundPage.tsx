import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Steps, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ROUND_ACTIONS, ROUND_STATUSES, type RoundAction } from '../../../domain/evaluation';
import { allows } from '../../api/allowed';
import { errorMessage } from '../../api/client';
import {
  certificatesPdfPath,
  noticePdfPath,
  ROUND_KEY,
  ROUNDS_KEY,
  transitionRound,
  useRound,
} from '../../api/evaluation';
import type { EvaluationRound, RoundHome, RubricItemRow } from '../../api/types';
import { homeLevelLabel } from '../../components/homeLabels';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { FormModal } from '../records/FormModal';
import { ReasonModal } from '../records/recordParts';
import { CommendationsCard } from './CommendationsCard';
import { byReviewers, GradeTag, RoundStatusTag, stepWarnings } from './evaluationParts';
import { HomeDrawer } from './HomeDrawer';
import { PublicationCard } from './PublicationCard';
import { ReviewersCard } from './ReviewersCard';

/**
 * One evaluation round (/evaluation/:id): its steps, the rubric, the reviewers, every home's
 * points, grade and place; scoring for reviewers, self-summaries for directors, the commendations
 * and the published results.
 */
export default function EvaluationRoundPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const round = useRound(id);
  const [homeId, setHomeId] = useState<string | null>(null);

  if (round.isPending) return <PageLoading />;
  if (round.isError) return <LoadError page error={round.error} onRetry={() => void round.refetch()} />;
  const data = round.data;

  return (
    <>
      <PageHeader
        title={data.title}
        back={`/evaluation?year=${data.year}`}
        tags={<RoundStatusTag status={data.status} />}
        extra={
          <>
            <RoundActions round={data} />
            {data.publications.length > 0 ? (
              <>
                <Button icon={<PrinterOutlined aria-hidden />} href={noticePdfPath(data.id)} target="_blank">
                  {t('evaluation.printNotice')}
                </Button>
                <Button
                  icon={<PrinterOutlined aria-hidden />}
                  href={certificatesPdfPath(data.id)}
                  target="_blank"
                >
                  {t('evaluation.printCertificates')}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card size="small">
          <Flex vertical gap={12}>
            <Typography.Text type="secondary">
              {t('evaluation.facts', {
                level: homeLevelLabel(t, data.level),
                owner: data.ownerUnitName,
                homes: data.homes,
                summaries: data.selfSummaries,
              })}
            </Typography.Text>
            <Steps
              size="small"
              current={ROUND_STATUSES.indexOf(data.status)}
              items={ROUND_STATUSES.map((status) => ({ title: t(`roundStatuses.${status}`) }))}
            />
          </Flex>
        </Card>
        <HomesTable round={data} onOpen={setHomeId} />
        {allows(data, 'set_commendations') ? <CommendationsCard round={data} /> : null}
        {data.publications.length > 0 ? (
          // a new revision resets the choice to the latest
          <PublicationCard key={data.publications.length} round={data} />
        ) : null}
        <RubricCard rubric={data.rubric} />
        <ReviewersCard round={data} />
      </Flex>
      {homeId ? <HomeDrawer round={data} homeId={homeId} onClose={() => setHomeId(null)} /> : null}
    </>
  );
}

const ROUND_STEPS = Object.keys(ROUND_ACTIONS) as RoundAction[];

/** The buttons of the steps the organiser may take now; 修订 asks for a reason, the others confirm. */
function RoundActions({ round }: { round: EvaluationRound }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [revising, setRevising] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const done = async (saved: EvaluationRound, action: RoundAction) => {
    queryClient.setQueryData([ROUND_KEY, saved.id], saved);
    void message.success(t('evaluation.actionDone', { action: t(`roundActions.${action}`) }));
    // What hangs off the round changes with a step too: a new published revision becomes the
    // latest, and the homes' points are computed again.
    await Promise.all([
      queryClient.invalidateQueries({
        queryKey: [ROUND_KEY, saved.id],
        predicate: (query) => query.queryKey.length > 2,
      }),
      queryClient.invalidateQueries({ queryKey: [ROUNDS_KEY] }),
    ]);
  };
  const step = useMutation({
    mutationFn: (action: RoundAction) => transitionRound(round.id, action),
    onSuccess: (saved, action) => done(saved, action),
    onError: (error) => void message.error(errorMessage(error)),
  });

  const ask = (action: RoundAction) => {
    const warnings = stepWarnings(round, action, t);
    modal.confirm({
      title: t('evaluation.actionConfirm', { action: t(`roundActions.${action}`) }),
      width: 480,
      content: (
        <Flex vertical gap={8}>
          <span>{t(`roundActionHints.${action}`)}</span>
          <StepWarnings warnings={warnings} />
        </Flex>
      ),
      okText: t(`roundActions.${action}`),
      cancelText: t('common.cancel'),
      onOk: () => step.mutateAsync(action).catch(() => undefined),
    });
  };

  return (
    <>
      {ROUND_STEPS.filter((action) => allows(round, action)).map((action) => (
        <Button
          key={action}
          type={action === 'publish' || action === 'confirm' ? 'primary' : 'default'}
          loading={step.isPending && step.variables === action}
          onClick={() =>
            action === 'revise' ? setRevising(true) : action === 'publish' ? setPublishing(true) : ask(action)
          }
        >
          {t(`roundActions.${action}`)}
        </Button>
      ))}
      {publishing ? (
        <FormModal<{ documentNumber: string }, EvaluationRound>
          title={t('evaluation.actionConfirm', { action: t('roundActions.publish') })}
          okText={t('roundActions.publish')}
          errorsTitle={t('evaluation.publishFailed')}
          name="publish"
          fields={['documentNumber']}
          submit={(values) => transitionRound(round.id, 'publish', undefined, values.documentNumber.trim())}
          onDone={(saved) => done(saved, 'publish')}
          onClose={() => setPublishing(false)}
        >
          <Flex vertical gap={8} style={{ marginBottom: 12 }}>
            <span>{t('roundActionHints.publish')}</span>
            <StepWarnings warnings={stepWarnings(round, 'publish', t)} />
          </Flex>
          <Form.Item
            label={t('evaluation.documentNumber')}
            name="documentNumber"
            extra={t('evaluation.documentNumberHint')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('common.required', { label: t('evaluation.documentNumber') }),
              },
            ]}
          >
            <Input maxLength={40} autoComplete="off" />
          </Form.Item>
        </FormModal>
      ) : null}
      {revising ? (
        <ReasonModal<EvaluationRound>
          title={t('roundActions.revise')}
          okText={t('roundActions.revise')}
          label={t('evaluation.reviseReason')}
          hint={<Typography.Paragraph type="secondary">{t('roundActionHints.revise')}</Typography.Paragraph>}
          submit={(reason) => transitionRound(round.id, 'revise', reason)}
          onDone={(saved) => done(saved, 'revise')}
          onClose={() => setRevising(false)}
        />
      ) : null}
    </>
  );
}

/** What a step would leave undone (homes unscored, no commendation), said before it is taken. */
function StepWarnings({ warnings }: { warnings: string[] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('evaluation.warnTitle')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      }
    />
  );
}

function HomesTable({ round, onOpen }: { round: EvaluationRound; onOpen: (homeId: string) => void }) {
  const { t } = useTranslation();
  const reviewers = round.reviewers.length;
  const columns: ColumnsType<RoundHome> = [
    { title: t('evaluation.rank'), key: 'rank', width: 60, render: (_, home) => home.rank ?? '-' },
    {
      title: t('evaluation.home'),
      key: 'name',
      render: (_, home) => (
        <Button
          type="link"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
          onClick={() => onOpen(home.homeId)}
        >
          {home.name}
        </Button>
      ),
    },
    ...round.rubric.map((item) => ({
      title: (
        <span title={item.label}>
          {item.label}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            /{item.max}
          </Typography.Text>
        </span>
      ),
      key: item.key,
      align: 'right' as const,
      render: (_: unknown, home: RoundHome) => home.items[item.key] ?? '-',
    })),
    {
      title: t('evaluation.total'),
      key: 'total',
      align: 'right',
      render: (_, home) => <strong>{home.total ?? '-'}</strong>,
    },
    { title: t('evaluation.grade'), key: 'grade', render: (_, home) => <GradeTag grade={home.grade} /> },
    {
      title: t('evaluation.reviewersDone'),
      key: 'reviewersDone',
      render: (_, home) => t('evaluation.doneOf', { done: home.reviewersDone, total: reviewers }),
    },
    {
      title: t('evaluation.selfSummary'),
      key: 'selfSummary',
      render: (_, home) =>
        home.submittedAt ? (
          <Tag color="green">{t('evaluation.submitted')}</Tag>
        ) : (
          <Tag>{t('evaluation.notSubmitted')}</Tag>
        ),
    },
    {
      title: t('evaluation.commended'),
      key: 'commended',
      render: (_, home) => (home.commended ? <Tag color="red">{t('evaluation.commended')}</Tag> : null),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, home) => (
        <Button size="small" onClick={() => onOpen(home.homeId)}>
          {allows(home, 'score')
            ? t('evaluation.score')
            : allows(home, 'write_summary')
              ? t('evaluation.writeSummary')
              : t('common.view')}
        </Button>
      ),
    },
  ];
  return (
    <Card size="small" title={t('evaluation.results')}>
      <Table<RoundHome>
        rowKey="homeId"
        size="small"
        columns={columns}
        dataSource={round.homeEntries}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}

function RubricCard({ rubric }: { rubric: RubricItemRow[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('evaluation.rubric')}>
      <Table<RubricItemRow>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rubric}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('evaluation.group'), dataIndex: 'group', key: 'group' },
          {
            title: t('evaluation.item'),
            key: 'label',
            render: (_, item) => (
              <>
                {item.label} {item.bonus ? <Tag color="gold">{t('evaluation.bonus')}</Tag> : null}
              </>
            ),
          },
          { title: t('evaluation.max'), dataIndex: 'max', key: 'max', align: 'right' },
          {
            title: t('evaluation.source'),
            key: 'source',
            render: (_, item) =>
              byReviewers(item) ? (
                <Tag color="blue">{t('evaluation.sourceReviewer')}</Tag>
              ) : (
                <Tag>{t('evaluation.sourceComputed')}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
