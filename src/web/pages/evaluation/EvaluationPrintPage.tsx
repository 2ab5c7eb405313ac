import { Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { usePublication, useRound } from '../../api/evaluation';
import { formatDateTime } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { PrintSheet } from '../records/PrintSheet';
import { gradeLabel, roundPath } from './evaluationParts';
import { RevisionSelect } from './PublicationCard';

/** 打印通报 (/evaluation/:id/print): the published ranking, grades and commendations on paper. */
export default function EvaluationPrintPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const round = useRound(id);
  const [revision, setRevision] = useState<number | undefined>(undefined);
  const publication = usePublication(id ?? '', revision, Boolean(round.data?.publications.length));

  if (round.isPending) return <PageLoading fullScreen />;
  if (round.isError) return <LoadError page error={round.error} onRetry={() => void round.refetch()} />;
  const data = round.data;
  const published = publication.data;

  return (
    <PrintSheet
      title={t('evaluation.printTitle', { title: data.title })}
      subtitle={
        published
          ? t('evaluation.printSubtitle', {
              owner: data.ownerUnitName,
              at: formatDateTime(published.publishedAt, false),
              revision: published.revision,
            })
          : data.ownerUnitName
      }
      back={roundPath(data.id)}
    >
      <div className="no-print" style={{ marginBottom: 12 }}>
        <RevisionSelect round={data} value={revision} onChange={setRevision} />
      </div>
      {publication.isError ? (
        <LoadError error={publication.error} onRetry={() => void publication.refetch()} />
      ) : !published ? (
        <Skeleton active />
      ) : (
        <>
          {published.reason ? <p>{t('evaluation.revisedFor', { reason: published.reason })}</p> : null}
          <section>
            <h2>{t('evaluation.printRanking')}</h2>
            <table className="sheet-table">
              <thead>
                <tr>
                  <th className="num">{t('evaluation.rank')}</th>
                  <th>{t('evaluation.home')}</th>
                  <th className="num">{t('evaluation.total')}</th>
                  <th>{t('evaluation.grade')}</th>
                </tr>
              </thead>
              <tbody>
                {published.homes.map((home) => (
                  <tr key={home.homeId}>
                    <td className="num">{home.rank}</td>
                    <td>{home.name}</td>
                    <td className="num">{home.total}</td>
                    <td>{gradeLabel(t, home.grade)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section>
            <h2>{t('evaluation.commendedHomes')}</h2>
            <p>
              {published.homes
                .filter((home) => home.commended)
                .map((home) => home.name)
                .join('、') || t('common.none')}
            </p>
          </section>
          <section>
            <h2>{t('evaluation.publishedMembers')}</h2>
            <p>{published.members.map((member) => member.name).join('、') || t('common.none')}</p>
          </section>
        </>
      )}
    </PrintSheet>
  );
}
