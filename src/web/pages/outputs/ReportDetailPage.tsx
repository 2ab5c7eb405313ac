import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useReport } from '../../api/records';
import { PlainText } from '../opinions/opinionParts';
import { OutputDetail } from './OutputDetail';
import { memberNames, originLinks } from './outputParts';

/** 调研报告 detail (/research-reports/:id). */
export default function ReportDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const report = useReport(id);
  return (
    <OutputDetail
      record={report}
      back="/research-reports"
      items={(data) => {
        const origin = originLinks(data);
        return [
          { key: 'completedOn', label: t('reports.completedOn'), children: data.completedOn },
          { key: 'members', label: t('reports.members'), children: memberNames(data.members) },
          { key: 'home', label: t('outputs.home'), children: origin.home },
          { key: 'activity', label: t('outputs.activity'), children: origin.activity },
          {
            key: 'summary',
            label: t('reports.summary'),
            span: 'filled',
            children: <PlainText>{data.summary}</PlainText>,
          },
        ];
      }}
    />
  );
}
