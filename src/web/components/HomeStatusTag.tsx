import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { HOME_STATUS_COLORS } from '../../domain/home-workflow';
import { isHomeStatus } from './homeLabels';

/** The status of a home, in the same colour on every page (colours from src/domain/home-workflow). */
export function HomeStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  if (!isHomeStatus(status)) return <Tag>{status}</Tag>;
  return (
    <Tag color={HOME_STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {t(`homeStatuses.${status}`)}
    </Tag>
  );
}
