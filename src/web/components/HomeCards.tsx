import { Card, Col, Empty, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Home } from '../api/types';
import { joinParts } from './format';
import { HomeStatusTag } from './HomeStatusTag';
import { homeKindLabel } from './homeLabels';

/** Homes as a grid of small cards (one per row on a phone): name, status, kind, place, brand. */
export function HomeCards({ homes, emptyText }: { homes: readonly Home[]; emptyText: string }) {
  const { t } = useTranslation();
  if (homes.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  return (
    <Row gutter={[12, 12]}>
      {homes.map((home) => (
        <Col key={home.id} xs={24} md={12} xl={8}>
          <Card
            size="small"
            title={<Link to={`/homes/${encodeURIComponent(home.id)}`}>{home.name}</Link>}
            extra={<HomeStatusTag status={home.status} />}
            style={{ height: '100%' }}
          >
            <Typography.Text type="secondary">
              {joinParts([
                homeKindLabel(t, home.kind),
                home.online ? t('homes.detail.online') : home.regionName,
              ])}
            </Typography.Text>
            {home.brand ? <div style={{ marginTop: 4 }}>{home.brand}</div> : null}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
