import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { TrainingCheckinForm } from './trainingParts';

/** 培训签到 (/training-checkin/:code?): opened from the organisers' link, or to type the code. */
export default function TrainingCheckinPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  return (
    <>
      <PageHeader title={t('trainings.checkinTitle')} back="/trainings" />
      <Card size="small">
        <Typography.Paragraph type="secondary">{t('trainings.checkinHint')}</Typography.Paragraph>
        <TrainingCheckinForm code={code} />
      </Card>
    </>
  );
}
