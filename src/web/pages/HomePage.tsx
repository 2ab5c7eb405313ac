import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Col, Empty, Flex, Row, Skeleton, Tag, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { call, client } from '../api/client';
import { QUEUE_COUNT, queuesFor, useOpinionQueueCounts } from '../api/opinions';
import { useOrgUnitMap, useOrgUnits } from '../api/orgUnits';
import { ABILITIES, type OrgUnit, type OrgUnitKind } from '../api/types';
import { USERS_KEY } from '../api/users';
import { hasAbility, isMemberOnly, useSession } from '../auth/session';
import { LoadError } from '../components/LoadError';
import { RoleTags } from '../components/RoleTags';
import { AttentionCard } from './dashboard/AttentionCard';

/**
 * Home page (/): welcome line, the banner/district CPPCCs and the sector activity groups.
 * An account whose only role is `member` goes to 我的 (/me) instead.
 */
export default function HomePage() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const user = session?.user;
  const orgUnitMap = useOrgUnitMap();

  if (isMemberOnly(session)) return <Navigate to="/me" replace />;

  return (
    <Flex vertical gap={24}>
      <section>
        <Typography.Title level={2} style={{ fontSize: 20, marginTop: 0 }}>
          {t('home.welcome', { name: user?.displayName ?? '' })}
        </Typography.Title>
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{t('home.yourRoles')}</Typography.Text>
          {user && user.roles.length > 0 ? (
            <RoleTags roles={user.roles} orgUnits={orgUnitMap} />
          ) : (
            <Typography.Text type="secondary">{t('home.noRoles')}</Typography.Text>
          )}
        </Flex>
      </section>
      {hasAbility(session, ABILITIES.dashboardAttention) || hasAbility(session, ABILITIES.dashboardRead) ? (
        <AttentionCard />
      ) : null}
      {hasAbility(session, ABILITIES.opinionRead) ? <OpinionQueuesCard /> : null}
      {hasAbility(session, ABILITIES.userRead) || hasAbility(session, ABILITIES.auditRead) ? (
        <AdministrationCard />
      ) : null}
      {hasAbility(session, ABILITIES.homeRead) ? (
        <Row gutter={[24, 24]}>
          <Col xs={24} lg={12}>
            <OrgUnitCard kind="district" title={t('home.districts')} emptyText={t('home.noDistricts')} />
          </Col>
          <Col xs={24} lg={12}>
            <OrgUnitCard
              kind="sector_group"
              title={t('home.sectorGroups')}
              emptyText={t('home.noSectorGroups')}
            />
          </Col>
        </Row>
      ) : null}
    </Flex>
  );
}

/**
 * What waits for the three administrators (三权分立): the role requests a security administrator
 * answers (and a system administrator made), and the audit log for the audit administrator.
 */
function AdministrationCard() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const readsUsers = hasAbility(session, ABILITIES.userRead);
  const pending = useQuery({
    queryKey: [USERS_KEY, 'pending-count'],
    queryFn: () =>
      call(client.GET('/users', { params: { query: { pendingRoles: 'true', pageSize: 1 } } })).then(
        (page) => page.total,
      ),
    enabled: readsUsers,
  });
  return (
    <Card
      size="small"
      title={
        <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
          {t('home.administration')}
        </Typography.Title>
      }
    >
      <Flex gap={24} wrap>
        {readsUsers ? (
          <Link to="/admin/users?pendingRoles=true">
            <Flex gap={8} align="center">
              <span>
                {hasAbility(session, ABILITIES.userGrantRoles)
                  ? t('home.rolesToGrant')
                  : t('home.rolesRequested')}
              </span>
              {pending.isPending ? null : pending.isError ? (
                <Typography.Text type="danger">{t('errors.loadFailed')}</Typography.Text>
              ) : (
                <Badge
                  count={pending.data}
                  showZero
                  overflowCount={999}
                  color={pending.data ? 'orange' : 'gray'}
                />
              )}
            </Flex>
          </Link>
        ) : null}
        {readsUsers ? <Link to="/admin/users">{t('nav.users')}</Link> : null}
        {hasAbility(session, ABILITIES.auditRead) ? <Link to="/audit">{t('nav.audit')}</Link> : null}
      </Flex>
    </Card>
  );
}

/** 待办社情民意: how many opinions wait in each of the caller's queues, each a link to its tab. */
function OpinionQueuesCard() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { data: session } = useSession();
  const counts = useOpinionQueueCounts();
  let body: ReactNode;
  if (counts.isPending) body = <Skeleton active paragraph={{ rows: 1 }} title={false} />;
  else if (counts.isError) body = <LoadError error={counts.error} onRetry={() => void counts.refetch()} />;
  else {
    const data = counts.data;
    body = (
      <Flex gap={24} wrap>
        {queuesFor(session, data).map((queue) => {
          if (queue === 'all') return null;
          const count = data[QUEUE_COUNT[queue]];
          return (
            <Link key={queue} to={`/opinions?queue=${queue}`}>
              <Flex gap={8} align="center">
                <span>{t(`opinions.queues.${queue}`)}</span>
                <Badge
                  count={count}
                  showZero
                  overflowCount={999}
                  color={count === 0 ? token.colorTextQuaternary : queue === 'overdue' ? 'red' : 'blue'}
                />
              </Flex>
            </Link>
          );
        })}
      </Flex>
    );
  }
  return (
    <Card
      size="small"
      title={
        <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
          {t('home.opinionQueues')}
        </Typography.Title>
      }
      extra={<Link to="/opinions">{t('home.viewOpinions')}</Link>}
    >
      {body}
    </Card>
  );
}

interface OrgUnitCardProps {
  kind: OrgUnitKind;
  title: string;
  emptyText: string;
}

function OrgUnitCard({ kind, title, emptyText }: OrgUnitCardProps) {
  const { t } = useTranslation();
  const orgUnits = useOrgUnits();
  const units = orgUnits.data?.filter((unit) => unit.kind === kind) ?? [];

  let body: ReactNode;
  if (orgUnits.isPending) {
    body = <Skeleton active paragraph={{ rows: 6 }} title={false} />;
  } else if (orgUnits.isError) {
    body = <LoadError error={orgUnits.error} onRetry={() => void orgUnits.refetch()} />;
  } else if (units.length === 0) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  } else {
    body = <OrgUnitList units={units} />;
  }

  return (
    <Card
      title={
        <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
          {title}
        </Typography.Title>
      }
      extra={
        orgUnits.isSuccess && units.length > 0 ? (
          <Typography.Text type="secondary">{t('common.count', { count: units.length })}</Typography.Text>
        ) : null
      }
      style={{ height: '100%' }}
    >
      {body}
    </Card>
  );
}

function OrgUnitList({ units }: { units: OrgUnit[] }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {units.map((unit, index) => (
        <li
          key={unit.id}
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            gap: 12,
            padding: '10px 0',
            borderTop: index === 0 ? undefined : `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <span>
            <Typography.Text>{unit.name}</Typography.Text>
            {unit.isDemo ? (
              <Tag color="orange" style={{ marginInlineStart: 8 }}>
                {t('common.demo')}
              </Tag>
            ) : null}
          </span>
          {unit.regionCode ? (
            <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {t('home.regionCode', { code: unit.regionCode })}
            </Typography.Text>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
