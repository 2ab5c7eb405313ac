import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { saveSummary, useSummary, useSummaryWindow } from '../../../api/operations';
import type { HomeDetail, Summary } from '../../../api/types';
import { useYearParam } from '../../../hooks/useYearParam';
import { YearlyDocumentFacts, YearlyDocumentForm, YearlyDocumentTab } from './YearlyDocument';

/**
 * 年度总结 tab: the summary of a year; who runs the home writes it while the server says the year
 * is open (until 31 January after).
 */
export function SummaryTab({ home }: { home: HomeDetail }) {
  const [year, setYear] = useYearParam();
  const summary = useSummary(home.id, year);
  const editWindow = useSummaryWindow(home.id, year);
  return (
    <YearlyDocumentTab<Summary>
      kind="summary"
      home={home}
      year={year}
      setYear={setYear}
      query={summary}
      editWindow={editWindow}
      view={(data) => <YearlyDocumentFacts kind="summary" doc={data} />}
      form={(data, onDone) => <SummaryForm home={home} year={year} summary={data} onDone={onDone} />}
    />
  );
}

function SummaryForm({
  home,
  year,
  summary,
  onDone,
}: {
  home: HomeDetail;
  year: number;
  summary: Summary | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  return (
    // 409 "已过修改期限" has no field: it shows above the form.
    <YearlyDocumentForm<{ content: string }, Summary>
      kind="summary"
      home={home}
      year={year}
      doc={summary}
      initialValues={{ content: summary?.content ?? '' }}
      fields={['content']}
      save={(values) => saveSummary(home.id, year, values.content.trim())}
      onDone={onDone}
    >
      <Form.Item
        label={t('summaries.content')}
        name="content"
        rules={[{ required: true, whitespace: true, message: t('summaries.contentRequired') }]}
      >
        <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} maxLength={50000} />
      </Form.Item>
    </YearlyDocumentForm>
  );
}
