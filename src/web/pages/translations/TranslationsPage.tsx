import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Flex,
  Form,
  Modal,
  Popconfirm,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  MONGOLIAN_NAMES_KEY,
  saveMongolianName,
  saveTranslation,
  TRANSLATIONS_KEY,
} from '../../api/translations';
import { ABILITIES, type MongolianNameRow, type Translation } from '../../api/types';
import { hasAbility, useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { FilterSelect, ResetFilters } from '../../components/FilterBar';
import { FormErrors } from '../../components/FormErrors';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { SearchInput } from '../../components/SearchInput';
import { applyServerErrors } from '../../components/serverErrors';
import { type PagedQuery, usePagedQuery } from '../../hooks/usePagedQuery';
import { useSetParams } from '../../hooks/useSetParams';
import { SignPrints } from '../homes/SignPrints';

type State = Translation['state'];
const STATE_COLORS: Record<State, string> = { missing: 'default', draft: 'orange', reviewed: 'green' };
const TABS = ['strings', 'names'] as const;
const FILTER_PARAMS = { q: undefined, state: undefined, area: undefined, kind: undefined, page: undefined };

/** The `{{name}}` marks of a phrase, which its translation keeps. */
const marksOf = (text: string) => [...text.matchAll(/\{\{\w+\}\}/g)].map((m) => m[0]);

/**
 * 蒙古文译文 (/translations): the translators' workbench. The product's strings and the names of
 * regions, units and homes, each with its Chinese, its Mongolian set vertically as the portal and
 * the phone pages set it, and its review state; a translator writes, corrects and marks reviewed,
 * and a save takes effect at once. The office reads it to see what is still a draft.
 */
export default function TranslationsPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const setParams = useSetParams();
  const tab = searchParams.get('tab') === 'names' ? 'names' : 'strings';
  return (
    <>
      <PageHeader title={t('translations.title')} />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('translations.intro')} />
      <Tabs
        activeKey={tab}
        onChange={(next) => setParams({ ...FILTER_PARAMS, tab: next === TABS[0] ? undefined : next })}
        destroyOnHidden
        items={[
          { key: 'strings', label: t('translations.stringsTab'), children: <StringsTab /> },
          { key: 'names', label: t('translations.namesTab'), children: <NamesTab /> },
        ]}
      />
    </>
  );
}

function StateTag({ state }: { state: State }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLORS[state]}>{t(`translations.states.${state}`)}</Tag>;
}

/** Mongolian as the portal sets it: top to bottom, columns left to right, scrolling sideways. */
function Vertical({ text }: { text: string | null }) {
  if (!text) return <Typography.Text type="secondary">-</Typography.Text>;
  return (
    <div lang="mn-Mong" className="mn-vertical">
      {text}
    </div>
  );
}

type Filter = 'q' | 'state' | 'area' | 'kind';

/**
 * One list of the workbench: the Chinese (with what places it under it), the Mongolian set
 * vertically, the state, and — for a translator — 翻译 or 编辑, which opens `editor`; the filter
 * bar: a search, the list's own choice (`filter`), the state.
 */
function Workbench<T extends object, F extends Filter>({
  paged,
  rowKey,
  chinese,
  mongolian,
  state,
  more = [],
  filter,
  editor,
}: {
  paged: PagedQuery<T, F | 'q' | 'state'>;
  rowKey: (item: T) => string;
  chinese: { title: string; main: (item: T) => string; sub: (item: T) => string };
  mongolian: (item: T) => string | null;
  state: (item: T) => ReactNode;
  /** columns of the list's own, after the state */
  more?: ColumnsType<T>;
  filter: ReactNode;
  editor: (item: T, close: () => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const canEdit = hasAbility(session, ABILITIES.translationEdit);
  const { filters, setFilters, resetFilters } = paged;
  const [editing, setEditing] = useState<T | null>(null);
  const columns: ColumnsType<T> = [
    {
      title: chinese.title,
      key: 'chinese',
      render: (_, item) => (
        <div style={{ maxWidth: 320, wordBreak: 'break-word' }}>
          <div>{chinese.main(item)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {chinese.sub(item)}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('translations.text'), key: 'text', render: (_, item) => <Vertical text={mongolian(item)} /> },
    { title: t('translations.state'), key: 'state', render: (_, item) => state(item) },
    ...more,
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, item: T) => (
              <Button size="small" onClick={() => setEditing(item)}>
                {mongolian(item) ? t('translations.edit') : t('translations.write')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <DataTable<T, F | 'q' | 'state'>
        paged={paged}
        rowKey={rowKey}
        columns={columns}
        filters={
          <>
            <SearchInput
              value={filters.q}
              placeholder={t('translations.searchPlaceholder')}
              onSearch={(q) => setFilters({ q } as Partial<Record<F | 'q' | 'state', string>>)}
            />
            {filter}
            <FilterSelect
              value={filters.state}
              options={(['missing', 'draft', 'reviewed'] as const).map((value) => ({
                value,
                label: t(`translations.states.${value}`),
              }))}
              placeholder={t('translations.statePlaceholder')}
              width={120}
              onChange={(value) => setFilters({ state: value } as Partial<Record<F | 'q' | 'state', string>>)}
            />
            <ResetFilters active={Object.keys(filters).length > 0} onReset={resetFilters} />
          </>
        }
        actions={
          canEdit ? null : <Typography.Text type="secondary">{t('translations.readOnly')}</Typography.Text>
        }
      />
      {editing ? editor(editing, () => setEditing(null)) : null}
    </>
  );
}

function StringsTab() {
  const { t } = useTranslation();
  const paged = usePagedQuery<Translation, 'q' | 'state' | 'area'>({
    key: TRANSLATIONS_KEY,
    path: '/translations',
    filters: ['q', 'state', 'area'],
  });
  return (
    <Workbench<Translation, 'area'>
      paged={paged}
      rowKey={(item) => item.key}
      chinese={{ title: t('translations.source'), main: (item) => item.source, sub: (item) => item.key }}
      mongolian={(item) => item.text}
      state={(item) => (
        <Flex vertical gap={4} align="start">
          <StateTag state={item.state} />
          {item.sourceChanged ? (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('translations.sourceChanged')}
            </Typography.Text>
          ) : null}
        </Flex>
      )}
      more={[
        {
          title: t('translations.updated'),
          key: 'updated',
          render: (_, item) =>
            item.updatedAt ? (
              <span>
                {item.updatedByName ?? t('translations.shipped')}
                <br />
                <Typography.Text type="secondary">{formatDateTime(item.updatedAt)}</Typography.Text>
              </span>
            ) : (
              '-'
            ),
        },
      ]}
      filter={
        <FilterSelect
          value={paged.filters.area}
          options={(['phone', 'print', 'errors'] as const).map((value) => ({
            value,
            label: t(`translations.areas.${value}`),
          }))}
          placeholder={t('translations.areaPlaceholder')}
          width={140}
          onChange={(area) => paged.setFilters({ area })}
        />
      }
      editor={(item, close) => (
        <EditModal
          title={t('translations.editTitle')}
          source={item.source}
          text={item.text}
          reviewed={item.state === 'reviewed'}
          marks={marksOf(item.source)}
          queryKey={TRANSLATIONS_KEY}
          save={(values) => saveTranslation(item.key, { text: values.text, reviewed: values.reviewed })}
          onClose={close}
        />
      )}
    />
  );
}

function NamesTab() {
  const { t } = useTranslation();
  const paged = usePagedQuery<MongolianNameRow, 'q' | 'state' | 'kind'>({
    key: MONGOLIAN_NAMES_KEY,
    path: '/translations/names',
    filters: ['q', 'state', 'kind'],
  });
  return (
    <Workbench<MongolianNameRow, 'kind'>
      paged={paged}
      rowKey={(item) => `${item.kind}:${item.id}`}
      chinese={{
        title: t('translations.name'),
        main: (item) => item.name,
        sub: (item) => `${t(`translations.kinds.${item.kind}`)}${item.context ? ` · ${item.context}` : ''}`,
      }}
      mongolian={(item) => item.nameMn}
      state={(item) => <StateTag state={item.state} />}
      more={[
        {
          // a home's name as its sign and boards print it, to check before they go to the maker
          title: t('translations.prints'),
          key: 'prints',
          render: (_, item) => (item.kind === 'home' ? <SignPrints homeId={item.id} size="small" /> : null),
        },
      ]}
      filter={
        <FilterSelect
          value={paged.filters.kind}
          options={(['region', 'org_unit', 'home'] as const).map((value) => ({
            value,
            label: t(`translations.kinds.${value}`),
          }))}
          placeholder={t('translations.kindPlaceholder')}
          width={130}
          onChange={(kind) => paged.setFilters({ kind })}
        />
      }
      editor={(item, close) => (
        <EditModal
          title={t('translations.editNameTitle')}
          source={item.name}
          text={item.nameMn}
          reviewed={item.state === 'reviewed'}
          marks={[]}
          queryKey={MONGOLIAN_NAMES_KEY}
          save={(values) =>
            saveMongolianName(item.kind, item.id, { nameMn: values.text, reviewed: values.reviewed })
          }
          clear={
            item.nameMn
              ? () => saveMongolianName(item.kind, item.id, { nameMn: null, reviewed: false })
              : undefined
          }
          onClose={close}
        />
      )}
    />
  );
}

interface EditValues {
  text: string;
  reviewed: boolean;
}

/**
 * Writing one Mongolian text: the Chinese above, the Mongolian in a native textarea set vertically
 * (antd's inputs do not work inside vertical text), 已审校 to mark it checked, and — for a name —
 * 清除 after a confirmation.
 */
function EditModal({
  title,
  source,
  text,
  reviewed,
  marks,
  queryKey,
  save,
  clear,
  onClose,
}: {
  title: string;
  source: string;
  text: string | null;
  reviewed: boolean;
  marks: string[];
  queryKey: string;
  save: (values: EditValues) => Promise<unknown>;
  clear?: () => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EditValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const done = async (notice: string) => {
    void message.success(notice);
    onClose();
    await queryClient.invalidateQueries({ queryKey: [queryKey] });
  };
  const saving = useMutation({
    mutationFn: (values: EditValues) => save({ text: values.text.trim(), reviewed: values.reviewed }),
    onSuccess: () => done(t('translations.saved')),
    onError: (error) => setFormErrors(applyServerErrors(form, error, ['text', 'nameMn'])),
  });
  const clearing = useMutation({
    mutationFn: () => (clear ? clear() : Promise.resolve()),
    onSuccess: () => done(t('translations.cleared')),
    onError: (error) => setFormErrors(applyServerErrors(form, error, [])),
  });
  return (
    <Modal
      open
      title={title}
      okText={t('translations.saveDraft')}
      cancelText={t('common.cancel')}
      confirmLoading={saving.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      width={640}
      footer={(buttons) => (
        <Flex justify="space-between" wrap gap={8}>
          <span>
            {clear ? (
              <Popconfirm
                title={t('translations.clearConfirm', { name: source })}
                okText={t('translations.clearName')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => clearing.mutate()}
              >
                <Button danger loading={clearing.isPending}>
                  {t('translations.clearName')}
                </Button>
              </Popconfirm>
            ) : null}
          </span>
          <Flex gap={8}>{buttons}</Flex>
        </Flex>
      )}
    >
      <FormErrors title={t('translations.saveFailed')} errors={formErrors} />
      <Typography.Paragraph>
        <Typography.Text type="secondary">{t('translations.source')}：</Typography.Text>
        {source}
      </Typography.Paragraph>
      <Form<EditValues>
        form={form}
        name="translation"
        layout="vertical"
        disabled={saving.isPending || clearing.isPending}
        initialValues={{ text: text ?? '', reviewed }}
        // what the server refused goes once the text is changed
        onValuesChange={() => setFormErrors([])}
        onFinish={(values) => {
          setFormErrors([]);
          saving.mutate(values);
        }}
      >
        <Form.Item
          label={t('translations.textLabel')}
          validateTrigger={['onChange', 'onBlur']}
          name="text"
          extra={marks.length ? t('translations.placeholders', { marks: marks.join('、') }) : undefined}
          rules={[{ required: true, whitespace: true, message: t('translations.textRequired') }]}
        >
          <textarea lang="mn-Mong" className="mn-vertical-input" spellCheck={false} maxLength={2000} />
        </Form.Item>
        <Form.Item name="reviewed" valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox>
            <Tooltip title={t('translations.intro')}>{t('translations.reviewed')}</Tooltip>
          </Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
