import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Select, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '../../api/allowed';
import { errorMessage, isApiError } from '../../api/client';
import { ROUND_KEY, setReviewers, useReviewerCandidates } from '../../api/evaluation';
import type { EvaluationRound } from '../../api/types';
import { FormErrors } from '../../components/FormErrors';
import { LoadError } from '../../components/LoadError';
import { roleLabel } from '../../components/RoleTags';

/**
 * 评审人员. The round's owner chooses them among the candidates the server offers (staff and vice
 * chairs of the round's level); the others see the list as it is.
 */
export function ReviewersCard({ round }: { round: EvaluationRound }) {
  const { t } = useTranslation();
  const mayPick = allows(round, 'set_reviewers');
  return (
    <Card size="small" title={t('evaluation.reviewers')}>
      {mayPick ? (
        <ReviewerPicker round={round} />
      ) : (
        <Flex gap={8} wrap>
          {round.reviewers.length === 0 ? (
            <Typography.Text type="secondary">{t('evaluation.noReviewers')}</Typography.Text>
          ) : (
            round.reviewers.map((reviewer) => <Tag key={reviewer.userId}>{reviewer.displayName}</Tag>)
          )}
        </Flex>
      )}
    </Card>
  );
}

function ReviewerPicker({ round }: { round: EvaluationRound }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const candidates = useReviewerCandidates(round.id, true);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const current = round.reviewers.map((reviewer) => reviewer.userId);

  // The current reviewers stay listed even should they no longer be candidates.
  const options = useMemo(() => {
    const listed = (candidates.data ?? []).map((candidate) => ({
      value: candidate.userId,
      label: candidate.displayName,
      roles: [...new Set(candidate.roles.map((role) => roleLabel(t, role)))].join('、'),
    }));
    const known = new Set(listed.map((option) => option.value));
    const others = round.reviewers
      .filter((reviewer) => !known.has(reviewer.userId))
      .map((reviewer) => ({ value: reviewer.userId, label: reviewer.displayName, roles: '' }));
    return [...others, ...listed];
  }, [candidates.data, round.reviewers, t]);

  const save = useMutation({
    mutationFn: (userIds: string[]) => setReviewers(round.id, userIds),
    onSuccess: (saved) => {
      queryClient.setQueryData([ROUND_KEY, saved.id], saved);
      setChosen(null);
      void message.success(t('evaluation.reviewersSaved'));
    },
    onError: (error) =>
      setErrors([
        isApiError(error) && error.fields ? Object.values(error.fields).join('；') : errorMessage(error),
      ]),
  });

  return (
    <Flex vertical gap={8}>
      <FormErrors title={t('evaluation.actionFailed')} errors={errors} />
      {candidates.isError ? (
        <LoadError error={candidates.error} onRetry={() => void candidates.refetch()} />
      ) : null}
      <Select<string[]>
        mode="multiple"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        loading={candidates.isPending}
        options={options}
        optionRender={(option) => (
          <span>
            {option.data.label}
            {option.data.roles ? (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {option.data.roles}
              </Typography.Text>
            ) : null}
          </span>
        )}
        value={chosen ?? current}
        onChange={setChosen}
        placeholder={t('evaluation.reviewersPlaceholder')}
        aria-label={t('evaluation.reviewers')}
      />
      <Button
        type="primary"
        style={{ alignSelf: 'flex-start' }}
        disabled={chosen === null}
        loading={save.isPending}
        onClick={() => {
          setErrors([]);
          save.mutate(chosen ?? current);
        }}
      >
        {t('common.save')}
      </Button>
    </Flex>
  );
}
