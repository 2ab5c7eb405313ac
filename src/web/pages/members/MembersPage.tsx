import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { allows } from '../../api/allowed';
import { apiUrl } from '../../api/client';
import { MEMBERS_EXPORT_PATH, MEMBERS_KEY, MEMBERS_TEMPLATE_PATH } from '../../api/members';
import { flatOrgUnitOptions, orgUnitOptions, useOrgUnitName, useOrgUnits } from '../../api/orgUnits';
import { ABILITIES, MEMBER_LEVELS, type Member } from '../../api/types';
import { hasAbility, isMemberOnly, useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { FilterSelect, ResetFilters } from '../../components/FilterBar';
import { displayPhone, joinParts } from '../../components/format';
import { genderLabel, labelOptions, memberLevelLabel } from '../../components/homeLabels';
import { PageHeader } from '../../components/PageHeader';
import { SearchInput } from '../../components/SearchInput';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { MemberFormDrawer } from './MemberFormDrawer';
import { MemberImportModal } from './MemberImportModal';

const FILTERS = ['q', 'level', 'orgUnitId', 'sectorGroupId', 'sector'] as const;
type MemberFilter = (typeof FILTERS)[number];

interface DialogState {
  open: boolean;
  member?: Member;
  /** New for each opening, so the form inside starts fresh. */
  seq: number;
}

/** 委员名录 (/members): search and filter members, create, import from / export to Excel. */
export default function MembersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: session } = useSession();
  const orgUnits = useOrgUnits();
  const paged = usePagedQuery<Member, MemberFilter>({ key: MEMBERS_KEY, path: '/members', filters: FILTERS });
  const { filters, setFilters, resetFilters } = paged;
  const [form, setForm] = useState<DialogState>({ open: false, seq: 0 });
  const [importer, setImporter] = useState<DialogState>({ open: false, seq: 0 });

  const openForm = (member?: Member) => setForm((prev) => ({ open: true, member, seq: prev.seq + 1 }));
  const units = orgUnits.data ?? [];
  const levelOptions = labelOptions(MEMBER_LEVELS, (value) => memberLevelLabel(t, value));
  const unitOptions = useMemo(() => orgUnitOptions(t, units, ['municipal', 'district']), [t, units]);
  const groupOptions = useMemo(() => flatOrgUnitOptions(units, ['sector_group']), [units]);
  const orgUnitName = useOrgUnitName();
  const unitName = (id: string | null) => (id ? orgUnitName(id) : null);

  const columns: ColumnsType<Member> = [
    {
      title: t('members.name'),
      key: 'name',
      fixed: 'left',
      render: (_, member) => <Link to={`/members/${encodeURIComponent(member.id)}`}>{member.name}</Link>,
    },
    { title: t('members.gender'), key: 'gender', render: (_, member) => genderLabel(t, member.gender) },
    { title: t('members.ethnicity'), key: 'ethnicity', render: (_, member) => member.ethnicity ?? '-' },
    { title: t('members.level'), key: 'level', render: (_, member) => memberLevelLabel(t, member.level) },
    { title: t('members.orgUnit'), key: 'orgUnit', render: (_, member) => unitName(member.orgUnitId) },
    { title: t('members.sector'), key: 'sector', render: (_, member) => member.sector ?? '-' },
    {
      title: t('members.employerTitle'),
      key: 'employer',
      render: (_, member) => joinParts([member.employer, member.title], ' ') || '-',
    },
    {
      title: t('members.phone'),
      key: 'phone',
      render: (_, member) => (
        <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {displayPhone(member.phone, member.phoneMasked) ?? '-'}
        </span>
      ),
    },
    {
      title: t('members.homes'),
      key: 'homes',
      align: 'right',
      render: (_, member) => member.homeIds.length,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, member) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() => void navigate(`/members/${encodeURIComponent(member.id)}`)}
          >
            {t('common.view')}
          </Button>
          {allows(member, 'update') ? (
            <Button type="link" size="small" onClick={() => openForm(member)}>
              {t('common.edit')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const canImport = hasAbility(session, ABILITIES.memberImport);
  // A member who is nothing else would find only their own row here, with filters for nothing.
  if (isMemberOnly(session)) return <Navigate to="/me" replace />;

  return (
    <>
      <PageHeader title={t('members.title')} />
      <DataTable<Member, MemberFilter>
        paged={paged}
        rowKey="id"
        columns={columns}
        filters={
          <>
            <SearchInput
              value={filters.q}
              placeholder={t('members.searchPlaceholder')}
              onSearch={(q) => setFilters({ q })}
              width={240}
            />
            <FilterSelect
              value={filters.level}
              options={levelOptions}
              placeholder={t('members.levelPlaceholder')}
              width={160}
              onChange={(level) => setFilters({ level })}
            />
            <FilterSelect
              value={filters.orgUnitId}
              options={unitOptions}
              loading={orgUnits.isPending}
              searchable
              placeholder={t('members.orgUnitPlaceholder')}
              width={180}
              onChange={(orgUnitId) => setFilters({ orgUnitId })}
            />
            <FilterSelect
              value={filters.sectorGroupId}
              options={groupOptions}
              loading={orgUnits.isPending}
              searchable
              placeholder={t('members.sectorGroupPlaceholder')}
              width={200}
              onChange={(sectorGroupId) => setFilters({ sectorGroupId })}
            />
            <SearchInput
              value={filters.sector}
              placeholder={t('members.sectorPlaceholder')}
              onSearch={(sector) => setFilters({ sector })}
              width={140}
            />
            <ResetFilters active={Object.keys(filters).length > 0} onReset={resetFilters} />
          </>
        }
        actions={
          <>
            {hasAbility(session, ABILITIES.memberCreate) ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => openForm()}>
                {t('members.create')}
              </Button>
            ) : null}
            {canImport ? (
              <Button
                icon={<UploadOutlined aria-hidden />}
                onClick={() => setImporter((prev) => ({ open: true, seq: prev.seq + 1 }))}
              >
                {t('members.import')}
              </Button>
            ) : null}
            <Button icon={<DownloadOutlined aria-hidden />} href={apiUrl(MEMBERS_EXPORT_PATH, filters)}>
              {t('members.export')}
            </Button>
            {canImport ? (
              <Button type="link" href={apiUrl(MEMBERS_TEMPLATE_PATH)}>
                {t('members.template')}
              </Button>
            ) : null}
          </>
        }
      />
      <MemberFormDrawer
        key={`form-${form.seq}`}
        open={form.open}
        member={form.member}
        onClose={() => setForm((prev) => ({ ...prev, open: false }))}
      />
      <MemberImportModal
        key={`import-${importer.seq}`}
        open={importer.open}
        onClose={() => setImporter((prev) => ({ ...prev, open: false }))}
      />
    </>
  );
}
