import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** 逾期提交 (orange) or 按时提交 (green) for a plan or a summary. */
export function LateTag({ late }: { late: boolean }) {
  const { t } = useTranslation();
  return late ? <Tag color="orange">{t('common.late')}</Tag> : <Tag color="green">{t('common.onTime')}</Tag>;
}
