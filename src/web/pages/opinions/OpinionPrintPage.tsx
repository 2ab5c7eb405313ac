import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useOpinion } from '../../api/opinions';
import { beijingClock } from '../../components/beijingTime';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { PrintToolbar } from '../../components/PrintToolbar';
import { DRAFT_SECTIONS } from './DraftSections';
import { opinionPath } from './opinionParts';

// A4, black on white, no app chrome; the toolbar is not printed.
const SHEET_CSS = `
.opinion-sheet { max-width: 800px; margin: 0 auto; padding: 24px 16px; color: #000; background: #fff; font-size: 15px; line-height: 1.8; }
.opinion-sheet h1 { font-size: 24px; text-align: center; margin: 0 0 8px; letter-spacing: 4px; color: #b71c1c; }
.opinion-sheet .sheet-title { font-size: 18px; text-align: center; margin: 0 0 16px; font-weight: 600; word-break: break-word; }
.opinion-sheet .sheet-source { text-align: center; color: #555; font-size: 13px; margin: 0 0 16px; border-bottom: 2px solid #b71c1c; padding-bottom: 8px; }
.opinion-sheet h2 { font-size: 16px; margin: 16px 0 4px; }
.opinion-sheet p { margin: 0; white-space: pre-wrap; word-break: break-word; text-indent: 2em; }
.opinion-sheet footer { margin-top: 24px; text-align: right; color: #555; font-size: 12px; }
@media print {
  @page { size: A4; margin: 20mm; }
  body { background: #fff !important; }
  .no-print { display: none !important; }
  .opinion-sheet { max-width: none; padding: 0; }
  .opinion-sheet * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** 打印社情民意信息 (/opinions/:id/print): the member's formal text in its four parts, for paper. */
export default function OpinionPrintPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const opinion = useOpinion(id);
  const title = opinion.data?.title;

  useEffect(() => {
    document.title = title ? `${title} - ${t('opinions.draft.heading')}` : t('opinions.draft.heading');
  }, [title, t]);

  if (opinion.isPending) return <PageLoading fullScreen />;
  if (opinion.isError) return <LoadError page error={opinion.error} onRetry={() => void opinion.refetch()} />;
  const data = opinion.data;

  return (
    <div className="opinion-sheet">
      <style>{SHEET_CSS}</style>
      <PrintToolbar back={opinionPath(data.id)} />
      <h1>{t('opinions.draft.heading')}</h1>
      <div className="sheet-title">{data.title}</div>
      <div className="sheet-source">
        {t('opinions.draft.source', {
          home: data.homeName ?? data.regionName ?? '-',
          code: data.trackingCode,
        })}
      </div>
      {data.draft ? (
        DRAFT_SECTIONS.map(({ key }) => (
          <section key={key}>
            <h2>{t(`opinions.draft.${key}`)}</h2>
            <p>{data.draft?.[key]}</p>
          </section>
        ))
      ) : (
        <p>{t('opinions.detail.noDraft')}</p>
      )}
      <footer>{t('opinions.draft.printedAt', { time: beijingClock().format('YYYY-MM-DD HH:mm') })}</footer>
    </div>
  );
}
