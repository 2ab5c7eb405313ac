import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REPORTS_KEY } from '../../api/records';
import type { ResearchReport } from '../../api/types';
import { OutputListPage } from './OutputListPage';
import { memberNames, reportPath } from './outputParts';

/** 调研报告 (/research-reports): the register of research reports of the members in scope, by year. */
export default function ResearchReportsPage() {
  const { t } = useTranslation();
  const columns: ColumnsType<ResearchReport> = [
    {
      title: t('reports.titleLabel'),
      key: 'title',
      render: (_, item) => (
        <Link
          to={reportPath(item.id)}
          style={{ wordBreak: 'break-word', display: 'inline-block', maxWidth: 360 }}
        >
          {item.title}
        </Link>
      ),
    },
    {
      title: t('reports.members'),
      key: 'members',
      render: (_, item) => (
        <span style={{ display: 'inline-block', maxWidth: 260 }}>{memberNames(item.members)}</span>
      ),
    },
    { title: t('outputs.home'), key: 'home', render: (_, item) => item.homeName ?? '-' },
    { title: t('reports.completedOn'), dataIndex: 'completedOn', key: 'completedOn' },
  ];
  return (
    <OutputListPage<ResearchReport>
      title={t('reports.title')}
      queryKey={REPORTS_KEY}
      path="/research-reports"
      exportPath="/research-reports/export.xlsx"
      columns={columns}
      searchPlaceholder={t('reports.searchPlaceholder')}
      createLabel={t('reports.create')}
    />
  );
}
