import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useHome, useHomeHistory } from '../../api/homes';
import { beijingClock } from '../../components/beijingTime';
import { formatDateTime } from '../../components/format';
import { homeStatusLabel } from '../../components/homeLabels';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { PrintToolbar } from '../../components/PrintToolbar';
import { stepLabel } from './HomeHistory';
import { AttachmentLink, HomeFacts, TransitionData } from './homeParts';

// A4, black on white, no app chrome; the toolbar is not printed.
const RECORD_CSS = `
.home-record { max-width: 860px; margin: 0 auto; padding: 24px 16px; color: #000; background: #fff; font-size: 13px; }
.home-record h1 { font-size: 22px; text-align: center; margin: 0 0 4px; letter-spacing: 2px; }
.home-record .record-name { text-align: center; font-size: 16px; margin: 0 0 16px; }
.home-record h2 { font-size: 15px; margin: 16px 0 8px; border-left: 3px solid #b71c1c; padding-left: 8px; }
.home-record table.record-steps { width: 100%; border-collapse: collapse; table-layout: fixed; }
.home-record table.record-steps th, .home-record table.record-steps td {
  border: 1px solid #bbb; padding: 4px 6px; vertical-align: top; text-align: left; word-break: break-word;
}
.home-record table.record-steps th { background: #fafafa; font-weight: 600; }
.home-record footer { margin-top: 16px; text-align: right; color: #555; font-size: 12px; }
.home-record a { color: inherit; }
@media print {
  @page { size: A4; margin: 12mm; }
  body { background: #fff !important; }
  .no-print { display: none !important; }
  .home-record { max-width: none; padding: 0; font-size: 11px; }
  .home-record h1 { font-size: 18px; }
  .home-record .ant-descriptions-item-label, .home-record .ant-descriptions-item-content { padding: 3px 6px !important; font-size: 11px; }
  .home-record * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .home-record tr { break-inside: avoid; }
}
`;

/** 打印建设档案 (/homes/:id/record): the home's facts and every step of its establishment, printable. */
export default function HomeRecordPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const home = useHome(id);
  const history = useHomeHistory(id);
  const name = home.data?.name;

  useEffect(() => {
    document.title = name ? `${name} - ${t('homes.record.title')}` : t('homes.record.title');
  }, [name, t]);

  if (home.isPending || history.isPending) return <PageLoading fullScreen />;
  if (home.isError) return <LoadError page error={home.error} onRetry={() => void home.refetch()} />;
  if (history.isError) return <LoadError error={history.error} onRetry={() => void history.refetch()} />;
  const data = home.data;

  return (
    <div className="home-record">
      <style>{RECORD_CSS}</style>
      <PrintToolbar back={`/homes/${encodeURIComponent(data.id)}`} />
      <header>
        <h1>{t('homes.record.title')}</h1>
        <p className="record-name">
          {data.name}
          {data.nameMn ? (
            <>
              {' · '}
              <span lang="mn-Mong">{data.nameMn}</span>
            </>
          ) : null}
        </p>
      </header>
      <section>
        <h2>{t('homes.record.basicFacts')}</h2>
        <HomeFacts home={data} column={2} />
      </section>
      <section>
        <h2>{t('homes.record.steps')}</h2>
        {history.data.length === 0 ? (
          <p>{t('homes.record.noSteps')}</p>
        ) : (
          <table className="record-steps">
            <colgroup>
              <col style={{ width: '14%' }} />
              <col style={{ width: '11%' }} />
              <col style={{ width: '11%' }} />
              <col style={{ width: '15%' }} />
              <col />
              <col style={{ width: '16%' }} />
            </colgroup>
            <thead>
              <tr>
                <th>{t('homes.record.step')}</th>
                <th>{t('homes.record.status')}</th>
                <th>{t('homes.record.actor')}</th>
                <th>{t('homes.record.at')}</th>
                <th>{t('homes.record.content')}</th>
                <th>{t('homes.record.attachments')}</th>
              </tr>
            </thead>
            <tbody>
              {history.data.map((step) => (
                <tr key={String(step.id)}>
                  <td>{stepLabel(t, step)}</td>
                  <td>{homeStatusLabel(t, step.toStatus)}</td>
                  <td>{step.actorName ?? '-'}</td>
                  <td>{formatDateTime(step.at, false)}</td>
                  <td>
                    <TransitionData action={step.action} data={step.data} />
                    {step.comment ? (
                      <div style={{ whiteSpace: 'pre-wrap' }}>
                        {t('common.labelled', { label: t('homes.transition.comment') })}
                        {step.comment}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {step.attachments.map((attachment) => (
                      <div key={attachment.id}>
                        <AttachmentLink attachment={attachment} showSize={false} />
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <footer>{t('homes.record.printedAt', { time: beijingClock().format('YYYY-MM-DD HH:mm') })}</footer>
    </div>
  );
}
