import { Flex, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
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
};

/** Chinese name of a role; unknown roles are shown as sent by the server. */
export function roleLabel(t: TFunction, role: string): string {
  return isKnownRole(role) ? t(`roles.${role}`) : role;
}

interface RoleTagsProps {
  roles: readonly (RoleAssignment | string)[];
  /** Resolves scope ids to org unit names; ids that are not org units (e.g. homes) are shown as is. */
  orgUnits?: Map<string, OrgUnit>;
}

export function RoleTags({ roles, orgUnits }: RoleTagsProps) {
  const { t } = useTranslation();
  if (roles.length === 0) return <span>{t('common.none')}</span>;
  return (
    <Flex gap={4} wrap>
      {roles.map((entry) => {
        const { role, scopeId } = typeof entry === 'string' ? { role: entry, scopeId: null } : entry;
        const scopeName = scopeId ? (orgUnits?.get(scopeId)?.name ?? scopeId) : null;
        return (
          <Tag key={`${role}:${scopeId ?? ''}`} color={isKnownRole(role) ? ROLE_COLORS[role] : 'default'}>
            {roleLabel(t, role)}
            {scopeName ? ` · ${scopeName}` : ''}
          </Tag>
        );
      })}
    </Flex>
  );
}
