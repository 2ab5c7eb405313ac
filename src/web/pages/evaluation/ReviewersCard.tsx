import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client';
import { ROUND_KEY, setReviewers } from '../../api/evaluation';
import { ABILITIES, type EvaluationRound, type Page, type UserAdmin } from '../../api/types';
import { USERS_KEY } from '../../api/users';
import { hasAbility, useSession } from '../../auth/session';
import { FormErrors } from '../../components/FormErrors';
import { type RemoteOption, RemoteSelect } from '../../components/RemoteSelect';

const searchUsers = (q: string, signal: AbortSignal) =>
  api
    .get<Page<UserAdmin>>('/users', { q: q || undefined, pageSize: 20 }, { signal })
    .then((page) => page.items);
const userOption = (user: UserAdmin): RemoteOption => ({
  value: user.id,
  label: user.displayName,
  detail: user.username,
});

/**
 * 评审人员. Choosing them needs the user list, which only user managers may search (GET /users);
 * others see the list as it is.
 */
export function ReviewersCard({ round }: { round: EvaluationRound }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data: session } = useSession();
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const mayPick = round.mayRun && round.status !== 'published' && hasAbility(session, ABILITIES.userManage);

  const save = useMutation({
    mutationFn: (userIds: string[]) => setReviewers(round.id, userIds),
    onSuccess: (saved) => {
      queryClient.setQueryData([ROUND_KEY, saved.id], saved);
      setChosen(null);
      void message.success(t('evaluation.reviewersSaved'));
    },
    onError: (error) =>
      setErrors([
        isApiError(error) && error.fields ? Object.values(error.fields).join('；') : String(error.message),
      ]),
  });

  const current = round.reviewers.map((reviewer) => reviewer.userId);
  return (
    <Card size="small" title={t('evaluation.reviewers')}>
      {mayPick ? (
        <Flex vertical gap={8}>
          <FormErrors title={t('evaluation.actionFailed')} errors={errors} />
          <RemoteSelect<UserAdmin>
            multiple
            queryKey={USERS_KEY}
            search={searchUsers}
            toOption={userOption}
            known={round.reviewers.map((r) => ({ value: r.userId, label: r.displayName, detail: '' }))}
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
      ) : (
        <Flex vertical gap={8}>
          <Flex gap={8} wrap>
            {round.reviewers.length === 0 ? (
              <Typography.Text type="secondary">{t('evaluation.noReviewers')}</Typography.Text>
            ) : (
              round.reviewers.map((reviewer) => <Tag key={reviewer.userId}>{reviewer.displayName}</Tag>)
            )}
          </Flex>
          {round.mayRun && round.status !== 'published' ? (
            <Typography.Text type="secondary">{t('evaluation.reviewersNote')}</Typography.Text>
          ) : null}
        </Flex>
      )}
    </Card>
  );
}
