import { DownloadOutlined, ReloadOutlined, WarningFilled } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Progress,
  Row,
  Segmented,
  Statistic,
  Typography,
  theme,
} from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { DASHBOARD_KEY, dashboardExportUrl, refreshDashboard, useDashboard } from '../../api/dashboard';
import { ABILITIES, type CoveredCount, type Dashboard } from '../../api/types';
import { hasAbility, useSession } from '../../auth/session';
import { formatDateTime } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { YearSelect } from '../../components/YearSelect';
import { useYearParam } from '../../hooks/useYearParam';
import {
  type ActivityBreakdown,
  activitiesByMonth,
  compliance,
  evaluationGrades,
  fundsUsed,
  homesByKind,
  homesByStatus,
  opinionPipeline,
} from './dashboardCharts';
import { EChart } from './EChart';

/**
 * 工作看板 (/dashboard): the figures of the units the caller's role covers (the office: the whole
 * city; a home director: the homes they direct). The scope comes from the role; there is nothing to
 * choose but the year.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const [year, setYear] = useYearParam();
  const dashboard = useDashboard(year);
  const data = dashboard.data;

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        extra={
          <>
            <YearSelect value={year} onChange={setYear} from={2021} />
            {hasAbility(session, ABILITIES.dashboardRefresh) ? <RefreshButton /> : null}
          </>
        }
      />
      {data ? <ScopeLine data={data} /> : null}
      {dashboard.isPending ? <PageLoading /> : null}
      {dashboard.isError ? (
        <LoadError page error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : null}
      {data ? <Charts data={data} /> : null}
    </>
  );
}

/**
 * The homes of a home director's dashboard (`scope.homes`, empty for units). Read through `object`
 * until the generated Dashboard type names the field.
 */
function scopeHomes(data: Dashboard): { id: string; name: string }[] {
  const homes = (data.scope as object as { homes?: { id: string; name: string }[] }).homes;
  return Array.isArray(homes) ? homes : [];
}

/** 全市, the units the role covers or a director's homes, and when the activity figures were counted. */
function ScopeLine({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const scope = data.scope.all
    ? t('dashboard.scopeAll')
    : [...data.scope.units, ...scopeHomes(data)].map((unit) => unit.name).join('、');
  return (
    <Flex gap={16} wrap align="baseline" style={{ marginTop: -8, marginBottom: 16 }}>
      <Typography.Text strong data-testid="dashboard-scope">
        {t('dashboard.scope', { scope })}
      </Typography.Text>
      <Typography.Text type="secondary">
        {data.statsRefreshedAt
          ? t('dashboard.refreshedAt', { time: formatDateTime(data.statsRefreshedAt, false) })
          : t('dashboard.notRefreshed')}
      </Typography.Text>
    </Flex>
  );
}

/** 刷新 (the office): counts the activity figures again now instead of at the next hour. */
function RefreshButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const refresh = useMutation({
    mutationFn: refreshDashboard,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [DASHBOARD_KEY] });
      void message.success(t('dashboard.refreshed'));
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  return (
    <Button
      icon={<ReloadOutlined aria-hidden spin={refresh.isPending} />}
      disabled={refresh.isPending}
      onClick={() => refresh.mutate()}
    >
      {t('dashboard.refresh')}
    </Button>
  );
}

function Charts({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const [breakdown, setBreakdown] = useState<ActivityBreakdown>('kind');
  // Options are rebuilt only when the figures change, so the charts are not redrawn on every render.
  const options = useMemo(
    () => ({
      homesByStatus: homesByStatus(t, data.homes),
      homesByKind: homesByKind(t, data.homes),
      compliance: compliance(t, data.compliance),
      opinions: opinionPipeline(t, data.opinions),
      funds: fundsUsed(t, data.funds),
      grades: evaluationGrades(t, data.evaluation),
    }),
    [t, data],
  );
  const activities = useMemo(() => activitiesByMonth(t, data.activities, breakdown), [t, data, breakdown]);
  const evaluationTitle = data.evaluation.year
    ? t('dashboard.evaluation.title', { year: data.evaluation.year })
    : t('dashboard.evaluation.none');
  const activitiesTitle = t('dashboard.activities.title', {
    held: data.activities.held,
    citizens: data.activities.citizens,
  });
  const complianceTitle = t('dashboard.compliance.title', { operating: data.compliance.operating });
  // coverage is a unit's figure: a director's dashboard of their own homes has none
  const showCoverage = scopeHomes(data).length === 0;
  const card = (key: string, title: string, children: ReactNode) => (
    <ChartCard chartKey={key} title={title} data={data}>
      {children}
    </ChartCard>
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        {card(
          'homes',
          t('dashboard.homes.title', { count: data.homes.total }),
          <Row gutter={8}>
            <Col xs={24} sm={10}>
              <EChart option={options.homesByStatus} label={t('dashboard.homes.byStatus')} />
            </Col>
            <Col xs={24} sm={14}>
              <EChart option={options.homesByKind} label={t('dashboard.homes.byKind')} />
            </Col>
          </Row>,
        )}
      </Col>
      {showCoverage ? (
        <Col xs={24} xl={12}>
          {card(
            'coverage',
            t('dashboard.coverage.title'),
            <Flex gap={32} wrap justify="space-around" align="center" style={{ minHeight: 280 }}>
              <CoverageGauge
                label={t('dashboard.coverage.sectorGroups')}
                figure={data.coverage.sectorGroups}
              />
              <CoverageGauge label={t('dashboard.coverage.townships')} figure={data.coverage.townships} />
            </Flex>,
          )}
        </Col>
      ) : null}
      <Col xs={24} xl={12}>
        {card('compliance', complianceTitle, <EChart option={options.compliance} label={complianceTitle} />)}
      </Col>
      <Col xs={24} xl={12}>
        {card(
          'opinions',
          t('dashboard.opinions.title'),
          <>
            <OverdueAlarm count={data.opinions.overdue90} />
            <EChart
              option={options.opinions}
              label={t('dashboard.opinions.title')}
              height={data.opinions.overdue90 > 0 ? 240 : 280}
            />
          </>,
        )}
      </Col>
      <Col xs={24}>
        {card(
          'activities',
          activitiesTitle,
          <>
            {/* in the card, not its head: beside the title and 数据 it would squeeze the title on a phone */}
            <Segmented<ActivityBreakdown>
              size="small"
              value={breakdown}
              onChange={setBreakdown}
              options={[
                { value: 'kind', label: t('dashboard.activities.byKind') },
                { value: 'function', label: t('dashboard.activities.byFunction') },
              ]}
              style={{ marginBottom: 8 }}
            />
            <EChart option={activities} label={activitiesTitle} height={320} />
          </>,
        )}
      </Col>
      <Col xs={24} xl={12}>
        {card(
          'funds',
          t('dashboard.funds.title'),
          <EChart option={options.funds} label={t('dashboard.funds.title')} />,
        )}
      </Col>
      <Col xs={24} xl={12}>
        {card(
          'evaluation',
          evaluationTitle,
          data.evaluation.year ? (
            <EChart option={options.grades} label={evaluationTitle} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.evaluation.empty')} />
          ),
        )}
      </Col>
    </Row>
  );
}

/** A chart's card: its title, what it counts (from the server), and 数据 — the whole dashboard as Excel. */
function ChartCard({
  chartKey,
  title,
  data,
  children,
}: {
  chartKey: string;
  title: string;
  data: Dashboard;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid={`dashboard-${chartKey}`}
      title={title}
      // a long title wraps on a phone instead of being cut off
      styles={{ title: { whiteSpace: 'normal' } }}
      extra={
        <Flex gap={8} align="center">
          <Button
            size="small"
            type="text"
            icon={<DownloadOutlined aria-hidden />}
            href={dashboardExportUrl(data.year)}
            download
            title={t('dashboard.dataHint')}
          >
            {t('dashboard.data')}
          </Button>
        </Flex>
      }
      style={{ height: '100%' }}
    >
      {data.definitions[chartKey] ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {data.definitions[chartKey]}
        </Typography.Paragraph>
      ) : null}
      {children}
    </Card>
  );
}

function CoverageGauge({ label, figure }: { label: string; figure: CoveredCount }) {
  const { t } = useTranslation();
  const percent = figure.total > 0 ? Math.round((figure.covered / figure.total) * 100) : 0;
  return (
    <Flex vertical align="center" gap={8}>
      <Progress
        type="dashboard"
        percent={percent}
        size={160}
        aria-label={label}
        format={() => t('dashboard.coverage.ofTotal', { covered: figure.covered, total: figure.total })}
      />
      <Typography.Text>{label}</Typography.Text>
    </Flex>
  );
}

/** Opinions unanswered for more than 90 days: an alarm, in red. */
function OverdueAlarm({ count }: { count: number }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  if (count === 0) return null;
  return (
    <Flex gap={8} align="center" role="alert" style={{ color: token.colorError, marginBottom: 8 }}>
      <WarningFilled aria-hidden />
      <Statistic
        value={count}
        styles={{ content: { color: token.colorError, fontSize: 20, fontWeight: 600 } }}
        prefix={t('dashboard.opinions.overdue90Alarm')}
      />
    </Flex>
  );
}
