import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Descriptions, type DescriptionsProps, Flex, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '../../api/allowed';
import { errorMessage } from '../../api/client';
import { revealPhone } from '../../api/members';
import { useOrgUnitName } from '../../api/orgUnits';
import type { Member } from '../../api/types';
import { displayPhone } from '../../components/format';
import { genderLabel, memberLevelLabel } from '../../components/homeLabels';

/** All fields of a member; the full phone number on request when the server allows it (audited). */
export function MemberProfile({ member }: { member: Member }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const orgUnitName = useOrgUnitName();
  const [revealed, setRevealed] = useState<string | null>(null);

  const reveal = useMutation({
    mutationFn: () => revealPhone(member.id),
    onSuccess: ({ phone }) => setRevealed(phone),
    onError: (error) => void message.error(errorMessage(error)),
  });

  const confirmReveal = () =>
    modal.confirm({
      title: t('members.revealConfirmTitle'),
      content: t('members.revealConfirm'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () => reveal.mutateAsync().catch(() => undefined),
    });

  const unitName = (id: string | null) => (id ? orgUnitName(id) : '-');
  const phone = revealed ?? displayPhone(member.phone, member.phoneMasked);

  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('members.name'), children: member.name },
    { key: 'gender', label: t('members.gender'), children: genderLabel(t, member.gender) },
    { key: 'ethnicity', label: t('members.ethnicity'), children: member.ethnicity ?? '-' },
    { key: 'level', label: t('members.level'), children: memberLevelLabel(t, member.level) },
    { key: 'orgUnit', label: t('members.orgUnit'), children: unitName(member.orgUnitId) },
    { key: 'sectorGroup', label: t('members.sectorGroup'), children: unitName(member.sectorGroupId) },
    { key: 'sector', label: t('members.sector'), children: member.sector ?? '-' },
    { key: 'employer', label: t('members.employer'), children: member.employer ?? '-' },
    { key: 'title', label: t('members.jobTitle'), children: member.title ?? '-' },
    {
      key: 'phone',
      label: t('members.phone'),
      children: (
        <Flex gap={8} align="center" wrap>
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>{phone ?? '-'}</span>
          {allows(member, 'reveal_phone') && member.phoneMasked && member.phone && !revealed ? (
            <Button
              size="small"
              icon={<EyeOutlined aria-hidden />}
              loading={reveal.isPending}
              onClick={confirmReveal}
            >
              {t('members.revealPhone')}
            </Button>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'expertise',
      label: t('members.expertise'),
      span: 'filled',
      children:
        member.expertise.length > 0 ? (
          <Flex gap={4} wrap>
            {member.expertise.map((item) => (
              <Tag key={item}>{item}</Tag>
            ))}
          </Flex>
        ) : (
          '-'
        ),
    },
  ];

  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 2, xl: 3 }}
      items={items}
      styles={{ label: { whiteSpace: 'nowrap' } }}
    />
  );
}
