import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { useOrgUnitMap } from '../../api/orgUnits';
import { ROLES } from '../../api/types';
import { disableUser, enableUser, USERS_KEY, type UserRow, unlockUserSignIn } from '../../api/users';
import { useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { ExportButton } from '../../components/ExportButton';
import { FilterSelect, ResetFilters } from '../../components/FilterBar';
import { formatDateTime } from '../../components/format';
import { RoleTags, roleLabel } from '../../components/RoleTags';
import { SearchInput } from '../../components/SearchInput';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { UserFormModal } from './UserFormModal';

const FILTERS = ['q', 'role', 'disabled'] as const;

interface ModalState {
  open: boolean;
  user?: UserRow;
  /** New for each opening, so the form inside starts fresh. */
  seq: number;
}

/** 用户管理 (/admin/users): list, search, filter, create, edit, disable and enable users. */
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
      render: (_, user) => <RoleTags roles={user.roles} orgUnits={orgUnits} />,
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
          <Space size={0}>
            <Button type="link" size="small" onClick={() => openModal(user)}>
              {t('users.edit')}
            </Button>
            {user.signInLimited ? (
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
            {user.disabled ? (
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
            <ResetFilters active={hasFilters} onReset={resetFilters} />
          </>
        }
        actions={
          <>
            <ExportButton path="/users/export.xlsx" filters={filters} />
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => openModal()}>
              {t('users.create')}
            </Button>
          </>
        }
      />
      <UserFormModal key={modal.seq} open={modal.open} user={modal.user} onClose={closeModal} />
    </>
  );
}
