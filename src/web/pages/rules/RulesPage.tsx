import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Empty, Flex, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRules } from '../../api/operations';
import { ABILITIES, type Rule } from '../../api/types';
import { hasAbility, useSession } from '../../auth/session';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { RuleFormModal } from './RuleFormModal';
import { RuleBody, reviseColumn, ruleColumns, sortRules } from './ruleParts';

/** 制度库 (/rules): the unified rules every home inherits, each version; the office issues new ones. */
export default function RulesPage() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const rules = useRules();
  const [onlyCurrent, setOnlyCurrent] = useState(false);
  const [issuing, setIssuing] = useState<{ open: boolean; seq: number; base?: Rule }>({
    open: false,
    seq: 0,
  });
  const mayIssue = hasAbility(session, ABILITIES.rulesIssue);

  const unified = sortRules((rules.data ?? []).filter((rule) => rule.homeId === null));
  const shown = onlyCurrent ? unified.filter((rule) => rule.current) : unified;
  const columns: ColumnsType<Rule> = [
    ...ruleColumns<Rule>(t),
    ...(mayIssue
      ? reviseColumn(t, unified, (rule) =>
          setIssuing((prev) => ({ open: true, seq: prev.seq + 1, base: rule })),
        )
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('rules.title')}
        extra={
          mayIssue ? (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setIssuing((prev) => ({ open: true, seq: prev.seq + 1 }))}
            >
              {t('rules.issue')}
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        <Checkbox checked={onlyCurrent} onChange={(event) => setOnlyCurrent(event.target.checked)}>
          {t('rules.onlyCurrent')}
        </Checkbox>
        {rules.isError ? (
          <LoadError error={rules.error} onRetry={() => void rules.refetch()} />
        ) : (
          <Table<Rule>
            size="middle"
            rowKey="id"
            columns={columns}
            dataSource={shown}
            loading={rules.isFetching}
            scroll={{ x: 'max-content' }}
            expandable={{ expandedRowRender: (rule) => <RuleBody rule={rule} />, expandRowByClick: true }}
            pagination={
              shown.length > 20
                ? { pageSize: 20, showTotal: (total) => t('common.total', { count: total }) }
                : false
            }
            locale={{
              emptyText: rules.isPending ? (
                <span />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rules.none')} />
              ),
            }}
          />
        )}
      </Flex>
      <RuleFormModal
        key={issuing.seq}
        open={issuing.open}
        base={issuing.base}
        onClose={() => setIssuing((prev) => ({ ...prev, open: false }))}
      />
    </>
  );
}
