import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Card, Checkbox, Col, DatePicker, type DatePickerProps, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ACTIVITY_KINDS, type ActivityKind } from '../../../domain/activities';
import {
  ACTIVITIES_KEY,
  ACTIVITY_KEY,
  createActivity,
  updateActivity,
  useActivity,
} from '../../api/activities';
import { useHome } from '../../api/homes';
import { HOME_OPS_KEY, usePlan } from '../../api/operations';
import { orgUnitOptions, useOrgUnits } from '../../api/orgUnits';
import type { Activity, ActivityInput } from '../../api/types';
import { activityKindLabel, kindFunctionLabel } from '../../components/activityLabels';
import { beijingClock, fromBeijingClock } from '../../components/beijingTime';
import { textOrNull, withoutNulls } from '../../components/format';
import { HomeSelect, type KnownHome } from '../../components/HomeSelect';
import { labelOptions } from '../../components/homeLabels';
import { MemberSelect } from '../../components/MemberSelect';
import { PageLoading } from '../../components/PageLoading';
import { applyServerErrors } from '../../components/serverErrors';
import { EditableFormPage, FormPage } from '../FormPage';
import { activityPath } from './activityParts';
import { CitizenCountField, DepartmentsField, OutcomesField } from './HeldModal';

const FORM_FIELDS = [
  'title',
  'kind',
  'hostHomeIds',
  'jointUnitIds',
  'startsAt',
  'endsAt',
  'place',
  'planItemId',
  'summary',
  'status',
  'attendeeMemberIds',
  'citizenCount',
  'departments',
  'outcomes',
] as const;

interface ActivityFormValues {
  title: string;
  kind?: ActivityKind;
  hostHomeIds: string[];
  jointUnitIds: string[];
  startsAt?: Dayjs;
  endsAt?: Dayjs;
  place?: string;
  planItemId?: string | null;
  summary?: string;
  /** A new activity recorded after it was held: with its attendance and outcomes in one step. */
  held?: boolean;
  attendeeMemberIds?: string[];
  citizenCount?: number | null;
  departments?: string[];
  outcomes?: string;
}

const MAX_HOSTS = 10;

/** The start and the end: a date and a time to the minute, in Beijing time. */
const DATE_TIME_PICKER: DatePickerProps = {
  showTime: { format: 'HH:mm' },
  format: 'YYYY-MM-DD HH:mm',
  style: { width: '100%' },
  // Enter in a date-time field confirms the typed value; it must not also submit the whole form.
  onKeyDown: (event) => {
    if (event.key === 'Enter') event.preventDefault();
  },
};

/** 新建活动 (/activities/new, `?homeId=` pre-selects the host) and 编辑 (/activities/:id/edit). */
export default function ActivityFormPage() {
  const { id } = useParams();
  const activity = useActivity(id);
  return <EditableFormPage id={id} record={activity} form={(data) => <ActivityForm activity={data} />} />;
}

/** The year of the plan an activity belongs to: the Beijing year of its start (this year if unset). */
const planYearOf = (startsAt: Dayjs | undefined) => (startsAt ?? beijingClock()).year();

function ActivityForm({ activity }: { activity?: Activity }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const orgUnits = useOrgUnits();
  const [form] = Form.useForm<ActivityFormValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const presetHomeId = activity ? undefined : (searchParams.get('homeId') ?? undefined);
  const presetHome = useHome(presetHomeId);
  const knownHomes: KnownHome[] = activity?.hostHomes ?? (presetHome.data ? [presetHome.data] : []);

  const kind = Form.useWatch('kind', form);
  const hostHomeIds = Form.useWatch('hostHomeIds', form);
  const startsAt = Form.useWatch('startsAt', form);
  const held = Form.useWatch('held', form) === true;
  const firstHost = hostHomeIds?.[0] ?? activity?.hostHomeIds[0] ?? presetHomeId;
  const planYear = planYearOf(startsAt ?? (activity ? beijingClock(activity.startsAt) : undefined));
  const plan = usePlan(firstHost, planYear);

  const jointOptions = useMemo(
    () => orgUnitOptions(t, orgUnits.data ?? [], ['committee', 'sector_group']),
    [t, orgUnits.data],
  );
  const planOptions = useMemo(() => {
    const options = (plan.data?.items ?? []).map((item) => ({
      value: item.id,
      label: `${t('common.quarterShort', { quarter: item.quarter })} · ${item.title}（${activityKindLabel(t, item.kind)}）`,
    }));
    // The linked item of an activity being edited stays visible even if the plan has changed since.
    const linked = activity?.planItemId;
    if (linked && !options.some((option) => option.value === linked)) {
      options.unshift({ value: linked, label: t('activities.planItemLinked') });
    }
    return options;
  }, [plan.data, activity?.planItemId, t]);

  const initialValues: Partial<ActivityFormValues> = activity
    ? {
        title: activity.title,
        kind: activity.kind,
        hostHomeIds: activity.hostHomeIds,
        jointUnitIds: activity.jointUnitIds,
        startsAt: beijingClock(activity.startsAt),
        endsAt: beijingClock(activity.endsAt),
        place: activity.place ?? undefined,
        planItemId: activity.planItemId,
        summary: activity.summary ?? undefined,
      }
    : { hostHomeIds: presetHomeId ? [presetHomeId] : [], jointUnitIds: [] };

  const save = useMutation({
    mutationFn: (values: ActivityFormValues) => {
      const input: ActivityInput = {
        title: values.title.trim(),
        kind: values.kind as ActivityKind,
        hostHomeIds: values.hostHomeIds,
        jointUnitIds: values.jointUnitIds ?? [],
        startsAt: fromBeijingClock(values.startsAt as Dayjs),
        endsAt: fromBeijingClock(values.endsAt as Dayjs),
        place: textOrNull(values.place),
        planItemId: values.planItemId ?? null,
        summary: textOrNull(values.summary),
      };
      if (activity) return updateActivity(activity.id, input);
      if (values.held) {
        input.status = 'held';
        input.attendeeMemberIds = values.attendeeMemberIds ?? [];
        input.citizenCount = values.citizenCount ?? 0;
        input.departments = (values.departments ?? []).map((name) => name.trim()).filter(Boolean);
        input.outcomes = textOrNull(values.outcomes);
      }
      // A new activity leaves out what is empty.
      return createActivity(withoutNulls(input));
    },
    onSuccess: async (saved) => {
      void message.success(t(activity ? 'activities.updated' : 'activities.created', { title: saved.title }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [ACTIVITIES_KEY] }),
        queryClient.invalidateQueries({ queryKey: [ACTIVITY_KEY, saved.id] }),
        queryClient.invalidateQueries({ queryKey: [HOME_OPS_KEY] }),
      ]);
      void navigate(activityPath(saved.id));
    },
    onError: (error) => setFormErrors(applyServerErrors(form, error, FORM_FIELDS)),
  });

  const back = activity
    ? activityPath(activity.id)
    : presetHomeId
      ? `/homes/${encodeURIComponent(presetHomeId)}?tab=activities`
      : '/activities';
  const half = { xs: 24, md: 12 };
  if (presetHomeId && presetHome.isPending) return <PageLoading />;

  return (
    <FormPage<ActivityFormValues>
      title={activity ? t('activities.editTitle', { title: activity.title }) : t('activities.createTitle')}
      back={back}
      errorsTitle={t('activities.saveFailed')}
      formErrors={formErrors}
      saving={save.isPending}
      form={form}
      name="activity"
      initialValues={initialValues}
      onValuesChange={(changed: Partial<ActivityFormValues>, all) => {
        // Another first host or another year means another plan: its item no longer applies.
        const hostChanged = 'hostHomeIds' in changed && all.hostHomeIds?.[0] !== firstHost;
        const yearChanged =
          'startsAt' in changed && changed.startsAt && planYearOf(changed.startsAt) !== planYear;
        if ((hostChanged || yearChanged) && all.planItemId) form.setFieldValue('planItemId', null);
        // A plan item suggests the kind of activity.
        if ('planItemId' in changed && changed.planItemId && !all.kind) {
          const item = plan.data?.items.find((entry) => entry.id === changed.planItemId);
          if (item) form.setFieldValue('kind', item.kind);
        }
        // A start without an end: two hours by default.
        if ('startsAt' in changed && changed.startsAt && !all.endsAt) {
          form.setFieldValue('endsAt', changed.startsAt.add(2, 'hour'));
        }
      }}
      onFinish={(values) => {
        setFormErrors([]);
        save.mutate(values);
      }}
    >
      <Card size="small">
        <Row gutter={16}>
          <Col xs={24}>
            <Form.Item
              label={t('activities.name')}
              name="title"
              rules={[{ required: true, whitespace: true, message: t('activities.nameRequired') }]}
            >
              <Input autoComplete="off" maxLength={100} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={t('activities.kind')}
              name="kind"
              rules={[{ required: true, message: t('activities.kindRequired') }]}
              extra={kind ? t('activities.function', { name: kindFunctionLabel(t, kind) }) : undefined}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={labelOptions(ACTIVITY_KINDS, (value) => activityKindLabel(t, value))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={t('activities.hosts')}
              name="hostHomeIds"
              rules={[
                { required: true, type: 'array', min: 1, message: t('activities.hostsRequired') },
                { type: 'array', max: MAX_HOSTS, message: t('activities.hostsMax') },
              ]}
            >
              <HomeSelect multiple known={knownHomes} placeholder={t('activities.hostsPlaceholder')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={t('activities.startsAt')}
              name="startsAt"
              rules={[{ required: true, message: t('activities.startsAtRequired') }]}
            >
              <DatePicker {...DATE_TIME_PICKER} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={t('activities.endsAt')}
              name="endsAt"
              dependencies={['startsAt']}
              rules={[
                { required: true, message: t('activities.endsAtRequired') },
                ({ getFieldValue }) => ({
                  validator: async (_, value: Dayjs | undefined) => {
                    const start = getFieldValue('startsAt') as Dayjs | undefined;
                    if (value && start && !value.isAfter(start))
                      throw new Error(t('activities.endAfterStart'));
                  },
                }),
              ]}
            >
              <DatePicker {...DATE_TIME_PICKER} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('activities.place')} name="place">
              <Input autoComplete="off" maxLength={200} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('activities.jointUnits')} name="jointUnitIds">
              <Select
                mode="multiple"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={jointOptions}
                loading={orgUnits.isPending}
                placeholder={t('activities.jointUnitsPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              label={t('activities.planItem')}
              name="planItemId"
              extra={
                !firstHost
                  ? t('activities.planItemPickHost')
                  : plan.data === null
                    ? t('activities.planItemNone', { year: planYear })
                    : undefined
              }
            >
              <Select
                allowClear
                options={planOptions}
                loading={plan.isFetching}
                disabled={!firstHost}
                placeholder={t('activities.planItemPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label={t('activities.summary')} name="summary">
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={20000} />
            </Form.Item>
          </Col>
          {activity ? null : (
            <Col xs={24}>
              <Form.Item
                name="held"
                valuePropName="checked"
                extra={t('activities.recordHeldHint')}
                dependencies={['startsAt']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: async (_, checked: boolean | undefined) => {
                      const start = getFieldValue('startsAt') as Dayjs | undefined;
                      if (checked && start?.isAfter(beijingClock()))
                        throw new Error(t('activities.recordHeldFuture'));
                    },
                  }),
                ]}
              >
                <Checkbox>{t('activities.recordHeld')}</Checkbox>
              </Form.Item>
            </Col>
          )}
        </Row>
      </Card>
      {held && !activity ? (
        <Card size="small" title={t('activities.heldRecord')}>
          <Row gutter={16}>
            <Col xs={24}>
              <Form.Item label={t('activities.attendees')} name="attendeeMemberIds">
                <MemberSelect multiple placeholder={t('activities.attendeesPlaceholder')} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <CitizenCountField />
            </Col>
            <Col {...half}>
              <DepartmentsField />
            </Col>
            <Col xs={24}>
              <OutcomesField />
            </Col>
          </Row>
        </Card>
      ) : null}
    </FormPage>
  );
}
