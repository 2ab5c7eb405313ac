import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useProposal } from '../../api/records';
import { PlainText } from '../opinions/opinionParts';
import { OutputDetail } from './OutputDetail';
import { memberNames, originLinks, ProposalStatusTag } from './outputParts';

/** 提案 detail (/proposals/:id). */
export default function ProposalDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const proposal = useProposal(id);
  return (
    <OutputDetail
      record={proposal}
      back="/proposals"
      tags={(data) => <ProposalStatusTag status={data.status} />}
      items={(data) => {
        const origin = originLinks(data);
        return [
          { key: 'number', label: t('proposals.number'), children: data.number ?? '-' },
          { key: 'submittedOn', label: t('proposals.submittedOn'), children: data.submittedOn },
          { key: 'lead', label: t('proposals.lead'), children: data.lead.name },
          { key: 'cosigners', label: t('proposals.cosigners'), children: memberNames(data.cosigners) },
          { key: 'home', label: t('outputs.home'), children: origin.home },
          { key: 'activity', label: t('outputs.activity'), children: origin.activity },
          {
            key: 'status',
            label: t('proposals.status'),
            children: <ProposalStatusTag status={data.status} />,
          },
          { key: 'decidedOn', label: t('proposals.decidedOn'), children: data.decidedOn ?? '-' },
          {
            key: 'handlingResult',
            label: t('proposals.handlingResult'),
            span: 'filled',
            children: <PlainText>{data.handlingResult}</PlainText>,
          },
        ];
      }}
    />
  );
}
