import { PaperClipOutlined } from '@ant-design/icons';
import { Descriptions, type DescriptionsProps, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentUrl } from '../../api/homes';
import { useOrgUnitName } from '../../api/orgUnits';
import { useRegion } from '../../api/regions';
import type { Attachment, HomeDetail } from '../../api/types';
import { formatFileSize, joinParts } from '../../components/format';
import { HomeStatusTag } from '../../components/HomeStatusTag';
import { homeKindLabel, homeLevelLabel, venueTypeLabel } from '../../components/homeLabels';
import { MongolianName } from '../../components/MongolianName';
import { dataLabelKey } from './actionFields';

/** The name of a region code (loaded on demand); the code itself until then. */
export function RegionName({ code }: { code: string }) {
  const region = useRegion(code);
  return <>{region.data?.name ?? (region.isPending ? '…' : code)}</>;
}

/** A download link to an attachment, with its size unless told. */
export function AttachmentLink({
  attachment,
  showSize = true,
}: {
  attachment: Attachment;
  showSize?: boolean;
}) {
  return (
    <span>
      <a href={attachmentUrl(attachment.id)} target="_blank" rel="noopener">
        <PaperClipOutlined aria-hidden /> {attachment.filename}
      </a>
      {showSize ? (
        <Typography.Text type="secondary" style={{ marginInlineStart: 4, fontSize: 12 }}>
          ({formatFileSize(attachment.size)})
        </Typography.Text>
      ) : null}
    </span>
  );
}

/** The `data` of a workflow step as "label：value" lines (unknown keys as sent). */
export function TransitionData({ action, data }: { action: string; data: unknown }) {
  const { t } = useTranslation();
  const entries = Object.entries((data ?? {}) as Record<string, unknown>).filter(
    ([, value]) => value !== null && value !== undefined && value !== '',
  );
  if (entries.length === 0) return null;
  return (
    <Flex vertical gap={2}>
      {entries.map(([key, value]) => {
        const labelKey = dataLabelKey(action, key);
        let shown: ReactNode;
        if (typeof value === 'boolean') shown = value ? t('common.yes') : t('common.no');
        else if (key === 'regionCode' && typeof value === 'string') shown = <RegionName code={value} />;
        else if (typeof value === 'string' || typeof value === 'number') shown = String(value);
        else shown = JSON.stringify(value);
        return (
          <div key={key} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            <Typography.Text type="secondary">
              {t('common.labelled', { label: labelKey ? t(labelKey) : key })}
            </Typography.Text>
            {shown}
          </div>
        );
      })}
    </Flex>
  );
}

/** All facts of a home (基本信息 tab and the printed record). */
export function HomeFacts({ home, column }: { home: HomeDetail; column?: DescriptionsProps['column'] }) {
  const { t } = useTranslation();
  const unitName = useOrgUnitName();
  const byRole = (role: string) =>
    joinParts(
      home.members.filter((member) => member.role === role).map((member) => member.name),
      '、',
    ) || '-';
  const director = home.directorName ?? byRole('director');

  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('homes.name'), children: home.name },
    {
      key: 'nameMn',
      label: t('homes.nameMn'),
      children: <MongolianName text={home.nameMn} reviewed={home.nameMnReviewed} />,
    },
    { key: 'kind', label: t('homes.kind'), children: homeKindLabel(t, home.kind) },
    { key: 'level', label: t('homes.level'), children: homeLevelLabel(t, home.level) },
    {
      key: 'owner',
      label: t('homes.ownerUnit'),
      children: unitName(home.ownerUnitId),
    },
    { key: 'region', label: t('homes.region'), children: home.regionName ?? '-' },
    { key: 'status', label: t('homes.status'), children: <HomeStatusTag status={home.status} /> },
    { key: 'brand', label: t('homes.brand'), children: home.brand ?? '-' },
    { key: 'specialty', label: t('homes.specialty'), children: home.specialty ?? '-' },
    { key: 'online', label: t('homes.online'), children: home.online ? t('common.yes') : t('common.no') },
    { key: 'openingHours', label: t('homes.openingHours'), children: home.openingHours ?? '-' },
    ...(home.online
      ? [
          {
            key: 'onlineUrl',
            label: t('homes.onlineUrl'),
            children: home.onlineUrl ? (
              <a href={home.onlineUrl} target="_blank" rel="noopener noreferrer">
                {home.onlineUrl}
              </a>
            ) : (
              '-'
            ),
          },
        ]
      : [
          {
            key: 'venueType',
            label: t('homes.venueType'),
            children: home.venueType ? venueTypeLabel(t, home.venueType) : '-',
          },
          { key: 'address', label: t('homes.address'), children: home.address ?? '-' },
          { key: 'sharedWith', label: t('homes.sharedWith'), children: home.sharedWith ?? '-' },
          {
            key: 'equipment',
            label: t('homes.equipment'),
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{home.equipment ?? '-'}</span>,
          },
        ]),
    { key: 'plaqueNo', label: t('homes.plaqueNo'), children: home.plaqueNo ?? '-' },
    { key: 'plaqueAwardedOn', label: t('homes.plaqueAwardedOn'), children: home.plaqueAwardedOn ?? '-' },
    { key: 'director', label: t('homes.director'), children: director || '-' },
    { key: 'deputy', label: t('homes.deputy'), children: byRole('deputy') },
    { key: 'members', label: t('homes.members'), span: 'filled', children: byRole('member') },
  ];

  // Labels on one line: on a 360-px phone a wrapped 蒙古文名称 would stand three lines tall.
  return (
    <Descriptions
      bordered
      size="small"
      column={column ?? { xs: 1, sm: 2, xl: 3 }}
      items={items}
      styles={{ label: { whiteSpace: 'nowrap' } }}
    />
  );
}
