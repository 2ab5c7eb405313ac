import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Drawer, Flex, Form, Grid, Input, Radio, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '../../api/allowed';
import { createMember, MEMBER_KEY, MEMBERS_KEY, updateMember } from '../../api/members';
import { flatOrgUnitOptions, useOrgUnits } from '../../api/orgUnits';
import {
  GENDERS,
  type Gender,
  MEMBER_LEVELS,
  type Member,
  type MemberInput,
  type MemberLevel,
} from '../../api/types';
import { FormErrors } from '../../components/FormErrors';
import { textOrNull } from '../../components/format';
import { genderLabel, labelOptions, memberLevelLabel } from '../../components/homeLabels';
import { applyServerErrors } from '../../components/serverErrors';
import { PHONE_PATTERN } from '../../components/validation';

/** Suggestions for the free-text 民族 field: stored values (as the roster writes them), not UI labels. */
const ETHNICITIES = ['汉族', '蒙古族', '回族', '满族', '达斡尔族', '鄂温克族', '鄂伦春族', '朝鲜族', '藏族'];

const FORM_FIELDS = [
  'name',
  'gender',
  'ethnicity',
  'level',
  'orgUnitId',
  'sectorGroupId',
  'sector',
  'employer',
  'title',
  'expertise',
  'phone',
] as const;

interface MemberFormValues {
  name: string;
  gender?: Gender;
  ethnicity?: string;
  level?: MemberLevel;
  orgUnitId?: string;
  sectorGroupId?: string;
  sector?: string;
  employer?: string;
  title?: string;
  expertise?: string[];
  phone?: string;
}

interface MemberFormDrawerProps {
  open: boolean;
  /** The member being edited; absent to create one. */
  member?: Member;
  onClose: () => void;
  onSaved?: (member: Member) => void;
}

/** The unit of a member's CPPCC follows the level: the municipal committee, or one of the districts. */
const unitKindsOf = (level: MemberLevel | undefined) =>
  level === 'district' ? (['district'] as const) : level ? (['municipal'] as const) : [];

/**
 * Create / edit a member in a drawer (full width on a phone). A member editing their own record
 * (`allowedActions` without 'update', with 'update_contact') sees only the phone. Mount with a new `key` for each opening.
 */
export function MemberFormDrawer({ open, member, onClose, onSaved }: MemberFormDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const orgUnits = useOrgUnits();
  const [form] = Form.useForm<MemberFormValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const contactOnly = Boolean(member && allows(member, 'update_contact') && !allows(member, 'update'));
  const level = Form.useWatch('level', form);

  const units = orgUnits.data ?? [];
  const municipalId = units.find((unit) => unit.kind === 'municipal')?.id;
  const unitOptions = useMemo(() => flatOrgUnitOptions(units, unitKindsOf(level)), [units, level]);
  const groupOptions = useMemo(() => flatOrgUnitOptions(units, ['sector_group']), [units]);
  const levelOptions = labelOptions(MEMBER_LEVELS, (value) => memberLevelLabel(t, value));
  const genderOptions = labelOptions(GENDERS, (value) => genderLabel(t, value));

  const initialValues: Partial<MemberFormValues> = member
    ? {
        name: member.name,
        gender: member.gender,
        ethnicity: member.ethnicity ?? undefined,
        level: member.level,
        orgUnitId: member.orgUnitId,
        sectorGroupId: member.sectorGroupId ?? undefined,
        sector: member.sector ?? undefined,
        employer: member.employer ?? undefined,
        title: member.title ?? undefined,
        expertise: member.expertise,
        // A masked number cannot be saved back: the field starts empty ("leave empty to keep").
        phone: member.phoneMasked ? '' : (member.phone ?? ''),
      }
    : { expertise: [] };

  const save = useMutation({
    mutationFn: async (values: MemberFormValues): Promise<Member | null> => {
      const phone = textOrNull(values.phone);
      const keepPhone = Boolean(member?.phoneMasked) && !phone;
      if (member && contactOnly) {
        return keepPhone ? null : updateMember(member.id, { phone });
      }
      const input: MemberInput = {
        name: values.name.trim(),
        gender: values.gender as Gender,
        ethnicity: textOrNull(values.ethnicity),
        level: values.level as MemberLevel,
        orgUnitId: values.orgUnitId ?? '',
        sectorGroupId: values.sectorGroupId ?? null,
        sector: textOrNull(values.sector),
        employer: textOrNull(values.employer),
        title: textOrNull(values.title),
        expertise: (values.expertise ?? []).map((item) => item.trim()).filter(Boolean),
        phone,
      };
      if (member) {
        if (keepPhone) delete input.phone;
        return updateMember(member.id, input);
      }
      // A new member: leave out what is empty.
      const created = Object.fromEntries(
        Object.entries(input).filter(([, value]) => value !== null && value !== ''),
      ) as unknown as MemberInput;
      return createMember(created);
    },
    onSuccess: async (saved) => {
      if (saved) {
        void message.success(
          t(member ? 'members.form.updated' : 'members.form.created', { name: saved.name }),
        );
        queryClient.setQueryData([MEMBER_KEY, saved.id], saved);
        await queryClient.invalidateQueries({ queryKey: [MEMBERS_KEY] });
        onSaved?.(saved);
      }
      onClose();
    },
    onError: (error) => setFormErrors(applyServerErrors(form, error, FORM_FIELDS)),
  });

  let title: string = t('members.form.createTitle');
  if (member)
    title = contactOnly ? t('members.form.contactTitle') : t('members.form.editTitle', { name: member.name });

  const phoneItem = (
    <Form.Item
      label={t('members.phone')}
      name="phone"
      extra={member?.phoneMasked ? t('members.form.phoneMaskedHint') : undefined}
      rules={[{ pattern: PHONE_PATTERN, message: t('members.form.phoneRule') }]}
    >
      <Input inputMode="numeric" autoComplete="off" maxLength={11} />
    </Form.Item>
  );

  return (
    <Drawer
      open={open}
      title={title}
      size={screens.sm === false ? '100%' : 560}
      onClose={onClose}
      mask={{ closable: false }}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <FormErrors title={t('members.form.saveFailed')} errors={formErrors} />
      {contactOnly ? (
        <Alert type="info" showIcon title={t('members.form.contactOnlyHint')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<MemberFormValues>
        form={form}
        name="member"
        layout="vertical"
        initialValues={initialValues}
        disabled={save.isPending}
        onFinish={(values) => {
          setFormErrors([]);
          save.mutate(values);
        }}
      >
        {contactOnly ? (
          phoneItem
        ) : (
          <>
            <Form.Item
              label={t('members.name')}
              name="name"
              rules={[{ required: true, whitespace: true, message: t('members.form.nameRequired') }]}
            >
              <Input autoComplete="off" maxLength={50} />
            </Form.Item>
            <Form.Item
              label={t('members.gender')}
              name="gender"
              rules={[{ required: true, message: t('members.form.genderRequired') }]}
            >
              <Radio.Group options={genderOptions} />
            </Form.Item>
            <Form.Item label={t('members.ethnicity')} name="ethnicity">
              <AutoComplete
                options={ETHNICITIES.map((value) => ({ value }))}
                placeholder={t('members.form.ethnicityPlaceholder')}
                showSearch={{
                  filterOption: (input, option) => String(option?.value ?? '').includes(input.trim()),
                }}
              />
            </Form.Item>
            <Form.Item
              label={t('members.level')}
              name="level"
              rules={[{ required: true, message: t('members.form.levelRequired') }]}
            >
              <Select
                options={levelOptions}
                onChange={(next: MemberLevel) =>
                  form.setFieldValue('orgUnitId', next === 'district' ? undefined : municipalId)
                }
              />
            </Form.Item>
            <Form.Item
              label={t('members.orgUnit')}
              name="orgUnitId"
              rules={[{ required: true, message: t('members.form.orgUnitRequired') }]}
            >
              <Select
                options={unitOptions}
                loading={orgUnits.isPending}
                disabled={!level}
                placeholder={level ? undefined : t('members.form.orgUnitPickLevel')}
              />
            </Form.Item>
            <Form.Item label={t('members.sectorGroup')} name="sectorGroupId">
              <Select allowClear options={groupOptions} loading={orgUnits.isPending} />
            </Form.Item>
            <Form.Item label={t('members.sector')} name="sector">
              <Input autoComplete="off" maxLength={50} />
            </Form.Item>
            <Form.Item label={t('members.employer')} name="employer">
              <Input autoComplete="off" maxLength={100} />
            </Form.Item>
            <Form.Item label={t('members.jobTitle')} name="title">
              <Input autoComplete="off" maxLength={100} />
            </Form.Item>
            <Form.Item label={t('members.expertise')} name="expertise">
              <Select
                mode="tags"
                open={false}
                tokenSeparators={[',', '，', '、', ';', '；']}
                placeholder={t('members.form.expertisePlaceholder')}
              />
            </Form.Item>
            {phoneItem}
          </>
        )}
      </Form>
    </Drawer>
  );
}
