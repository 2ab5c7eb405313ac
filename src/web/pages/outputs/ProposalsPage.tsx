import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PROPOSAL_STATUSES } from '../../../domain/duty-record';
import { PROPOSALS_KEY } from '../../api/records';
import type { Proposal } from '../../api/types';
import { FilterSelect } from '../../components/FilterBar';
import { OutputListPage } from './OutputListPage';
import { memberNames, ProposalStatusTag, proposalPath } from './outputParts';

/** 提案 (/proposals): the register of proposals of the members in scope, by year. */
export default function ProposalsPage() {
  const { t } = useTranslation();
  const columns: ColumnsType<Proposal> = [
    { title: t('proposals.number'), key: 'number', render: (_, item) => item.number ?? '-' },
    {
      title: t('proposals.titleLabel'),
      key: 'title',
      render: (_, item) => (
        <Link
          to={proposalPath(item.id)}
          style={{ wordBreak: 'break-word', display: 'inline-block', maxWidth: 360 }}
        >
          {item.title}
        </Link>
      ),
    },
    { title: t('proposals.lead'), key: 'lead', render: (_, item) => item.lead.name },
    {
      title: t('proposals.cosigners'),
      key: 'cosigners',
      render: (_, item) => (
        <span style={{ display: 'inline-block', maxWidth: 220 }}>{memberNames(item.cosigners)}</span>
      ),
    },
    {
      title: t('proposals.status'),
      key: 'status',
      render: (_, item) => <ProposalStatusTag status={item.status} />,
    },
    { title: t('proposals.submittedOn'), dataIndex: 'submittedOn', key: 'submittedOn' },
  ];
  return (
    <OutputListPage<Proposal>
      title={t('proposals.title')}
      queryKey={PROPOSALS_KEY}
      path="/proposals"
      exportPath="/proposals/export.xlsx"
      columns={columns}
      searchPlaceholder={t('proposals.searchPlaceholder')}
      createLabel={t('proposals.create')}
      extraFilters={(filters, setFilters) => (
        <FilterSelect
          value={filters.status}
          options={PROPOSAL_STATUSES.map((status) => ({
            value: status,
            label: t(`proposalStatuses.${status}`),
          }))}
          placeholder={t('proposals.statusPlaceholder')}
          width={120}
          onChange={(status) => setFilters({ status })}
        />
      )}
    />
  );
}
