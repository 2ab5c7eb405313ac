import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { OPINION_STATUSES } from '../../../domain/opinion-workflow';
import { useRunsAnyHome } from '../../api/allowed';
import { OPINIONS_KEY, QUEUE_COUNT, queuesFor, useOpinionQueueCounts } from '../../api/opinions';
import { ABILITIES, OPINION_QUEUES, type OpinionListItem, type OpinionQueue } from '../../api/types';
import { hasAbility, useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { ExportButton } from '../../components/ExportButton';
import { FilterSelect, ResetFilters } from '../../components/FilterBar';
import { formatDateTime } from '../../components/format';
import { labelOptions } from '../../components/homeLabels';
import { OpinionFlagTags, OpinionStatusTag } from '../../components/OpinionTags';
import { opinionStatusLabel } from '../../components/opinionLabels';
import { PageHeader } from '../../components/PageHeader';
import { SearchInput } from '../../components/SearchInput';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { HomeFilter, opinionPath, TrackingCode } from './opinionParts';

const FILTERS = ['queue', 'status', 'homeId', 'q'] as const;
type OpinionFilter = (typeof FILTERS)[number];

const isQueue = (value: string | undefined): value is OpinionQueue =>
  (OPINION_QUEUES as readonly string[]).includes(value ?? '');

/** 社情民意 (/opinions): the queues of what waits for the caller, filters and the list. */
export default function OpinionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: session } = useSession();
  const counts = useOpinionQueueCounts();
  const paged = usePagedQuery<OpinionListItem, OpinionFilter>({
    key: OPINIONS_KEY,
    path: '/opinions',
    filters: FILTERS,
  });
  const { filters, setFilters } = paged;
  const queue: OpinionQueue = isQueue(filters.queue) ? filters.queue : 'all';
  // a member who only belongs to homes neither accepts opinions nor enters them (代录)
  const runsHomes = useRunsAnyHome(session);
  const queues = queuesFor(session, counts.data, queue, runsHomes);

  const columns: ColumnsType<OpinionListItem> = [
    {
      title: t('opinions.trackingCode'),
      key: 'trackingCode',
      render: (_, item) => <TrackingCode code={item.trackingCode} />,
    },
    {
      title: t('opinions.titleLabel'),
      key: 'title',
      render: (_, item) => (
        <Flex vertical gap={2} style={{ maxWidth: 360 }}>
          <Link to={opinionPath(item.id)} style={{ wordBreak: 'break-word' }}>
            {item.title}
          </Link>
          {item.submissionCount > 1 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('opinions.submissionCount', { count: item.submissionCount })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('opinions.sentTo'),
      key: 'sentTo',
      render: (_, item) => item.homeName ?? item.regionName ?? '-',
    },
    {
      title: t('opinions.status'),
      key: 'status',
      render: (_, item) => <OpinionStatusTag status={item.status} />,
    },
    {
      title: t('opinions.receivedAt'),
      key: 'receivedAt',
      render: (_, item) => formatDateTime(item.receivedAt, false),
    },
    {
      title: t('opinions.assignedMember'),
      key: 'assignedMember',
      render: (_, item) => item.assignedMemberName ?? '-',
    },
    {
      title: t('opinions.flags'),
      key: 'flags',
      render: (_, item) => (
        <Flex gap={4} wrap>
          <OpinionFlagTags flags={item.flags} />
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('opinions.title')} />
      <Tabs
        activeKey={queue}
        onChange={(next) => setFilters({ queue: next === 'all' ? undefined : next })}
        items={queues.map((name) => {
          const count = name === 'all' ? 0 : (counts.data?.[QUEUE_COUNT[name]] ?? 0);
          // the count stands after the label, in the line of text, never over it
          return {
            key: name,
            label: (
              <span style={{ whiteSpace: 'nowrap' }}>
                {t(`opinions.queues.${name}`)}
                <Badge
                  count={count}
                  size="small"
                  color={name === 'overdue' ? 'red' : undefined}
                  overflowCount={99}
                  style={{ marginInlineStart: 6 }}
                />
              </span>
            ),
          };
        })}
      />
      <DataTable<OpinionListItem, OpinionFilter>
        paged={paged}
        rowKey="id"
        columns={columns}
        filters={
          <>
            <SearchInput
              value={filters.q}
              placeholder={t('opinions.searchPlaceholder')}
              onSearch={(q) => setFilters({ q })}
            />
            <FilterSelect
              value={filters.status}
              options={labelOptions(OPINION_STATUSES, (status) => opinionStatusLabel(t, status))}
              placeholder={t('opinions.statusPlaceholder')}
              width={140}
              onChange={(status) => setFilters({ status })}
            />
            <HomeFilter
              value={filters.homeId}
              rows={paged.query.data?.items}
              onChange={(homeId) => setFilters({ homeId })}
            />
            <ResetFilters
              active={Boolean(filters.status || filters.homeId || filters.q)}
              onReset={() => setFilters({ status: undefined, homeId: undefined, q: undefined })}
            />
          </>
        }
        actions={
          <>
            <ExportButton path="/opinions/export.xlsx" filters={filters} />
            {hasAbility(session, ABILITIES.opinionCreate) && runsHomes ? (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => void navigate('/opinions/new')}
              >
                {t('opinions.create')}
              </Button>
            ) : null}
          </>
        }
      />
    </>
  );
}
