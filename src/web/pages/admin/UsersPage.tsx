import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Flex, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '../../api/allowed';
import { errorMessage } from '../../api/client';
import { useOrgUnitMap } from '../../api/orgUnits';
import { ABILITIES, ROLES } from '../../api/types';
import {
  disableUser,
  enableUser,
  resetUserSecondFactor,
  USERS_KEY,
  type UserRow,
  unlockUserSignIn,
} from '../../api/users';
import { hasAbility, useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { ExportButton } from '../../components/ExportButton';
import { FilterSelect, ResetFilters } from '../../components/FilterBar';
import { formatDateTime } from '../../components/format';
import { RoleTags, roleLabel } from '../../components/RoleTags';
import { SearchInput } from '../../components/SearchInput';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { RolesModal, UserFormModal } from './UserFormModal';

const FILTERS = ['q', 'role', 'disabled', 'pendingRoles'] as const;

interface ModalState {
  open: boolean;
  user?: UserRow;
  /** New for each opening, so the form inside starts fresh. */
  seq: number;
}

/**
 * 用户管理 (/admin/users). The system administrator keeps the accounts (create, edit, disable;
 * roles only as a request); the security administrator grants roles, answers the requests and
 * lifts sign-in limits (三权分立).
 */
export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data: session } = useSession();
  const orgUnits = useOrgUnitMap();
  const paged = usePagedQuery<UserRow, (typeof FILTERS)[number]>({
    key: USERS_KEY,
    path: '/users',
    filters: FILTERS,
  });
  const { filters, setFilters, resetFilters } = paged;
  const [modal, setModal] = useState<ModalState>({ open: false, seq: 0 });
  const [rolesModal, setRolesModal] = useState<ModalState>({ open: false, seq: 0 });
  const openRoles = (user: UserRow) => setRolesModal((prev) => ({ open: true, user, seq: prev.seq + 1 }));

  const openModal = (user?: UserRow) => setModal((prev) => ({ open: true, user, seq: prev.seq + 1 }));
  const closeModal = () => setModal((prev) => ({ ...prev, open: false }));

  const setDisabled = useMutation({
    mutationFn: async ({ user, disabled }: { user: UserRow; disabled: boolean }) => {
      if (disabled) await disableUser(user.id);
      else await enableUser(user.id);
    },
    onSuccess: async (_, { user, disabled }) => {
      void message.success(t(disabled ? 'users.disabled' : 'users.enabled', { name: user.displayName }));
      await queryClient.invalidateQueries({ queryKey: [USERS_KEY] });
    },
    onError: (error) => {
      void message.error(errorMessage(error));
    },
  });

  const resetFactor = useMutation({
    mutationFn: (user: UserRow) => resetUserSecondFactor(user.id),
    onSuccess: async (_, user) => {
      void message.success(t('users.factorResetDone', { name: user.displayName }));
      await queryClient.invalidateQueries({ queryKey: [USERS_KEY] });
    },
    onError: (error) => {
      void message.error(errorMessage(error));
    },
  });

  const unlock = useMutation({
    mutationFn: (user: UserRow) => unlockUserSignIn(user.id),
    onSuccess: async (_, user) => {
      void message.success(t('users.unlocked', { name: user.displayName }));
      await queryClient.invalidateQueries({ queryKey: [USERS_KEY] });
    },
    onError: (error) => {
      void message.error(errorMessage(error));
    },
  });

  const roleOptions = useMemo(() => ROLES.map((role) => ({ value: role, label: roleLabel(t, role) })), [t]);
  const statusOptions = [
    { value: 'false', label: t('users.statusActive') },
    { value: 'true', label: t('users.statusDisabled') },
  ];

  const columns: ColumnsType<UserRow> = [
    { title: t('users.username'), dataIndex: 'username', key: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    { title: t('users.member'), key: 'member', render: (_, user) => user.memberName ?? '-' },
    {
      title: t('users.roles'),
      key: 'roles',
      render: (_, user) => (
        <Flex vertical gap={4}>
          {user.roles.length ? <RoleTags roles={user.roles} orgUnits={orgUnits} /> : null}
          {user.pendingRoles ? (
            <Tooltip title={t('users.pendingRolesHint')}>
              <Flex gap={4} align="center" wrap>
                <Tag color="orange">{t('users.pendingRoles')}</Tag>
                {user.pendingRoles.length ? (
                  <RoleTags roles={user.pendingRoles} orgUnits={orgUnits} />
                ) : (
                  <Typography.Text type="secondary">{t('users.noRoles')}</Typography.Text>
                )}
              </Flex>
            </Tooltip>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('users.status'),
      key: 'status',
      render: (_, user) => (
        <>
          {user.disabled ? (
            <Tag color="default">{t('users.statusDisabled')}</Tag>
          ) : (
            <Tag color="success">{t('users.statusActive')}</Tag>
          )}
          {user.signInLimited ? (
            <Tooltip title={t('users.signInLimitedHint')}>
              <Tag color="warning">{t('users.signInLimited')}</Tag>
            </Tooltip>
          ) : null}
        </>
      ),
    },
    {
      title: t('users.lastLoginAt'),
      key: 'lastLoginAt',
      render: (_, user) =>
        user.lastLoginAt ? (
          formatDateTime(user.lastLoginAt, false)
        ) : (
          <Typography.Text type="secondary">{t('users.neverLoggedIn')}</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, user) => {
        const isSelf = user.id === session?.user.id;
        const pending = setDisabled.isPending && setDisabled.variables?.user.id === user.id;
        return (
          <Space size={0} wrap>
            {allows(user, 'update') ? (
              <Button type="link" size="small" onClick={() => openModal(user)}>
                {t('users.edit')}
              </Button>
            ) : null}
            {hasAbility(session, ABILITIES.userGrantRoles) ? (
              !allows(user, 'grant_roles') ? (
                <Tooltip title={t('users.cannotChangeOwnRoles')}>
                  <Button type="link" size="small" disabled>
                    {t('users.grantRoles')}
                  </Button>
                </Tooltip>
              ) : (
                <Button type="link" size="small" onClick={() => openRoles(user)}>
                  {user.pendingRoles ? t('users.reviewRoles') : t('users.grantRoles')}
                </Button>
              )
            ) : null}
            {allows(user, 'unlock') && user.secondFactor ? (
              <Popconfirm
                title={t('users.factorResetConfirmTitle')}
                description={t('users.factorResetConfirm')}
                okText={t('users.factorReset')}
                cancelText={t('common.cancel')}
                onConfirm={() => resetFactor.mutateAsync(user).catch(() => undefined)}
              >
                <Button
                  type="link"
                  size="small"
                  loading={resetFactor.isPending && resetFactor.variables?.id === user.id}
                >
                  {t('users.factorReset')}
                </Button>
              </Popconfirm>
            ) : null}
            {allows(user, 'unlock') && user.signInLimited ? (
              <Popconfirm
                title={t('users.unlockConfirmTitle')}
                description={t('users.unlockConfirm')}
                okText={t('users.unlock')}
                cancelText={t('common.cancel')}
                onConfirm={() => unlock.mutateAsync(user).catch(() => undefined)}
              >
                <Button
                  type="link"
                  size="small"
                  loading={unlock.isPending && unlock.variables?.id === user.id}
                >
                  {t('users.unlock')}
                </Button>
              </Popconfirm>
            ) : null}
            {!allows(user, 'update') ? null : user.disabled ? (
              <Button
                type="link"
                size="small"
                loading={pending}
                onClick={() => setDisabled.mutate({ user, disabled: false })}
              >
                {t('users.enable')}
              </Button>
            ) : isSelf ? (
              <Tooltip title={t('users.cannotDisableSelf')}>
                <Button type="link" size="small" danger disabled>
                  {t('users.disable')}
                </Button>
              </Tooltip>
            ) : (
              <Popconfirm
                title={t('users.disableConfirmTitle')}
                description={t('users.disableConfirm')}
                okText={t('users.disable')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => setDisabled.mutateAsync({ user, disabled: true }).catch(() => undefined)}
              >
                <Button type="link" size="small" danger loading={pending}>
                  {t('users.disable')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    },
  ];

  const hasFilters = Object.keys(filters).length > 0;

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20, marginTop: 0 }}>
        {t('users.title')}
      </Typography.Title>
      <DataTable<UserRow, (typeof FILTERS)[number]>
        paged={paged}
        rowKey="id"
        columns={columns}
        filters={
          <>
            <SearchInput
              value={filters.q}
              placeholder={t('users.searchPlaceholder')}
              onSearch={(q) => setFilters({ q })}
            />
            <FilterSelect
              value={filters.role}
              options={roleOptions}
              placeholder={t('users.rolePlaceholder')}
              width={200}
              onChange={(role) => setFilters({ role })}
            />
            <FilterSelect
              value={
                filters.disabled === 'true' || filters.disabled === 'false' ? filters.disabled : undefined
              }
              options={statusOptions}
              placeholder={t('users.statusPlaceholder')}
              width={140}
              onChange={(disabled) => setFilters({ disabled })}
            />
            <Checkbox
              checked={filters.pendingRoles === 'true'}
              onChange={(e) => setFilters({ pendingRoles: e.target.checked ? 'true' : undefined })}
            >
              {t('users.pendingOnly')}
            </Checkbox>
            <ResetFilters active={hasFilters} onReset={resetFilters} />
          </>
        }
        actions={
          <>
            <ExportButton path="/users/export.xlsx" filters={filters} />
            {hasAbility(session, ABILITIES.userCreate) ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => openModal()}>
                {t('users.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <UserFormModal key={modal.seq} open={modal.open} user={modal.user} onClose={closeModal} />
      {rolesModal.user ? (
        <RolesModal
          key={`roles-${rolesModal.seq}`}
          open={rolesModal.open}
          user={rolesModal.user}
          onClose={() => setRolesModal((prev) => ({ ...prev, open: false }))}
        />
      ) : null}
    </>
  );
}
