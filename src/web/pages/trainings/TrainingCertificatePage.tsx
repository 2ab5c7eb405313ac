import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { trainingPath, useCertificate } from '../../api/trainings';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { formatTimeRange } from '../activities/activityParts';
import { PrintSheet } from '../records/PrintSheet';

// The body of a certificate: large, spaced text, the issuing unit and date at the foot on the right.
const CERTIFICATE_CSS = `
.certificate { border: 3px double #b71c1c; padding: 40px 48px; margin-top: 16px; font-size: 18px; line-height: 2.2; }
.certificate p { margin: 0 0 12px; text-indent: 2em; }
.certificate .signature { text-align: right; margin-top: 48px; text-indent: 0; }
.certificate .number { text-align: right; font-size: 13px; color: #555; text-indent: 0; }
@media print { .certificate { font-size: 16pt; } }
`;

/** 培训证明 (/trainings/:id/certificate/:userId): a trainee's attendance, to print. */
export default function TrainingCertificatePage() {
  const { t } = useTranslation();
  const { id, userId } = useParams();
  const certificate = useCertificate(id, userId);

  if (certificate.isPending) return <PageLoading fullScreen />;
  if (certificate.isError) {
    return <LoadError page error={certificate.error} onRetry={() => void certificate.refetch()} />;
  }
  const data = certificate.data;

  return (
    <PrintSheet
      title={t('trainings.certificateTitle')}
      subtitle={t('trainings.certificateNumber', { number: data.number })}
      back={trainingPath(data.trainingId)}
    >
      <style>{CERTIFICATE_CSS}</style>
      <section className="certificate" data-testid="training-certificate">
        <p>
          {t('trainings.certificateBody', {
            name: data.name,
            time: formatTimeRange(data.startsAt, data.endsAt),
            place: data.place ? t('trainings.certificatePlace', { place: data.place }) : '',
            organiser: data.organiserUnitName,
            title: data.title,
          })}
        </p>
        <p>{t('trainings.certificateClose')}</p>
        <p className="signature">
          {data.organiserUnitName}
          <br />
          {dayjs(data.attendedAt).format(t('trainings.certificateDateFormat'))}
        </p>
      </section>
    </PrintSheet>
  );
}
