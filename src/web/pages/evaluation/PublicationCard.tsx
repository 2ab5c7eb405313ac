import { Card, Flex, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { noticePdfPath, usePublication } from '../../api/evaluation';
import type { EvaluationRound, Publication } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { GradeTag } from './evaluationParts';

/** Picks one of the published revisions (the latest first). */
function RevisionSelect({
  round,
  value,
  onChange,
}: {
  round: EvaluationRound;
  value: number | undefined;
  onChange: (revision: number) => void;
}) {
  const { t } = useTranslation();
  const revisions = [...round.publications].sort((a, b) => b.revision - a.revision);
  return (
    <Select<number>
      style={{ width: 220 }}
      aria-label={t('evaluation.revision')}
      value={value ?? revisions[0]?.revision}
      onChange={onChange}
      options={revisions.map((p) => ({
        value: p.revision,
        label: t('evaluation.revisionOption', {
          revision: p.revision,
          at: formatDateTime(p.publishedAt, false),
        }),
      }))}
    />
  );
}

/** 公布结果: the ranking with grades and the commendation lists of a published revision. */
export function PublicationCard({ round }: { round: EvaluationRound }) {
  const { t } = useTranslation();
  const [revision, setRevision] = useState<number | undefined>(undefined);
  const publication = usePublication(round.id, revision, true);
  return (
    <Card size="small" title={t('evaluation.publication')}>
      {/* under the title, not beside it: on a phone the header has no room for both */}
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <RevisionSelect round={round} value={revision} onChange={setRevision} />
        <Typography.Link href={noticePdfPath(round.id, revision)} target="_blank">
          {t('evaluation.printRevision')}
        </Typography.Link>
      </Flex>
      {publication.isError ? (
        <LoadError error={publication.error} onRetry={() => void publication.refetch()} />
      ) : (
        <PublicationTables publication={publication.data} loading={publication.isPending} />
      )}
    </Card>
  );
}

function PublicationTables({
  publication,
  loading,
}: {
  publication: Publication | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12}>
      {publication?.reason ? (
        <Typography.Text type="secondary">
          {t('evaluation.revisedFor', { reason: publication.reason })}
        </Typography.Text>
      ) : null}
      <Table
        size="small"
        rowKey="homeId"
        loading={loading}
        pagination={false}
        dataSource={publication?.homes ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('evaluation.rank'), dataIndex: 'rank', key: 'rank', width: 60 },
          { title: t('evaluation.home'), dataIndex: 'name', key: 'name' },
          { title: t('evaluation.total'), dataIndex: 'total', key: 'total', align: 'right' },
          {
            title: t('evaluation.grade'),
            key: 'grade',
            render: (_, home) => <GradeTag grade={home.grade} />,
          },
          {
            title: t('evaluation.commended'),
            key: 'commended',
            render: (_, home) => (home.commended ? <Tag color="red">{t('evaluation.commended')}</Tag> : null),
          },
        ]}
      />
      <Typography.Text strong>{t('evaluation.publishedMembers')}</Typography.Text>
      <Typography.Text>
        {publication && publication.members.length > 0
          ? publication.members
              .map((m) => t('evaluation.memberPoints', { name: m.name, points: m.points }))
              .join('、')
          : t('common.none')}
      </Typography.Text>
    </Flex>
  );
}
