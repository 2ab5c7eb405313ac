import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Card, Col, Form, Input, Row, Select, Switch } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { HOME_KINDS, type HomeKind, VENUE_TYPES, type VenueType } from '../../../domain/home-workflow';
import { COVERAGE_KEY } from '../../api/coverage';
import {
  createHome,
  HOME_KEY,
  HOMES_KEY,
  type HomePatch,
  updateHome,
  useHome,
  useOwnerUnits,
} from '../../api/homes';
import { orgUnitOptions, useOrgUnits } from '../../api/orgUnits';
import {
  HOME_LEVELS,
  type HomeDetail,
  type HomeInput,
  type HomeLevel,
  type HomeOwnerUnit,
  type OrgUnitKind,
} from '../../api/types';
import { textOrNull, withoutNulls } from '../../components/format';
import { homeKindLabel, homeLevelLabel, labelOptions, venueTypeLabel } from '../../components/homeLabels';
import { MemberSelect } from '../../components/MemberSelect';
import { PageLoading } from '../../components/PageLoading';
import { RegionCascader } from '../../components/RegionCascader';
import { applyServerErrors } from '../../components/serverErrors';
import { URL_PATTERN } from '../../components/validation';
import { EditableFormPage, FormPage } from '../FormPage';

const FORM_FIELDS = [
  'name',
  'nameMn',
  'kind',
  'level',
  'ownerUnitId',
  'regionCode',
  'online',
  'onlineUrl',
  'brand',
  'specialty',
  'venueType',
  'address',
  'sharedWith',
  'equipment',
  'openingHours',
  'directorMemberId',
  'deputyMemberId',
  'memberIds',
] as const;

interface HomeFormValues {
  name: string;
  nameMn?: string;
  kind?: HomeKind;
  level?: HomeLevel;
  ownerUnitId?: string;
  regionCode?: string;
  online: boolean;
  onlineUrl?: string;
  brand?: string;
  specialty?: string;
  venueType?: VenueType;
  address?: string;
  sharedWith?: string;
  equipment?: string;
  openingHours?: string;
  directorMemberId?: string | null;
  deputyMemberId?: string | null;
  memberIds?: string[];
}

/** Units a home may belong to: a sector group's home to a sector group; else by level. */
export function ownerKindsOf(kind: HomeKind | undefined, level: HomeLevel | undefined): OrgUnitKind[] {
  if (kind === 'sector_group') return ['sector_group'];
  if (level === 'district') return ['district'];
  if (level === 'municipal') return ['office', 'committee', 'sector_group'];
  return [];
}

/** Whether a new home of this kind and level (either not chosen yet) may belong to the unit. */
const ownerFits = (owner: HomeOwnerUnit, kind: HomeKind | undefined, level: HomeLevel | undefined) =>
  (!kind || owner.kinds.includes(kind)) && (!level || owner.level === level);

/**
 * The banners/districts a home may lie in: its owner's, once chosen (a district's homes lie in that
 * district); else those of the units it may still belong to; anywhere (undefined) for a municipal unit.
 */
function regionsWithin(owners: readonly HomeOwnerUnit[]): string[] | undefined {
  const codes = owners.map((owner) => owner.regionCode);
  if (codes.length === 0 || codes.some((code) => code === null)) return undefined;
  return [...new Set(codes as string[])];
}

/** 新建委员之家 (/homes/new) and 编辑 (/homes/:id/edit). */
export default function HomeFormPage() {
  const { id } = useParams();
  const home = useHome(id);
  // a new home is offered only the units the user may register it under and what their homes may
  // be (level, kinds, where they lie), as the server says; a single choice is preselected
  const owners = useOwnerUnits(!id);
  const orgUnits = useOrgUnits();
  if (!id && (owners.isPending || orgUnits.isPending)) return <PageLoading />;
  return (
    <EditableFormPage
      id={id}
      record={home}
      form={(data) => <HomeForm home={data} owners={id ? undefined : (owners.data?.items ?? [])} />}
    />
  );
}

function HomeForm({ home, owners }: { home?: HomeDetail; owners?: HomeOwnerUnit[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const orgUnits = useOrgUnits();
  const [form] = Form.useForm<HomeFormValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const kind = Form.useWatch('kind', form);
  const level = Form.useWatch('level', form);
  const ownerUnitId = Form.useWatch('ownerUnitId', form);
  const online = Form.useWatch('online', form) ?? home?.online ?? false;

  const allUnits = orgUnits.data ?? [];
  // the units this home may belong to: for a new one, those the server offers that fit its kind and level
  const fitting = useMemo(
    () => owners?.filter((owner) => ownerFits(owner, kind, level)),
    [owners, kind, level],
  );
  const units = useMemo(
    () => (fitting ? allUnits.filter((unit) => fitting.some((owner) => owner.id === unit.id)) : allUnits),
    [allUnits, fitting],
  );
  const ownerKinds = useMemo(() => ownerKindsOf(kind, level), [kind, level]);
  const ownerOptions = useMemo(() => orgUnitOptions(t, units, ownerKinds), [t, units, ownerKinds]);
  // the kinds and levels the user may register: a district clerk registers district homes only,
  // and no sector group's home
  const kinds = HOME_KINDS.filter((value) => !owners || owners.some((owner) => owner.kinds.includes(value)));
  const levels = HOME_LEVELS.filter((value) => !owners || owners.some((owner) => owner.level === value));
  const only = owners?.length === 1 ? owners[0] : undefined;
  // where it may lie: within its owner's banner/district; an edited district home within its own
  const editedOwner =
    home?.level === 'district' ? allUnits.find((u) => u.id === home.ownerUnitId) : undefined;
  const within = useMemo(() => {
    if (home) return editedOwner?.regionCode ? [editedOwner.regionCode] : undefined;
    const chosen = owners?.find((owner) => owner.id === ownerUnitId);
    return regionsWithin(chosen ? [chosen] : (fitting ?? []));
  }, [home, editedOwner, owners, ownerUnitId, fitting]);

  const initialValues: Partial<HomeFormValues> = home
    ? {
        name: home.name,
        nameMn: home.nameMn ?? undefined,
        kind: home.kind,
        level: home.level,
        ownerUnitId: home.ownerUnitId,
        regionCode: home.regionCode ?? undefined,
        online: home.online,
        onlineUrl: home.onlineUrl ?? undefined,
        brand: home.brand ?? undefined,
        specialty: home.specialty ?? undefined,
        venueType: home.venueType ?? undefined,
        address: home.address ?? undefined,
        sharedWith: home.sharedWith ?? undefined,
        equipment: home.equipment ?? undefined,
        openingHours: home.openingHours ?? undefined,
        directorMemberId: home.directorMemberId,
        deputyMemberId: home.deputyMemberId,
        memberIds: home.memberIds,
      }
    : {
        online: false,
        memberIds: [],
        ...(levels.length === 1 ? { level: levels[0] } : {}),
        ...(only ? { ownerUnitId: only.id } : {}),
        ...(only?.regionCode ? { regionCode: only.regionCode } : {}),
      };

  /**
   * Keeps the chosen place within where the home may lie: one outside it gives way to the single
   * banner/district it may lie in (or to nothing), and an empty one starts from that district.
   */
  const syncRegion = (choices: readonly HomeOwnerUnit[], regionCode: string | undefined) => {
    const allowed = regionsWithin(choices);
    if (!allowed) return;
    if (regionCode && allowed.some((code) => regionCode.startsWith(code))) return;
    form.setFieldValue('regionCode', allowed.length === 1 ? allowed[0] : undefined);
  };

  const save = useMutation({
    mutationFn: (values: HomeFormValues) => {
      const isOnline = Boolean(values.online);
      const facts: HomePatch = {
        name: values.name.trim(),
        nameMn: textOrNull(values.nameMn),
        regionCode: values.regionCode ?? null,
        online: isOnline,
        onlineUrl: isOnline ? textOrNull(values.onlineUrl) : null,
        brand: textOrNull(values.brand),
        specialty: textOrNull(values.specialty),
        // An online studio has no venue.
        venueType: isOnline ? null : (values.venueType ?? null),
        address: isOnline ? null : textOrNull(values.address),
        sharedWith: isOnline ? null : textOrNull(values.sharedWith),
        equipment: isOnline ? null : textOrNull(values.equipment),
        openingHours: textOrNull(values.openingHours),
        directorMemberId: values.directorMemberId ?? null,
        deputyMemberId: values.deputyMemberId ?? null,
        memberIds: values.memberIds ?? [],
      };
      // Kind, level and unit are set once, at registration; an edit sends only what may change.
      if (home) return updateHome(home.id, facts);
      const input: HomeInput = {
        ...facts,
        name: facts.name ?? '',
        online: isOnline,
        kind: values.kind as HomeKind,
        level: values.level as HomeLevel,
        ownerUnitId: values.ownerUnitId ?? '',
      };
      return createHome(withoutNulls(input));
    },
    onSuccess: async (saved) => {
      for (const warning of saved.warnings ?? []) void message.warning(warning.message, 8);
      void message.success(t(home ? 'homes.form.updated' : 'homes.form.created', { name: saved.name }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [HOMES_KEY] }),
        queryClient.invalidateQueries({ queryKey: [HOME_KEY, saved.id] }),
        queryClient.invalidateQueries({ queryKey: COVERAGE_KEY }),
      ]);
      void navigate(`/homes/${encodeURIComponent(saved.id)}`);
    },
    onError: (error) => setFormErrors(applyServerErrors(form, error, FORM_FIELDS)),
  });

  const back = home ? `/homes/${encodeURIComponent(home.id)}` : '/homes';
  const half = { xs: 24, md: 12 };

  return (
    <FormPage<HomeFormValues>
      title={home ? t('homes.form.editTitle', { name: home.name }) : t('homes.form.createTitle')}
      back={back}
      errorsTitle={t('homes.form.saveFailed')}
      formErrors={formErrors}
      saving={save.isPending}
      form={form}
      name="home"
      initialValues={initialValues}
      onValuesChange={(changed: Partial<HomeFormValues>, all) => {
        if (home || !owners) return;
        if ('kind' in changed || 'level' in changed) {
          // the chosen unit stays unless the new kind or level rules it out; a single unit left is chosen
          const still = owners.filter((owner) => ownerFits(owner, all.kind, all.level));
          const owner =
            still.find((o) => o.id === all.ownerUnitId) ?? (still.length === 1 ? still[0] : undefined);
          if (owner?.id !== all.ownerUnitId) form.setFieldValue('ownerUnitId', owner?.id);
          // a kind only one level may have (a sector group's home is municipal) sets the level
          const levelsLeft = [...new Set(still.map((o) => o.level))];
          if (!all.level && levelsLeft.length === 1) form.setFieldValue('level', levelsLeft[0]);
          syncRegion(owner ? [owner] : still, all.regionCode);
        }
        if ('ownerUnitId' in changed) {
          const owner = owners.find((o) => o.id === changed.ownerUnitId);
          syncRegion(
            owner ? [owner] : owners.filter((o) => ownerFits(o, all.kind, all.level)),
            all.regionCode,
          );
        }
      }}
      onFinish={(values) => {
        setFormErrors([]);
        save.mutate(values);
      }}
    >
      <Card size="small" title={t('homes.form.basicSection')}>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item
              label={t('homes.name')}
              name="name"
              rules={[{ required: true, whitespace: true, message: t('homes.form.nameRequired') }]}
            >
              <Input autoComplete="off" maxLength={60} showCount />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('homes.nameMn')} name="nameMn" extra="改动后成为草稿，须经翻译人员审校">
              <Input lang="mn-Mong" autoComplete="off" maxLength={200} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={t('homes.kind')}
              name="kind"
              rules={[{ required: true, message: t('homes.form.kindRequired') }]}
            >
              <Select
                disabled={Boolean(home)}
                options={labelOptions(home ? HOME_KINDS : kinds, (value) => homeKindLabel(t, value))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={t('homes.level')}
              name="level"
              rules={[{ required: true, message: t('homes.form.levelRequired') }]}
            >
              <Select
                disabled={Boolean(home)}
                options={labelOptions(levels, (value) => homeLevelLabel(t, value))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={t('homes.ownerUnit')}
              name="ownerUnitId"
              extra={home ? t('homes.form.fixedAfterCreate') : undefined}
              rules={[{ required: true, message: t('homes.form.ownerRequired') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={ownerOptions}
                loading={orgUnits.isPending}
                disabled={Boolean(home) || ownerKinds.length === 0}
                placeholder={ownerKinds.length === 0 ? t('homes.form.ownerPickFirst') : undefined}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={t('homes.region')}
              name="regionCode"
              dependencies={['kind']}
              rules={[
                { required: level === 'district', message: t('homes.form.regionRequired') },
                {
                  // a township's home lies in a township, a village's in a village (as the server checks)
                  validator: async (_, value: string | undefined) => {
                    if (value && kind === 'township' && value.length !== 9)
                      throw new Error(t('homes.form.regionTownship'));
                    if (value && kind === 'village' && value.length !== 12)
                      throw new Error(t('homes.form.regionVillage'));
                  },
                },
              ]}
            >
              <RegionCascader depth={3} within={within} placeholder={t('homes.form.regionPlaceholder')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('homes.brand')} name="brand">
              <Input autoComplete="off" maxLength={100} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('homes.specialty')} name="specialty">
              <Input autoComplete="off" maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('homes.form.venueSection')}>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item label={t('homes.online')} name="online" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={t('homes.openingHours')} name="openingHours">
              <Input
                autoComplete="off"
                maxLength={200}
                placeholder={t('homes.form.openingHoursPlaceholder')}
              />
            </Form.Item>
          </Col>
          {online ? (
            <Col {...half}>
              <Form.Item
                label={t('homes.onlineUrl')}
                name="onlineUrl"
                rules={[
                  { required: true, whitespace: true, message: t('homes.form.onlineUrlRequired') },
                  { pattern: URL_PATTERN, message: t('homes.form.onlineUrlInvalid') },
                ]}
              >
                <Input type="url" autoComplete="off" placeholder="https://" />
              </Form.Item>
            </Col>
          ) : (
            <>
              <Col {...half}>
                <Form.Item label={t('homes.venueType')} name="venueType">
                  <Select
                    allowClear
                    options={labelOptions(VENUE_TYPES, (value) => venueTypeLabel(t, value))}
                  />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item label={t('homes.address')} name="address">
                  <Input autoComplete="off" maxLength={200} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item label={t('homes.sharedWith')} name="sharedWith">
                  <Input autoComplete="off" maxLength={200} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item label={t('homes.equipment')} name="equipment">
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
      </Card>
      <Card size="small" title={t('homes.form.peopleSection')}>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item label={t('homes.director')} name="directorMemberId">
              <MemberSelect known={home?.members} placeholder={t('homes.form.memberPlaceholder')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={t('homes.deputy')}
              name="deputyMemberId"
              dependencies={['directorMemberId']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, value: string | null | undefined) => {
                    if (value && value === getFieldValue('directorMemberId')) {
                      throw new Error(t('homes.form.sameDirectorDeputy'));
                    }
                  },
                }),
              ]}
            >
              <MemberSelect known={home?.members} placeholder={t('homes.form.memberPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label={t('homes.members')} name="memberIds">
              <MemberSelect multiple known={home?.members} placeholder={t('homes.form.memberPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
    </FormPage>
  );
}
