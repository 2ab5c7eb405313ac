import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DUTY_ITEMS, type DutyItem } from '../../../domain/duty-record';
import { DUTY_RECORD_KEY, DUTY_RECORDS_KEY, POINT_RULES_KEY, saveRuleset } from '../../api/records';
import type { PointCategoryRow, PointRuleset, RulesetInput, SavedRuleset } from '../../api/types';
import { FormButtons, FormErrors } from '../../components/FormErrors';
import { textOrNull } from '../../components/format';
import { applyServerErrors } from '../../components/serverErrors';

interface RulesetValues {
  fromYear: number;
  note?: string;
  categories: PointCategoryRow[];
  rules: RulesetInput['rules'];
}

const FIELDS = ['fromYear', 'note', 'categories', 'rules'];

/**
 * The office's editor of the points rules: categories (code, name, cap) and items (which source,
 * category, name, points per unit, cap). Saved from a year on, after a confirmation.
 */
export function RulesetEditor({
  year,
  ruleset,
  onCancel,
  onSaved,
}: {
  year: number;
  ruleset: PointRuleset;
  onCancel: () => void;
  onSaved: (saved: SavedRuleset) => void;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RulesetValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const categories = Form.useWatch('categories', form) ?? ruleset.categories;

  const save = useMutation({
    mutationFn: (values: RulesetValues) =>
      saveRuleset(values.fromYear, {
        note: textOrNull(values.note),
        categories: values.categories.map((c) => ({ ...c, cap: c.cap ?? null })),
        rules: values.rules.map((r) => ({ ...r, cap: r.cap ?? null })),
      }),
    onSuccess: async (saved) => {
      void message.success(t('pointRules.saved'));
      onSaved(saved);
      await Promise.all(
        [POINT_RULES_KEY, DUTY_RECORDS_KEY, DUTY_RECORD_KEY].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key] }),
        ),
      );
    },
    onError: (error) => setFormErrors(applyServerErrors(form, error, FIELDS)),
  });

  const confirmSave = (values: RulesetValues) => {
    setFormErrors([]);
    modal.confirm({
      title: t('pointRules.saveConfirm', { year: values.fromYear }),
      content: t('pointRules.saveHint'),
      okText: t('common.save'),
      cancelText: t('common.cancel'),
      onOk: () => save.mutateAsync(values).catch(() => undefined),
    });
  };

  const required = (label: string) => [{ required: true, message: t('common.required', { label }) }];
  const capInput = (
    <InputNumber
      min={0}
      max={1000}
      precision={0}
      placeholder={t('pointRules.noCap')}
      style={{ width: 110 }}
    />
  );

  return (
    <>
      <FormErrors title={t('pointRules.saveFailed')} errors={formErrors} />
      <Form<RulesetValues>
        form={form}
        name="ruleset"
        layout="vertical"
        disabled={save.isPending}
        initialValues={{
          fromYear: year,
          note: ruleset.note ?? undefined,
          categories: ruleset.categories,
          rules: ruleset.rules as RulesetInput['rules'],
        }}
        onFinish={confirmSave}
      >
        <Flex vertical gap={16}>
          <Card size="small">
            <Flex gap={16} wrap>
              <Form.Item
                label={t('pointRules.validFrom')}
                name="fromYear"
                rules={required(t('pointRules.validFrom'))}
                extra={t('pointRules.validFromHint')}
              >
                <InputNumber min={2000} max={2100} precision={0} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item label={t('pointRules.note')} name="note" style={{ flex: 1, minWidth: 240 }}>
                <Input maxLength={500} autoComplete="off" />
              </Form.Item>
            </Flex>
          </Card>
          <Card size="small" title={t('pointRules.categories')}>
            <Form.List name="categories">
              {(fields, { add, remove }) => (
                <Flex vertical gap={4}>
                  {fields.map((field) => (
                    <Flex key={field.key} gap={8} wrap align="flex-start">
                      <Form.Item
                        name={[field.name, 'category']}
                        label={t('pointRules.categoryCode')}
                        rules={required(t('pointRules.categoryCode'))}
                      >
                        <Input style={{ width: 140 }} maxLength={30} autoComplete="off" />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'label']}
                        label={t('pointRules.categoryLabel')}
                        rules={required(t('pointRules.categoryLabel'))}
                      >
                        <Input style={{ width: 200 }} maxLength={30} autoComplete="off" />
                      </Form.Item>
                      <Form.Item name={[field.name, 'cap']} label={t('pointRules.cap')}>
                        {capInput}
                      </Form.Item>
                      <RemoveButton onClick={() => remove(field.name)} />
                    </Flex>
                  ))}
                  <AddButton label={t('pointRules.addCategory')} onClick={() => add({ cap: null })} />
                </Flex>
              )}
            </Form.List>
          </Card>
          <Card size="small" title={t('pointRules.rules')}>
            <Form.List name="rules">
              {(fields, { add, remove }) => (
                <Flex vertical gap={4}>
                  {fields.map((field) => (
                    <Flex key={field.key} gap={8} wrap align="flex-start">
                      <Form.Item
                        name={[field.name, 'item']}
                        label={t('pointRules.item')}
                        rules={required(t('pointRules.item'))}
                      >
                        <Select<DutyItem>
                          style={{ width: 200 }}
                          options={DUTY_ITEMS.map((item) => ({ value: item, label: t(`dutyItems.${item}`) }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'category']}
                        label={t('pointRules.category')}
                        rules={required(t('pointRules.category'))}
                      >
                        <Select
                          style={{ width: 150 }}
                          options={categories
                            .filter((c) => c?.category)
                            .map((c) => ({ value: c.category, label: c.label || c.category }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'label']}
                        label={t('pointRules.ruleLabel')}
                        rules={required(t('pointRules.ruleLabel'))}
                      >
                        <Input style={{ width: 200 }} maxLength={50} autoComplete="off" />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'points']}
                        label={t('pointRules.points')}
                        rules={required(t('pointRules.points'))}
                      >
                        <InputNumber min={0} max={100} precision={0} style={{ width: 90 }} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'unit']}
                        label={t('pointRules.unit')}
                        rules={required(t('pointRules.unit'))}
                      >
                        <Input style={{ width: 70 }} maxLength={10} autoComplete="off" />
                      </Form.Item>
                      <Form.Item name={[field.name, 'cap']} label={t('pointRules.itemCap')}>
                        {capInput}
                      </Form.Item>
                      <RemoveButton onClick={() => remove(field.name)} />
                    </Flex>
                  ))}
                  <AddButton label={t('pointRules.addRule')} onClick={() => add({ points: 1, cap: null })} />
                </Flex>
              )}
            </Form.List>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('pointRules.capHint')}
            </Typography.Paragraph>
          </Card>
          <FormButtons onCancel={onCancel} saving={save.isPending} />
        </Flex>
      </Form>
    </>
  );
}

function RemoveButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button
      type="text"
      danger
      icon={<DeleteOutlined aria-hidden />}
      aria-label={t('pointRules.remove')}
      title={t('pointRules.remove')}
      onClick={onClick}
      style={{ marginTop: 30 }}
    />
  );
}

function AddButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button
      type="dashed"
      icon={<PlusOutlined aria-hidden />}
      onClick={onClick}
      style={{ alignSelf: 'flex-start' }}
    >
      {label}
    </Button>
  );
}
