import { Card, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDutyRecord } from '../../api/records';
import { LoadError } from '../../components/LoadError';
import { currentYear } from '../../hooks/useYearParam';

/** 我的履职档案 on 我的: this year's points, and the way to the whole record. */
export function DutyRecordCard({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const year = currentYear();
  const record = useDutyRecord(memberId, year);
  return (
    <Card
      size="small"
      title={t('dutyRecord.myTitle')}
      extra={<Link to="/me/duty-record">{t('dutyRecord.open')}</Link>}
    >
      {record.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} title={false} />
      ) : record.isError ? (
        <LoadError error={record.error} onRetry={() => void record.refetch()} />
      ) : (
        <Link to="/me/duty-record" style={{ color: 'inherit' }}>
          <Statistic
            title={t('dutyRecord.summary', { year })}
            value={record.data.total}
            suffix={t('dutyRecord.pointsUnit')}
          />
          <Typography.Text type="secondary">
            {t('dutyRecord.entryTotal', { count: record.data.entries.length })}
          </Typography.Text>
        </Link>
      )}
    </Card>
  );
}
