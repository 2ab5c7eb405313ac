import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { activityQrUrl, useActivity } from '../../api/activities';
import { usePublicUrl } from '../../auth/session';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { PrintToolbar } from '../../components/PrintToolbar';
import { checkinPagePath } from '../../phone/paths';
import { activityPath, formatTimeRange, hostNames } from './activityParts';

// One A4 page to put up at the venue: title, time, place, a large QR code and the short code.
const QR_CSS = `
.checkin-sheet { max-width: 720px; margin: 0 auto; padding: 24px 16px; color: #000; background: #fff; text-align: center; }
.checkin-sheet h1 { font-size: 28px; margin: 8px 0 4px; letter-spacing: 2px; }
.checkin-sheet h2 { font-size: 20px; margin: 0 0 12px; font-weight: 500; }
.checkin-sheet .facts { font-size: 16px; line-height: 1.8; margin-bottom: 16px; }
.checkin-sheet img { width: 320px; max-width: 80vw; height: auto; }
.checkin-sheet .code { font-size: min(56px, 11vw); font-weight: 700; letter-spacing: min(12px, 2vw); overflow-wrap: anywhere; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; margin: 8px 0; }
.checkin-sheet .hint { font-size: 18px; margin: 8px 0; }
.checkin-sheet .link { font-size: 14px; color: #333; word-break: break-all; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { background: #fff !important; }
  .no-print { display: none !important; }
  .checkin-sheet { max-width: none; padding: 0; }
  .checkin-sheet img { width: 110mm; max-width: none; }
}
`;

/** 签到二维码 (/activities/:id/qr): a print-friendly sheet with the check-in QR code. */
export default function ActivityQrPage() {
  const { t } = useTranslation();
  const publicUrl = usePublicUrl();
  const { id } = useParams();
  const activity = useActivity(id);
  const title = activity.data?.title;

  useEffect(() => {
    document.title = title ? `${title} - ${t('activities.printQr')}` : t('activities.printQr');
  }, [title, t]);

  if (activity.isPending) return <PageLoading fullScreen />;
  if (activity.isError)
    return <LoadError page error={activity.error} onRetry={() => void activity.refetch()} />;
  const data = activity.data;
  const link = `${publicUrl}${checkinPagePath(data.checkinCode)}`;

  return (
    <div className="checkin-sheet">
      <style>{QR_CSS}</style>
      <PrintToolbar back={activityPath(data.id)} />
      <h1>{t('checkin.title')}</h1>
      <h2>{data.title}</h2>
      <div className="facts">
        <div>
          {t('common.labelled', { label: t('checkin.time') })}
          {formatTimeRange(data.startsAt, data.endsAt)}
        </div>
        {data.place ? (
          <div>
            {t('common.labelled', { label: t('checkin.place') })}
            {data.place}
          </div>
        ) : null}
        <div>
          {t('common.labelled', { label: t('checkin.hosts') })}
          {hostNames(data)}
        </div>
      </div>
      <img src={activityQrUrl(data.id)} alt={t('activities.qrAlt', { title: data.title })} />
      <p className="hint">{t('activities.qrScan')}</p>
      <div className="code">{data.checkinCode}</div>
      <p className="link">{t('activities.qrOrCode', { link })}</p>
      <p className="link">{t('activities.qrOrType', { entry: `${publicUrl}/checkin` })}</p>
      <p className="hint" style={{ fontSize: 14 }}>
        {t('activities.checkinHint')}
      </p>
    </div>
  );
}
