import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  Form,
  Modal,
  Skeleton,
  Table,
  Tag,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '../../../api/allowed';
import { HOME_OPS_KEY, postRules, useHomeRules } from '../../../api/operations';
import type { HomeDetail, PostedRule, Rule } from '../../../api/types';
import { beijingToday } from '../../../components/beijingTime';
import { FormErrors } from '../../../components/FormErrors';
import { LoadError } from '../../../components/LoadError';
import { applyServerErrors } from '../../../components/serverErrors';
import { RuleFormModal } from '../../rules/RuleFormModal';
import { RuleBody, reviseColumn, ruleColumns, sortRules } from '../../rules/ruleParts';
import { SignageSection } from './SignageSection';

/** 制度与标牌 tab: the unified rules and whether each is posted, the home's own rules, the signs. */
export function RulesTab({ home }: { home: HomeDetail }) {
  const { t } = useTranslation();
  const rules = useHomeRules(home.id);
  const canEdit = allows(home, 'update');
  const [posting, setPosting] = useState({ open: false, seq: 0 });
  const [adding, setAdding] = useState<{ open: boolean; seq: number; base?: Rule }>({ open: false, seq: 0 });

  const unposted = sortRules(rules.data?.unified.filter((rule) => !rule.posted) ?? []);
  const supplementary = sortRules(rules.data?.supplementary ?? []);
  const supplementaryColumns: ColumnsType<Rule> = [
    ...ruleColumns<Rule>(t),
    ...(canEdit
      ? reviseColumn(t, supplementary, (rule) =>
          setAdding((prev) => ({ open: true, seq: prev.seq + 1, base: rule })),
        )
      : []),
  ];
  const unifiedColumns: ColumnsType<PostedRule> = [
    ...ruleColumns<PostedRule>(t),
    {
      title: t('rules.postedStatus'),
      key: 'posted',
      render: (_, rule) =>
        rule.posted ? (
          <Tag color="green">
            {t('rules.posted')}
            {rule.postedOn ? ` ${rule.postedOn}` : ''}
          </Tag>
        ) : (
          <Tag color={rule.current ? 'red' : 'default'}>{t('rules.notPosted')}</Tag>
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={t('rules.unified')}
        extra={
          canEdit && unposted.length > 0 ? (
            <Button
              size="small"
              type="primary"
              icon={<CheckOutlined aria-hidden />}
              onClick={() => setPosting((prev) => ({ open: true, seq: prev.seq + 1 }))}
            >
              {t('rules.markPosted')}
            </Button>
          ) : null
        }
      >
        {rules.isPending ? (
          <Skeleton active />
        ) : rules.isError ? (
          <LoadError error={rules.error} onRetry={() => void rules.refetch()} />
        ) : (
          <Flex vertical gap={12}>
            {rules.data.unified.length > 0 ? (
              <Alert
                type={rules.data.allCurrentPosted ? 'success' : 'warning'}
                showIcon
                title={rules.data.allCurrentPosted ? t('rules.allPosted') : t('rules.notAllPosted')}
              />
            ) : null}
            <RuleTable rules={sortRules(rules.data.unified)} columns={unifiedColumns} />
          </Flex>
        )}
      </Card>
      <Card
        size="small"
        title={t('rules.supplementary')}
        extra={
          canEdit ? (
            <Button
              size="small"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setAdding((prev) => ({ open: true, seq: prev.seq + 1 }))}
            >
              {t('rules.addSupplementary')}
            </Button>
          ) : null
        }
      >
        {rules.data ? (
          <RuleTable
            rules={supplementary}
            columns={supplementaryColumns}
            emptyText={t('rules.noSupplementary')}
          />
        ) : rules.isPending ? (
          <Skeleton active title={false} />
        ) : null}
      </Card>
      <SignageSection home={home} />
      <PostRulesModal
        key={`post-${posting.seq}`}
        open={posting.open}
        home={home}
        rules={unposted}
        onClose={() => setPosting((prev) => ({ ...prev, open: false }))}
      />
      <RuleFormModal
        key={`rule-${adding.seq}`}
        open={adding.open}
        homeId={home.id}
        base={adding.base}
        onClose={() => setAdding((prev) => ({ ...prev, open: false }))}
      />
    </Flex>
  );
}

function RuleTable<T extends Rule>({
  rules,
  columns,
  emptyText,
}: {
  rules: T[];
  columns: ColumnsType<T>;
  emptyText?: string;
}) {
  const { t } = useTranslation();
  return (
    <Table<T>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={rules}
      pagination={rules.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 'max-content' }}
      expandable={{ expandedRowRender: (rule) => <RuleBody rule={rule} /> }}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? t('rules.none')} />,
      }}
    />
  );
}

interface PostValues {
  ruleIds: string[];
  postedOn?: Dayjs;
}

/** 标记为已上墙: which unified rules (the current ones pre-checked) and on which day. */
function PostRulesModal({
  open,
  home,
  rules,
  onClose,
}: {
  open: boolean;
  home: HomeDetail;
  rules: PostedRule[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PostValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const save = useMutation({
    mutationFn: (values: PostValues) =>
      postRules(home.id, values.ruleIds, (values.postedOn as Dayjs).format('YYYY-MM-DD')),
    onSuccess: async (saved, values) => {
      queryClient.setQueryData([HOME_OPS_KEY, home.id, 'rules'], saved);
      void message.success(t('rules.postedDone', { count: values.ruleIds.length }));
      onClose();
      await queryClient.invalidateQueries({ queryKey: [HOME_OPS_KEY, home.id] });
    },
    onError: (error) => setFormErrors(applyServerErrors(form, error, ['ruleIds', 'postedOn'])),
  });

  return (
    <Modal
      open={open}
      title={t('rules.markPostedTitle')}
      okText={t('rules.markPosted')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <FormErrors title={t('rules.saveFailed')} errors={formErrors} />
      <Form<PostValues>
        form={form}
        name="rule-postings"
        layout="vertical"
        disabled={save.isPending}
        initialValues={{
          ruleIds: rules.filter((rule) => rule.current).map((rule) => rule.id),
          postedOn: beijingToday(),
        }}
        onFinish={(values) => {
          setFormErrors([]);
          save.mutate(values);
        }}
      >
        <Form.Item
          label={t('rules.pickRules')}
          name="ruleIds"
          rules={[{ required: true, type: 'array', min: 1, message: t('rules.pickRulesRequired') }]}
        >
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {rules.map((rule) => (
              <Checkbox key={rule.id} value={rule.id} style={{ minHeight: 32 }}>
                {rule.title}（{rule.version}）
                {rule.current ? null : <Tag style={{ marginInlineStart: 8 }}>{t('rules.superseded')}</Tag>}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item
          label={t('rules.postedOn')}
          name="postedOn"
          rules={[{ required: true, message: t('rules.postedOnRequired') }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            format="YYYY-MM-DD"
            disabledDate={(day) => day.isAfter(beijingToday(), 'day')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
