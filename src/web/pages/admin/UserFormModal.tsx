import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Descriptions,
  Flex,
  Form,
  type FormInstance,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Typography,
} from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orgUnitOptions, useOrgUnitMap, useOrgUnits } from '../../api/orgUnits';
import { ABILITIES, type OrgUnitKind, ROLES, type Role, type RoleInput } from '../../api/types';
import {
  createUser,
  refuseUserRoles,
  searchUserChoices,
  setUserRoles,
  USERS_KEY,
  type UserChoice,
  type UserRow,
  updateUser,
} from '../../api/users';
import { hasAbility, SESSION_KEY, useSession } from '../../auth/session';
import { FormErrors } from '../../components/FormErrors';
import { type RemoteOption, RemoteSelect } from '../../components/RemoteSelect';
import { RoleTags, roleLabel } from '../../components/RoleTags';
import { applyServerErrors } from '../../components/serverErrors';

/** Org unit kinds a role's scope may be; roles not listed here have no org-unit scope. */
const SCOPE_KINDS: Partial<Record<Role, readonly OrgUnitKind[]>> = {
  committee_staff: ['committee', 'sector_group'],
  district_staff: ['district'],
  vice_chair: ['committee', 'district'],
};

/** Roles whose scope is a 委员之家, picked by its name. */
const HOME_SCOPED_ROLES: readonly string[] = ['home_director'];

const toChoiceOption = (choice: UserChoice): RemoteOption => ({
  value: choice.id,
  label: choice.name,
  detail: choice.detail ?? '',
});
const searchHomeChoices = (text: string, signal: AbortSignal) => searchUserChoices('home', text, signal);
const searchMemberChoices = (text: string, signal: AbortSignal) => searchUserChoices('member', text, signal);

/** At least 8 characters with at least one letter and one digit (the server enforces the same). */
export const PASSWORD_PATTERN = /^(?=.*[A-Za-z])(?=.*\d).{8,}$/;

const FORM_FIELDS = ['username', 'displayName', 'password', 'roles', 'memberId'] as const;

interface RoleRowValue {
  role?: Role;
  scopeId?: string;
}

interface UserFormValues {
  username: string;
  displayName: string;
  password?: string;
  memberId?: string | null;
  roles: RoleRowValue[];
}

interface UserFormModalProps {
  open: boolean;
  /** The user being edited; absent to create a new one. */
  user?: UserRow;
  onClose: () => void;
}

function toRoleInputs(rows: RoleRowValue[]): RoleInput[] {
  return rows
    .filter((row): row is RoleRowValue & { role: Role } => Boolean(row.role))
    .map((row) => {
      const scopeId = row.scopeId?.trim();
      return scopeId ? { role: row.role, scopeId } : { role: row.role };
    });
}

/** Create / edit user dialog. Mount it with a new `key` for each opening so the form starts fresh. */
export function UserFormModal({ open, user, onClose }: UserFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data: session } = useSession();
  const [form] = Form.useForm<UserFormValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const isEdit = Boolean(user);
  // The names of what the account is tied to now, so the pickers show names before any search.
  const knownMember = useMemo(
    () =>
      user?.memberId ? [{ value: user.memberId, label: user.memberName ?? user.memberId, detail: '' }] : [],
    [user],
  );
  const knownHomes = useMemo(
    () =>
      // the roles held and the ones waiting, so a waiting director's home shows by its name
      [...(user?.roles ?? []), ...(user?.pendingRoles ?? [])]
        .filter((r) => r.scopeId && HOME_SCOPED_ROLES.includes(r.role))
        .map((r) => ({ value: r.scopeId!, label: r.scopeName ?? r.scopeId!, detail: '' })),
    [user],
  );

  const initialValues: Partial<UserFormValues> = user
    ? {
        username: user.username,
        displayName: user.displayName,
        password: '',
        memberId: user.memberId,
        // a request still waiting is what the system administrator edits further
        roles: (user.pendingRoles ?? user.roles).map((r) => ({
          role: r.role,
          scopeId: r.scopeId ?? undefined,
        })),
      }
    : { roles: [{}] };

  const save = useMutation({
    mutationFn: (values: UserFormValues) => {
      const roles = toRoleInputs(values.roles ?? []);
      if (user) {
        return updateUser(user.id, {
          displayName: values.displayName.trim(),
          memberId: values.memberId ?? null,
          ...(hasAbility(session, ABILITIES.userGrantRoles) ? {} : { roles }),
          ...(values.password ? { password: values.password } : {}),
        });
      }
      return createUser({
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        password: values.password ?? '',
        ...(values.memberId ? { memberId: values.memberId } : {}),
        roles,
      });
    },
    onSuccess: async (saved) => {
      void message.success(
        t(isEdit ? 'users.updated' : 'users.created', { name: saved.displayName || saved.username }),
      );
      await queryClient.invalidateQueries({ queryKey: [USERS_KEY] });
      // Editing oneself may change one's name, roles and abilities.
      if (saved.id === session?.user.id) await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      onClose();
    },
    onError: (error) => {
      setFormErrors(applyServerErrors(form, error, FORM_FIELDS, { code: 'CONFLICT', field: 'username' }));
    },
  });

  return (
    <Modal
      open={open}
      title={user ? t('users.form.editTitle', { name: user.displayName }) : t('users.form.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={640}
      mask={{ closable: false }}
    >
      <FormErrors title={t('users.form.saveFailed')} errors={formErrors} />
      <Form<UserFormValues>
        form={form}
        name="user"
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => {
          setFormErrors([]);
          save.mutate(values);
        }}
        disabled={save.isPending}
      >
        <Form.Item
          label={t('users.form.username')}
          name="username"
          rules={[{ required: true, whitespace: true, message: t('users.form.usernameRequired') }]}
        >
          <Input autoComplete="off" disabled={isEdit} placeholder={t('users.form.usernamePlaceholder')} />
        </Form.Item>
        <Form.Item
          label={t('users.form.displayName')}
          name="displayName"
          rules={[{ required: true, whitespace: true, message: t('users.form.displayNameRequired') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={isEdit ? t('users.form.passwordEdit') : t('users.form.password')}
          name="password"
          extra={isEdit ? t('users.form.passwordEditHint') : t('users.form.passwordCreateHint')}
          rules={[
            { required: !isEdit, message: t('users.form.passwordRequired') },
            { pattern: PASSWORD_PATTERN, message: t('users.form.passwordRule') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label={t('users.form.member')} name="memberId" extra={t('users.form.memberHint')}>
          <RemoteSelect<UserChoice>
            queryKey="user-choices-member"
            search={searchMemberChoices}
            toOption={toChoiceOption}
            known={knownMember}
            placeholder={t('users.form.memberPlaceholder')}
          />
        </Form.Item>
        {/* a security administrator sets an existing account's roles in 授权角色 */}
        {isEdit && hasAbility(session, ABILITIES.userGrantRoles) ? null : (
          <RolesField
            form={form}
            knownHomes={knownHomes}
            requested={!hasAbility(session, ABILITIES.userGrantRoles)}
            required
          />
        )}
      </Form>
    </Modal>
  );
}

interface RolesModalProps {
  open: boolean;
  user: UserRow;
  onClose: () => void;
}

/**
 * 授权角色: a security administrator sets an account's roles, starting from what the system
 * administrator asked for, or refuses the request.
 */
export function RolesModal({ open, user, onClose }: RolesModalProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const orgUnits = useOrgUnitMap();
  const [form] = Form.useForm<UserFormValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const knownHomes = useMemo(
    () =>
      [...user.roles, ...(user.pendingRoles ?? [])]
        .filter((r) => r.scopeId && HOME_SCOPED_ROLES.includes(r.role))
        .map((r) => ({ value: r.scopeId!, label: r.scopeName ?? r.scopeId!, detail: '' })),
    [user],
  );
  const start = user.pendingRoles ?? user.roles;
  const done = async (key: 'users.rolesSaved' | 'users.refused') => {
    void message.success(t(key, { name: user.displayName }));
    await queryClient.invalidateQueries({ queryKey: [USERS_KEY] });
    onClose();
  };
  const save = useMutation({
    mutationFn: (values: UserFormValues) => setUserRoles(user.id, toRoleInputs(values.roles ?? [])),
    onSuccess: (granted) => {
      // shown once: the server keeps only its hash
      if (granted.initialPassword) {
        modal.info({
          title: t('users.handOver.title', { name: user.displayName }),
          width: 480,
          content: (
            <Space direction="vertical">
              <Typography.Text>{t('users.handOver.body', { username: user.username })}</Typography.Text>
              <Typography.Text code copyable data-testid="initial-password" style={{ fontSize: 18 }}>
                {granted.initialPassword}
              </Typography.Text>
              <Typography.Text type="secondary">{t('users.handOver.note')}</Typography.Text>
            </Space>
          ),
          okText: t('users.handOver.ok'),
        });
      }
      return done('users.rolesSaved');
    },
    onError: (error) => setFormErrors(applyServerErrors(form, error, ['roles'])),
  });
  const refuse = useMutation({
    mutationFn: () => refuseUserRoles(user.id),
    onSuccess: () => done('users.refused'),
    onError: (error) => setFormErrors(applyServerErrors(form, error, ['roles'])),
  });
  const busy = save.isPending || refuse.isPending;

  return (
    <Modal
      open={open}
      title={t('users.rolesTitle', { name: user.displayName })}
      onCancel={onClose}
      width={640}
      mask={{ closable: false }}
      footer={
        <Flex gap={8} justify="flex-end" wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          {user.pendingRoles ? (
            <Popconfirm
              title={t('users.refuseConfirmTitle')}
              description={t('users.refuseConfirm')}
              okText={t('users.refuse')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => refuse.mutateAsync().catch(() => undefined)}
            >
              <Button danger loading={refuse.isPending} disabled={busy}>
                {t('users.refuse')}
              </Button>
            </Popconfirm>
          ) : null}
          <Button type="primary" loading={save.isPending} disabled={busy} onClick={() => form.submit()}>
            {t('users.grantRoles')}
          </Button>
        </Flex>
      }
    >
      <FormErrors title={t('users.form.saveFailed')} errors={formErrors} />
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'current',
            label: t('users.current'),
            children: user.roles.length ? (
              <RoleTags roles={user.roles} orgUnits={orgUnits} />
            ) : (
              t('users.noRoles')
            ),
          },
          ...(user.pendingRoles
            ? [
                {
                  key: 'requested',
                  label: t('users.requested'),
                  children: user.pendingRoles.length ? (
                    <RoleTags roles={user.pendingRoles} orgUnits={orgUnits} />
                  ) : (
                    t('users.noRoles')
                  ),
                },
              ]
            : []),
        ]}
      />
      <Typography.Paragraph type="secondary">{t('users.separationRule')}</Typography.Paragraph>
      <Form<UserFormValues>
        form={form}
        name="user-roles"
        layout="vertical"
        initialValues={{ roles: start.map((r) => ({ role: r.role, scopeId: r.scopeId ?? undefined })) }}
        onFinish={(values) => {
          setFormErrors([]);
          save.mutate(values);
        }}
        disabled={busy}
      >
        <RolesField form={form} knownHomes={knownHomes} requested={false} required={false} />
      </Form>
    </Modal>
  );
}

function RolesField({
  form,
  knownHomes,
  requested,
  required,
}: {
  form: FormInstance<UserFormValues>;
  knownHomes: readonly RemoteOption[];
  /** the roles wait for a security administrator (the actor grants none themselves) */
  requested: boolean;
  /** at least one role (a new account); a security administrator may take every role away */
  required: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item
      label={requested ? t('users.form.rolesRequested') : t('users.form.roles')}
      extra={requested ? t('users.form.rolesRequestedHint') : undefined}
      required={required}
    >
      <Form.List
        name="roles"
        rules={[
          {
            validator: async (_, rows: RoleRowValue[] | undefined) => {
              const chosen = (rows ?? []).filter((row) => row?.role);
              if (required && chosen.length === 0) throw new Error(t('users.form.rolesRequired'));
              const keys = chosen.map((row) => `${row.role}:${row.scopeId?.trim() ?? ''}`);
              if (new Set(keys).size !== keys.length) throw new Error(t('users.form.duplicateRole'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Flex vertical gap={0}>
            {fields.map((field) => (
              <RoleRow
                key={field.key}
                form={form}
                name={field.name}
                knownHomes={knownHomes}
                onRemove={() => remove(field.name)}
              />
            ))}
            <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({})} block>
              {t('users.form.addRole')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}

interface RoleRowProps {
  form: FormInstance<UserFormValues>;
  name: number;
  knownHomes: readonly RemoteOption[];
  onRemove: () => void;
}

function RoleRow({ form, name, knownHomes, onRemove }: RoleRowProps) {
  const { t } = useTranslation();
  const orgUnits = useOrgUnits();
  const role = Form.useWatch(['roles', name, 'role'], form) as string | undefined;
  const scopeKinds = role ? SCOPE_KINDS[role as Role] : undefined;

  const roleOptions = useMemo(() => ROLES.map((r) => ({ value: r, label: roleLabel(t, r) })), [t]);
  const options = useMemo(
    () => (scopeKinds ? orgUnitOptions(t, orgUnits.data ?? [], scopeKinds) : []),
    [t, orgUnits.data, scopeKinds],
  );

  let scope: ReactNode = null;
  if (scopeKinds) {
    scope = (
      <Form.Item
        name={[name, 'scopeId']}
        rules={[{ required: true, message: t('users.form.scopeRequired') }]}
        style={{ flex: 1, minWidth: 180, marginBottom: 12 }}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={options}
          loading={orgUnits.isPending}
          placeholder={t('users.form.scopePlaceholder')}
          aria-label={t('users.form.scope')}
        />
      </Form.Item>
    );
  } else if (role && HOME_SCOPED_ROLES.includes(role)) {
    scope = (
      <Form.Item
        name={[name, 'scopeId']}
        rules={[{ required: true, message: t('users.form.homeRequired') }]}
        style={{ flex: 1, minWidth: 180, marginBottom: 12 }}
      >
        <RemoteSelect<UserChoice>
          queryKey="user-choices-home"
          search={searchHomeChoices}
          toOption={toChoiceOption}
          known={knownHomes}
          placeholder={t('users.form.homePlaceholder')}
          aria-label={t('users.form.scope')}
        />
      </Form.Item>
    );
  } else if (role) {
    scope = (
      <Typography.Text type="secondary" style={{ flex: 1, minWidth: 180, lineHeight: '32px' }}>
        {t('users.form.noScope')}
      </Typography.Text>
    );
  } else {
    scope = <span style={{ flex: 1, minWidth: 180 }} />;
  }

  return (
    <Flex gap={8} align="flex-start" wrap>
      <Form.Item
        name={[name, 'role']}
        rules={[{ required: true, message: t('users.form.roleRequired') }]}
        style={{ width: 220, marginBottom: 12 }}
      >
        <Select
          options={roleOptions}
          placeholder={t('users.form.rolePlaceholder')}
          aria-label={t('users.form.role')}
          onChange={() => form.setFieldValue(['roles', name, 'scopeId'], undefined)}
        />
      </Form.Item>
      {scope}
      <Button
        type="text"
        icon={<MinusCircleOutlined aria-hidden />}
        aria-label={t('users.form.removeRole')}
        title={t('users.form.removeRole')}
        onClick={onRemove}
      />
    </Flex>
  );
}
