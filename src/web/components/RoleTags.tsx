import { Flex, Tag } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useHome } from '../api/homes';
import { isKnownRole, type OrgUnit, type Role, type RoleAssignment } from '../api/types';

const ROLE_COLORS: Record<Role, string> = {
  system_admin: 'red',
  office_admin: 'volcano',
  committee_staff: 'blue',
  district_staff: 'cyan',
  vice_chair: 'gold',
  home_director: 'green',
  member: 'default',
  auditor: 'purple',
  security_admin: 'magenta',
  translator: 'lime',
};

/** Chinese name of a role; unknown roles are shown as sent by the server. */
export function roleLabel(t: TFunction, role: string): string {
  return isKnownRole(role) ? t(`roles.${role}`) : role;
}

interface RoleTagsProps {
  /** Roles, with the name of their scope when the server sent it (`scopeName`). */
  roles: readonly ((RoleAssignment & { scopeName?: string | null }) | string)[];
  /** Resolves scope ids to org unit names when the server sent none. */
  orgUnits?: Map<string, OrgUnit>;
}

/** Roles whose scope is a home: its name is looked up when the server did not send it. */
const HOME_SCOPED: readonly string[] = ['home_director'];

/** The name of a home a role is scoped to (the session's own director role names no scope). */
function HomeScopeName({ id }: { id: string }) {
  const home = useHome(id);
  return <>{home.data?.name ?? (home.isError ? '-' : '…')}</>;
}

export function RoleTags({ roles, orgUnits }: RoleTagsProps) {
  const { t } = useTranslation();
  if (roles.length === 0) return <span>{t('common.none')}</span>;
  return (
    <Flex gap={4} wrap>
      {roles.map((entry) => {
        const { role, scopeId, scopeName } =
          typeof entry === 'string' ? { role: entry, scopeId: null, scopeName: null } : entry;
        // A scope is shown by its name, never by its id.
        let scope: ReactNode = null;
        if (scopeName) scope = scopeName;
        else if (scopeId && orgUnits?.has(scopeId)) scope = orgUnits.get(scopeId)!.name;
        else if (scopeId && HOME_SCOPED.includes(role)) scope = <HomeScopeName id={scopeId} />;
        return (
          <Tag key={`${role}:${scopeId ?? ''}`} color={isKnownRole(role) ? ROLE_COLORS[role] : 'default'}>
            {roleLabel(t, role)}
            {scope ? <> · {scope}</> : null}
          </Tag>
        );
      })}
    </Flex>
  );
}
