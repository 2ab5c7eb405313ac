import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { ROUND_KEY, setCommendations } from '../../api/evaluation';
import type { EvaluationRound } from '../../api/types';
import { GradeTag } from './evaluationParts';

/** 表彰名单 of a confirmed round: the homes (as proposed) and the members confirmed from the candidates. */
export function CommendationsCard({ round }: { round: EvaluationRound }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [homeIds, setHomeIds] = useState(() =>
    round.homeEntries.filter((home) => home.commended).map((home) => home.homeId),
  );
  const [memberIds, setMemberIds] = useState(() =>
    round.memberCommendations.filter((member) => member.confirmed).map((member) => member.memberId),
  );
  const save = useMutation({
    mutationFn: () => setCommendations(round.id, homeIds, memberIds),
    onSuccess: (saved) => {
      queryClient.setQueryData([ROUND_KEY, saved.id], saved);
      void message.success(t('evaluation.commendationsSaved'));
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const homes = [...round.homeEntries].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999));

  return (
    <Card
      size="small"
      title={t('evaluation.commendations')}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
          {t('common.save')}
        </Button>
      }
    >
      <Flex gap={32} wrap>
        <Flex vertical gap={6} style={{ minWidth: 260 }}>
          <Typography.Text strong>{t('evaluation.commendedHomes')}</Typography.Text>
          <Checkbox.Group value={homeIds} onChange={(next) => setHomeIds(next as string[])}>
            <Flex vertical gap={4}>
              {homes.map((home) => (
                <Checkbox key={home.homeId} value={home.homeId}>
                  {t('evaluation.rankedName', { rank: home.rank ?? '-', name: home.name })}{' '}
                  <GradeTag grade={home.grade} />
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
        </Flex>
        <Flex vertical gap={6} style={{ minWidth: 260 }}>
          <Typography.Text strong>
            {t('evaluation.commendedMembers', { quota: round.memberQuota })}
          </Typography.Text>
          {round.memberCommendations.length === 0 ? (
            <Typography.Text type="secondary">{t('evaluation.noCandidates')}</Typography.Text>
          ) : (
            <Checkbox.Group value={memberIds} onChange={(next) => setMemberIds(next as string[])}>
              <Flex vertical gap={4}>
                {round.memberCommendations.map((member) => (
                  <Checkbox key={member.memberId} value={member.memberId}>
                    {t('evaluation.candidate', {
                      rank: member.rank,
                      name: member.name,
                      unit: member.orgUnitName,
                      points: member.points,
                    })}
                  </Checkbox>
                ))}
              </Flex>
            </Checkbox.Group>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
