import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Card, Descriptions, Drawer, Flex, Form, Grid, Input, InputNumber, Skeleton, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '../../api/allowed';
import { ROUND_KEY, scoreHome, useRoundHome, writeSelfSummary } from '../../api/evaluation';
import type { EvaluationRound, ReviewerScore, RoundHomeDetail, RubricItemRow } from '../../api/types';
import { useSession } from '../../auth/session';
import { FormButtons, FormErrors } from '../../components/FormErrors';
import { LoadError } from '../../components/LoadError';
import { applyServerErrors } from '../../components/serverErrors';
import { PlainText } from '../opinions/opinionParts';
import { byReviewers, FACT_KEYS, GradeTag } from './evaluationParts';

/**
 * One home of a round, in a drawer: what reviewers weigh (the year's facts, the self-summary,
 * others' scores), the scoring form for a reviewer and the self-summary form for the director.
 */
export function HomeDrawer({
  round,
  homeId,
  onClose,
}: {
  round: EvaluationRound;
  homeId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const home = useRoundHome(round.id, homeId);
  const name = round.homeEntries.find((entry) => entry.homeId === homeId)?.name ?? '';

  return (
    <Drawer open title={name} size={screens.md ? 720 : '100%'} onClose={onClose} destroyOnHidden>
      {home.isPending ? (
        <Skeleton active />
      ) : home.isError ? (
        <LoadError error={home.error} onRetry={() => void home.refetch()} />
      ) : (
        <Flex vertical gap={16}>
          <HomeFacts home={home.data} rubric={round.rubric} />
          {allows(home.data, 'write_summary') ? (
            <SelfSummaryForm roundId={round.id} home={home.data} />
          ) : (
            <Card size="small" title={t('evaluation.selfSummary')}>
              <PlainText>{home.data.selfSummary}</PlainText>
            </Card>
          )}
          {allows(home.data, 'score') ? <ScoreForm round={round} home={home.data} /> : null}
          <Scores scores={home.data.scores} rubric={round.rubric} />
        </Flex>
      )}
    </Drawer>
  );
}

function HomeFacts({ home, rubric }: { home: RoundHomeDetail; rubric: RubricItemRow[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('evaluation.yearFacts')}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          ...FACT_KEYS.map((key) => ({
            key,
            label: t(`evaluation.factLabels.${key}`),
            children: home.facts?.[key] ?? '-',
          })),
          ...rubric.map((item) => ({
            key: item.key,
            label: item.label,
            children: t('evaluation.pointsOfMax', { points: home.items[item.key] ?? 0, max: item.max }),
          })),
          { key: 'total', label: t('evaluation.total'), children: home.total ?? '-' },
          { key: 'grade', label: t('evaluation.grade'), children: <GradeTag grade={home.grade} /> },
        ]}
      />
    </Card>
  );
}

/** The director's 自评总结, started from the home's 年度工作总结 when there is none yet. */
function SelfSummaryForm({ roundId, home }: { roundId: string; home: RoundHomeDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ content: string }>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: (content: string) => writeSelfSummary(roundId, home.homeId, content),
    onSuccess: async (saved) => {
      queryClient.setQueryData([ROUND_KEY, roundId, 'home', home.homeId], saved);
      void message.success(t('evaluation.summarySaved'));
      await queryClient.invalidateQueries({ queryKey: [ROUND_KEY, roundId], exact: true });
    },
    onError: (error) => setFormErrors(applyServerErrors(form, error, ['content'])),
  });
  const label = t('evaluation.selfSummary');
  return (
    <Card size="small" title={label}>
      <FormErrors title={t('evaluation.actionFailed')} errors={formErrors} />
      <Form<{ content: string }>
        form={form}
        name="self-summary"
        layout="vertical"
        disabled={save.isPending}
        initialValues={{ content: home.selfSummary ?? home.yearSummary ?? '' }}
        onFinish={(values) => {
          setFormErrors([]);
          save.mutate(values.content.trim());
        }}
      >
        <Form.Item
          name="content"
          extra={home.selfSummary ? undefined : t('evaluation.summaryFromYear')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { label }) }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 6, maxRows: 20 }}
            maxLength={20000}
            showCount
            aria-label={label}
          />
        </Form.Item>
        <FormButtons onCancel={() => form.resetFields()} saving={save.isPending} />
      </Form>
    </Card>
  );
}

interface ScoreValues {
  items: Record<string, { score?: number | null; comment?: string }>;
}

/** A reviewer's scores of the reviewer items, each 0…max, with a comment. */
function ScoreForm({ round, home }: { round: EvaluationRound; home: RoundHomeDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data: session } = useSession();
  const [form] = Form.useForm<ScoreValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const items = round.rubric.filter(byReviewers);
  const mine = home.scores.filter((score) => score.reviewerId === session?.user.id);

  const save = useMutation({
    mutationFn: (values: ScoreValues) =>
      scoreHome(round.id, home.homeId, {
        items: items.map((item) => ({
          item: item.key,
          score: values.items[item.key]?.score ?? 0,
          comment: values.items[item.key]?.comment?.trim() || null,
        })),
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData([ROUND_KEY, round.id, 'home', home.homeId], saved);
      void message.success(t('evaluation.scored'));
      await queryClient.invalidateQueries({ queryKey: [ROUND_KEY, round.id], exact: true });
    },
    onError: (error) => setFormErrors(applyServerErrors(form, error, [])),
  });

  return (
    <Card size="small" title={t('evaluation.myScores')}>
      <FormErrors title={t('evaluation.actionFailed')} errors={formErrors} />
      <Form<ScoreValues>
        form={form}
        name="scores"
        layout="vertical"
        disabled={save.isPending}
        initialValues={{
          items: Object.fromEntries(
            items.map((item) => {
              const own = mine.find((score) => score.item === item.key);
              return [item.key, { score: own?.score ?? null, comment: own?.comment ?? undefined }];
            }),
          ),
        }}
        onFinish={(values) => {
          setFormErrors([]);
          save.mutate(values);
        }}
      >
        {items.map((item) => (
          <Flex key={item.key} gap={12} wrap align="flex-start">
            <Form.Item
              label={t('evaluation.scoreOf', { item: item.label, max: item.max })}
              name={['items', item.key, 'score']}
              rules={[{ required: true, message: t('common.required', { label: item.label }) }]}
            >
              <InputNumber min={0} max={item.max} precision={0} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item
              label={t('evaluation.comment')}
              name={['items', item.key, 'comment']}
              style={{ flex: 1, minWidth: 220 }}
            >
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </Flex>
        ))}
        <FormButtons onCancel={() => form.resetFields()} saving={save.isPending} />
      </Form>
    </Card>
  );
}

function Scores({ scores, rubric }: { scores: ReviewerScore[]; rubric: RubricItemRow[] }) {
  const { t } = useTranslation();
  const label = (key: string) => rubric.find((item) => item.key === key)?.label ?? key;
  return (
    <Card size="small" title={t('evaluation.reviewerScores')}>
      <Table<ReviewerScore>
        size="small"
        rowKey={(score) => `${score.reviewerId}:${score.item}`}
        pagination={false}
        dataSource={scores}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('evaluation.reviewer'), dataIndex: 'reviewerName', key: 'reviewer' },
          { title: t('evaluation.item'), key: 'item', render: (_, score) => label(score.item) },
          { title: t('evaluation.scoreLabel'), dataIndex: 'score', key: 'score', align: 'right' },
          {
            title: t('evaluation.comment'),
            key: 'comment',
            render: (_, score) => <PlainText style={{ maxWidth: 320 }}>{score.comment}</PlainText>,
          },
        ]}
      />
    </Card>
  );
}
