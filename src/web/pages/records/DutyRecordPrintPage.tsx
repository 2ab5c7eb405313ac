import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useDutyRecord } from '../../api/records';
import { joinParts } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { useYearParam } from '../../hooks/useYearParam';
import { PrintSheet } from './PrintSheet';
import { dutyRecordPath } from './recordParts';

/** 打印履职档案 (/members/:id/duty-record/print?year=): a member's year on one sheet. */
export default function DutyRecordPrintPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [year] = useYearParam();
  const record = useDutyRecord(id, year);

  if (record.isPending) return <PageLoading fullScreen />;
  if (record.isError) return <LoadError page error={record.error} onRetry={() => void record.refetch()} />;
  const data = record.data;

  return (
    <PrintSheet
      title={t('dutyRecord.printTitle', { year: data.year })}
      subtitle={joinParts([data.memberName, data.sector])}
      back={dutyRecordPath(data.memberId, data.year)}
    >
      <section>
        <h2>{t('dutyRecord.printTotal', { total: data.total })}</h2>
        <table className="sheet-table">
          <thead>
            <tr>
              <th>{t('pointRules.category')}</th>
              <th className="num">{t('dutyRecord.entryCount')}</th>
              <th className="num">{t('pointRules.cap')}</th>
              <th className="num">{t('dutyRecord.points')}</th>
            </tr>
          </thead>
          <tbody>
            {data.categories.map((category) => (
              <tr key={category.category}>
                <td>{category.label}</td>
                <td className="num">{category.entries}</td>
                <td className="num">{category.cap ?? t('pointRules.noCap')}</td>
                <td className="num">{category.points}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2>{t('dutyRecord.entries', { count: data.entries.length })}</h2>
        <table className="sheet-table">
          <thead>
            <tr>
              <th style={{ width: '13%' }}>{t('dutyRecord.occurredOn')}</th>
              <th style={{ width: '20%' }}>{t('dutyRecord.item')}</th>
              <th>{t('dutyRecord.entryTitle')}</th>
              <th className="num" style={{ width: '9%' }}>
                {t('dutyRecord.points')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.entries.map((entry) => (
              <tr key={entry.key}>
                <td>{entry.occurredOn}</td>
                <td>{entry.itemLabel}</td>
                <td>
                  {entry.title}
                  {entry.adjustment ? (
                    <div>{t('dutyRecord.reasonValue', { reason: entry.adjustment.reason })}</div>
                  ) : null}
                </td>
                <td className="num">
                  {entry.rawPoints !== entry.points ? <del>{entry.rawPoints}</del> : null} {entry.points}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </PrintSheet>
  );
}
