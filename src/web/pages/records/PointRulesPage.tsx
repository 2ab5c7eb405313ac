import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePointRules, usePointRulesets } from '../../api/records';
import { ABILITIES, type PointRuleRow, type PointRuleset } from '../../api/types';
import { hasAbility, useSession } from '../../auth/session';
import { formatDateTime } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { YearSelect } from '../../components/YearSelect';
import { useYearParam } from '../../hooks/useYearParam';
import { RulesetEditor } from './RulesetEditor';

/**
 * 积分规则 (/point-rules): the rules in force for a year and the versions; the office edits them
 * (a version applies from its year until the next one).
 */
export default function PointRulesPage() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const [year, setYear] = useYearParam();
  const rules = usePointRules(year);
  const [editing, setEditing] = useState(false);
  const [recomputed, setRecomputed] = useState<number[] | null>(null);
  const admin = hasAbility(session, ABILITIES.recordAdmin);

  return (
    <>
      <PageHeader
        title={t('pointRules.title')}
        extra={
          <>
            <YearSelect value={year} onChange={setYear} from={2021} />
            {admin && !editing && rules.data ? (
              <Button type="primary" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
                {t('pointRules.edit')}
              </Button>
            ) : null}
          </>
        }
      />
      {recomputed ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setRecomputed(null) }}
          style={{ marginBottom: 16 }}
          title={
            recomputed.length > 0
              ? t('pointRules.recomputed', { years: recomputed.join('、') })
              : t('pointRules.recomputedNone')
          }
        />
      ) : null}
      {rules.isPending ? (
        <Skeleton active />
      ) : rules.isError ? (
        <LoadError error={rules.error} onRetry={() => void rules.refetch()} />
      ) : editing ? (
        <RulesetEditor
          year={year}
          ruleset={rules.data}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            setRecomputed(saved.recomputedYears);
            setYear(saved.validFromYear);
          }}
        />
      ) : (
        <Flex vertical gap={16}>
          <RulesetView ruleset={rules.data} year={year} />
          <Versions />
        </Flex>
      )}
    </>
  );
}

function RulesetView({ ruleset, year }: { ruleset: PointRuleset; year: number }) {
  const { t } = useTranslation();
  const capText = (cap: number | null) => (cap === null ? t('pointRules.noCap') : cap);
  const columns: ColumnsType<PointRuleRow> = [
    { title: t('pointRules.ruleLabel'), dataIndex: 'label', key: 'label' },
    {
      title: t('pointRules.points'),
      key: 'points',
      render: (_, rule) => t('pointRules.pointsPer', { points: rule.points, unit: rule.unit }),
    },
    { title: t('pointRules.itemCap'), key: 'cap', render: (_, rule) => capText(rule.cap) },
  ];
  return (
    <Card
      size="small"
      title={t('pointRules.inForce', { year, from: ruleset.validFromYear })}
      extra={ruleset.note ? <Typography.Text type="secondary">{ruleset.note}</Typography.Text> : null}
    >
      <Flex vertical gap={16}>
        {ruleset.categories.map((category) => (
          <section key={category.category}>
            <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
              <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
                {category.label}
              </Typography.Title>
              <Tag>{t('pointRules.categoryCap', { cap: capText(category.cap) })}</Tag>
            </Flex>
            <Table<PointRuleRow>
              size="small"
              rowKey="item"
              pagination={false}
              columns={columns}
              dataSource={ruleset.rules.filter((rule) => rule.category === category.category)}
              tableLayout="fixed"
            />
          </section>
        ))}
      </Flex>
    </Card>
  );
}

function Versions() {
  const { t } = useTranslation();
  const versions = usePointRulesets();
  return (
    <Card size="small" title={t('pointRules.versions')}>
      {versions.isError ? (
        <LoadError error={versions.error} onRetry={() => void versions.refetch()} />
      ) : (
        <Table
          size="small"
          rowKey="validFromYear"
          loading={versions.isPending}
          pagination={false}
          dataSource={versions.data ?? []}
          columns={[
            {
              title: t('pointRules.validFrom'),
              key: 'from',
              render: (_, version) => t('pointRules.fromYear', { year: version.validFromYear }),
            },
            { title: t('pointRules.note'), key: 'note', render: (_, version) => version.note ?? '-' },
            {
              title: t('pointRules.savedAt'),
              key: 'savedAt',
              render: (_, version) => formatDateTime(version.savedAt, false),
            },
          ]}
        />
      )}
    </Card>
  );
}
