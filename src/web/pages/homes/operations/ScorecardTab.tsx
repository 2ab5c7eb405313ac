import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Card, Col, Flex, Progress, Row, Skeleton, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { useScorecard } from '../../../api/operations';
import type { HomeDetail } from '../../../api/types';
import { quarterLabel, scorecardIssueLabel, scorecardItemLabel } from '../../../components/activityLabels';
import { LoadError } from '../../../components/LoadError';
import { QuarterStateTag } from '../../../components/StatusTags';
import { YearSelect } from '../../../components/YearSelect';
import { useYearParam } from '../../../hooks/useYearParam';

/** 六有 tab: the six points with their issues, the four quarters and the score of a year. */
export function ScorecardTab({ home }: { home: HomeDetail }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [year, setYear] = useYearParam();
  const scorecard = useScorecard(home.id, year);

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} align="center" wrap>
        <YearSelect value={year} onChange={setYear} />
        <Typography.Text type="secondary">{t('scorecard.yearHint')}</Typography.Text>
      </Flex>
      {scorecard.isPending ? (
        <Skeleton active />
      ) : scorecard.isError ? (
        <LoadError error={scorecard.error} onRetry={() => void scorecard.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={8} lg={6}>
            <Card size="small" title={t('scorecard.score')} style={{ height: '100%' }}>
              <Flex justify="center" style={{ padding: 8 }}>
                <Progress
                  type="circle"
                  percent={scorecard.data.score}
                  format={(percent) => percent}
                  strokeColor={scorecard.data.score >= 100 ? token.colorSuccess : token.colorPrimary}
                />
              </Flex>
            </Card>
          </Col>
          <Col xs={24} md={16} lg={18}>
            <Card size="small" title={t('scorecard.items')} style={{ height: '100%' }}>
              <Row gutter={[12, 12]}>
                {scorecard.data.items.map((item) => (
                  <Col key={item.key} xs={24} sm={12} xl={8}>
                    <Flex gap={8} align="flex-start">
                      {item.ok ? (
                        <CheckCircleFilled
                          style={{ color: token.colorSuccess, fontSize: 18, marginTop: 2 }}
                          aria-hidden
                        />
                      ) : (
                        <CloseCircleFilled
                          style={{ color: token.colorError, fontSize: 18, marginTop: 2 }}
                          aria-hidden
                        />
                      )}
                      <div>
                        <Typography.Text strong>{scorecardItemLabel(t, item.key)}</Typography.Text>
                        <Typography.Text
                          type={item.ok ? 'success' : 'danger'}
                          style={{ marginInlineStart: 8 }}
                        >
                          {item.ok ? t('scorecard.ok') : t('scorecard.notOk')}
                        </Typography.Text>
                        {item.issues.map((issue) => (
                          <div key={issue}>
                            <Typography.Text type="secondary">
                              {scorecardIssueLabel(t, issue)}
                            </Typography.Text>
                          </div>
                        ))}
                      </div>
                    </Flex>
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
          <Col xs={24}>
            <Card size="small" title={t('scorecard.quarters')}>
              <Row gutter={[12, 12]}>
                {scorecard.data.quarters.map((quarter) => (
                  <Col key={quarter.quarter} xs={12} md={6}>
                    <Flex
                      vertical
                      gap={4}
                      style={{
                        padding: 8,
                        borderRadius: token.borderRadius,
                        background: token.colorFillQuaternary,
                      }}
                    >
                      <Flex justify="space-between" align="center" gap={4} wrap>
                        <Typography.Text strong>{quarterLabel(t, quarter.quarter)}</Typography.Text>
                        <QuarterStateTag state={quarter.state} />
                      </Flex>
                      <Typography.Text>
                        {t('scorecard.activities', { count: quarter.activities })}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('scorecard.dueOn', { date: quarter.dueOn })}
                      </Typography.Text>
                    </Flex>
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
        </Row>
      )}
    </Flex>
  );
}
