import { Card, Col, Flex, Row, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCoverage } from '../../api/coverage';
import type { Coverage } from '../../api/types';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';

/** Cell widths: 2 per row on a phone, up to 8 per row on a wide screen. */
const CELL_COLS = { xs: 12, sm: 8, md: 6, lg: 4, xl: 3 } as const;

interface CellProps {
  to: string;
  name: string;
  operating: number;
  inProgress: number;
  gap: boolean;
}

/** One sector group or township: its counts; red when no home is operating there. */
function CoverageCell({ to, name, operating, inProgress, gap }: CellProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Link
      to={to}
      style={{
        display: 'block',
        height: '100%',
        padding: '8px 10px',
        borderRadius: token.borderRadius,
        border: `1px solid ${gap ? token.colorErrorBorder : token.colorBorderSecondary}`,
        background: gap ? token.colorErrorBg : token.colorBgContainer,
        color: token.colorText,
      }}
    >
      <div style={{ fontWeight: 500, color: gap ? token.colorError : undefined, wordBreak: 'break-all' }}>
        {name}
      </div>
      <div style={{ fontSize: 12, color: gap ? token.colorError : token.colorTextSecondary }}>
        {t('coverage.counts', { operating, inProgress })}
      </div>
    </Link>
  );
}

/** 覆盖情况 (/coverage): which sector groups and townships have an operating home, and the gaps. */
export default function CoveragePage() {
  const { t } = useTranslation();
  const coverage = useCoverage();

  if (coverage.isPending) return <PageLoading />;
  if (coverage.isError)
    return <LoadError page error={coverage.error} onRetry={() => void coverage.refetch()} />;
  return <CoverageView coverage={coverage.data} title={t('coverage.title')} />;
}

function CoverageView({ coverage, title }: { coverage: Coverage; title: string }) {
  const { t } = useTranslation();
  const groupGaps = new Set(coverage.gaps.sectorGroups);
  const townshipGaps = new Set(coverage.gaps.townships);
  const isGroupGap = (group: Coverage['sectorGroups'][number]) =>
    group.operating === 0 || groupGaps.has(group.orgUnitId);
  const isTownshipGap = (township: Coverage['townships'][number]) =>
    township.operating === 0 || townshipGaps.has(township.code);

  const coveredGroups = coverage.sectorGroups.filter((group) => !isGroupGap(group)).length;
  const coveredTownships = coverage.townships.filter((township) => !isTownshipGap(township)).length;

  return (
    <>
      <PageHeader title={title} />
      <Flex vertical gap={16}>
        <div>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {t('coverage.summary', {
              sg: coveredGroups,
              sgTotal: coverage.sectorGroups.length,
              tw: coveredTownships,
              twTotal: coverage.townships.length,
            })}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary">{t('coverage.legend')}</Typography.Text>
          </div>
        </div>
        <Card size="small" title={t('coverage.sectorGroups')}>
          <Row gutter={[8, 8]}>
            {coverage.sectorGroups.map((group) => (
              <Col key={group.orgUnitId} {...CELL_COLS}>
                <CoverageCell
                  to={`/homes?ownerUnitId=${encodeURIComponent(group.orgUnitId)}`}
                  name={group.name}
                  operating={group.operating}
                  inProgress={group.inProgress}
                  gap={isGroupGap(group)}
                />
              </Col>
            ))}
          </Row>
        </Card>
        {coverage.districts.map((district) => {
          const townships = coverage.townships.filter((township) => township.districtCode === district.code);
          const covered = townships.filter((township) => !isTownshipGap(township)).length;
          return (
            <Card
              key={district.code}
              size="small"
              title={district.name}
              extra={
                <Typography.Text type="secondary">
                  {t('coverage.districtSummary', { covered, total: townships.length })}
                </Typography.Text>
              }
            >
              {townships.length === 0 ? (
                <Typography.Text type="secondary">{t('coverage.noTownships')}</Typography.Text>
              ) : (
                <Row gutter={[8, 8]}>
                  {townships.map((township) => (
                    <Col key={township.code} {...CELL_COLS}>
                      <CoverageCell
                        to={`/homes?regionCode=${encodeURIComponent(township.code)}`}
                        name={township.name}
                        operating={township.operating}
                        inProgress={township.inProgress}
                        gap={isTownshipGap(township)}
                      />
                    </Col>
                  ))}
                </Row>
              )}
            </Card>
          );
        })}
      </Flex>
    </>
  );
}
