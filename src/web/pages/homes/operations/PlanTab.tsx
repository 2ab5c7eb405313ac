import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Form, Input, Select, Skeleton, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ACTIVITY_KINDS, type ActivityKind } from '../../../../domain/activities';
import { QUARTERS, yearRange } from '../../../../domain/calendar';
import { useActivitiesInRange } from '../../../api/activities';
import { savePlan, usePlan } from '../../../api/operations';
import type { Activity, HomeDetail, Plan, PlanItem } from '../../../api/types';
import { ACTIVITY_STATUS_COLORS, activityKindLabel, quarterLabel } from '../../../components/activityLabels';
import { labelOptions } from '../../../components/homeLabels';
import { useYearParam } from '../../../hooks/useYearParam';
import { activityPath } from '../../activities/activityParts';
import { YearlyDocumentFacts, YearlyDocumentForm, YearlyDocumentTab } from './YearlyDocument';

/** 年度计划 tab: the plan of a year, its items and which of them have been carried out. */
export function PlanTab({ home }: { home: HomeDetail }) {
  const [year, setYear] = useYearParam();
  const plan = usePlan(home.id, year);
  return (
    <YearlyDocumentTab<Plan>
      kind="plan"
      home={home}
      year={year}
      setYear={setYear}
      query={plan}
      view={(data) => <PlanView home={home} plan={data} />}
      form={(data, onDone) => <PlanForm home={home} year={year} plan={data} onDone={onDone} />}
    />
  );
}

function PlanView({ home, plan }: { home: HomeDetail; plan: Plan }) {
  const { t } = useTranslation();
  const { start, end } = yearRange(plan.year);
  const linked = plan.items.some((item) => item.activityIds.length > 0);
  const activities = useActivitiesInRange(start, end, { homeId: home.id }, linked);
  const byId = useMemo(
    () => new Map((activities.data?.items ?? []).map((activity) => [activity.id, activity])),
    [activities.data],
  );

  const columns: ColumnsType<PlanItem> = [
    {
      title: t('plans.quarter'),
      key: 'quarter',
      width: 90,
      render: (_, item) => t('common.quarterShort', { quarter: item.quarter }),
    },
    { title: t('plans.itemTitle'), key: 'title', render: (_, item) => item.title },
    { title: t('plans.kind'), key: 'kind', render: (_, item) => activityKindLabel(t, item.kind) },
    {
      title: t('plans.done'),
      key: 'done',
      render: (_, item) => (
        <PlanItemActivities ids={item.activityIds} byId={byId} loading={activities.isPending && linked} />
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <YearlyDocumentFacts kind="plan" doc={plan} />
      <Table<PlanItem>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={[...plan.items].sort((a, b) => a.quarter - b.quarter)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plans.noItems')} />,
        }}
      />
    </Flex>
  );
}

/** The activities linked to a plan item: held ones first; "尚未开展" when none was held. */
function PlanItemActivities({
  ids,
  byId,
  loading,
}: {
  ids: string[];
  byId: Map<string, Activity>;
  loading: boolean;
}) {
  const { t } = useTranslation();
  if (loading) return <Skeleton.Input active size="small" />;
  const linked = ids.map((id) => ({ id, activity: byId.get(id) }));
  const held = linked.filter((entry) => entry.activity?.status === 'held');
  const others = linked.filter(
    (entry) => entry.activity?.status !== 'held' && entry.activity?.status !== 'cancelled',
  );
  return (
    <Flex wrap gap={4} align="center">
      {held.length === 0 ? <Typography.Text type="secondary">{t('plans.notDone')}</Typography.Text> : null}
      {[...held, ...others].map(({ id, activity }) => (
        <Tag key={id} color={activity ? ACTIVITY_STATUS_COLORS[activity.status] : undefined}>
          <Link to={activityPath(id)}>{activity?.title ?? t('common.view')}</Link>
        </Tag>
      ))}
    </Flex>
  );
}

interface PlanFormValues {
  content: string;
  items: { title?: string; quarter?: number; kind?: ActivityKind }[];
}

function PlanForm({
  home,
  year,
  plan,
  onDone,
}: {
  home: HomeDetail;
  year: number;
  plan: Plan | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const quarterOptions = QUARTERS.map((quarter) => ({
    value: quarter,
    label: quarterLabel(t, quarter),
  }));
  const kindOptions = labelOptions(ACTIVITY_KINDS, (kind) => activityKindLabel(t, kind));

  return (
    <YearlyDocumentForm<PlanFormValues, Plan>
      kind="plan"
      home={home}
      year={year}
      doc={plan}
      initialValues={{
        content: plan?.content ?? '',
        items:
          plan?.items.map(({ title, quarter, kind }) => ({ title, quarter, kind: kind as ActivityKind })) ??
          [],
      }}
      fields={['content', 'items']}
      save={(values) =>
        savePlan(home.id, year, {
          content: values.content.trim(),
          items: (values.items ?? []).map((item) => ({
            title: (item.title ?? '').trim(),
            quarter: item.quarter as number,
            kind: item.kind as ActivityKind,
          })),
        })
      }
      onDone={onDone}
      buttonsStyle={{ marginTop: 16 }}
    >
      <Form.Item
        label={t('plans.content')}
        name="content"
        rules={[{ required: true, whitespace: true, message: t('plans.contentRequired') }]}
      >
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={20000} />
      </Form.Item>
      <Typography.Text strong>{t('plans.items')}</Typography.Text>
      {plan?.items.some((item) => item.activityIds.length > 0) ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 8px' }}>
          {t('plans.itemsKeepLinks')}
        </Typography.Paragraph>
      ) : null}
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8} style={{ marginTop: 8 }}>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} wrap align="flex-start">
                <Form.Item
                  name={[field.name, 'title']}
                  rules={[{ required: true, whitespace: true, message: t('plans.itemTitleRequired') }]}
                  style={{ flex: '1 1 220px', marginBottom: 0 }}
                >
                  <Input
                    placeholder={t('plans.itemTitle')}
                    aria-label={t('plans.itemTitle')}
                    maxLength={200}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'quarter']}
                  rules={[{ required: true, message: t('plans.quarterRequired') }]}
                  style={{ width: 120, marginBottom: 0 }}
                >
                  <Select
                    options={quarterOptions}
                    placeholder={t('plans.quarter')}
                    aria-label={t('plans.quarter')}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'kind']}
                  rules={[{ required: true, message: t('plans.kindRequired') }]}
                  style={{ width: 180, marginBottom: 0 }}
                >
                  <Select options={kindOptions} placeholder={t('plans.kind')} aria-label={t('plans.kind')} />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('plans.removeItem')}
                  title={t('plans.removeItem')}
                  onClick={() => remove(field.name)}
                />
              </Flex>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add({})}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('plans.addItem')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </YearlyDocumentForm>
  );
}
