import { useCallback, useMemo } from 'react';
import { MEMBERS_KEY, searchMembers } from '../api/members';
import { useOrgUnitMap } from '../api/orgUnits';
import type { Member } from '../api/types';
import { joinParts } from './format';
import { type RemoteOption, RemoteSelect } from './RemoteSelect';

/** A member known before any search (e.g. the current director of a home), so its name shows. */
export interface KnownMember {
  id: string;
  name: string;
  sector?: string | null;
}

interface BaseProps {
  known?: readonly KnownMember[];
  placeholder?: string;
  id?: string;
  disabled?: boolean;
  'aria-label'?: string;
}

type MemberSelectProps =
  | (BaseProps & { multiple?: false; value?: string | null; onChange?: (value: string | null) => void })
  | (BaseProps & { multiple: true; value?: string[]; onChange?: (value: string[]) => void });

const pickMembers = (text: string, signal: AbortSignal) =>
  searchMembers(text, signal).then((page) => page.items);

/**
 * Picks one or more members by searching the server (GET /members?q=…&pageSize=20). Each option
 * shows name · 界别 · 所属政协; the chosen ones show their names.
 */
export function MemberSelect(props: MemberSelectProps) {
  const { known, placeholder, id, disabled } = props;
  const orgUnits = useOrgUnitMap();
  const toOption = useCallback(
    (member: Member | KnownMember): RemoteOption => ({
      value: member.id,
      label: member.name,
      detail: joinParts([
        member.sector,
        'orgUnitId' in member ? (orgUnits.get(member.orgUnitId)?.name ?? null) : null,
      ]),
    }),
    [orgUnits],
  );
  const knownOptions = useMemo(() => known?.map(toOption), [known, toOption]);

  const common = {
    queryKey: MEMBERS_KEY,
    search: pickMembers,
    toOption,
    known: knownOptions,
    placeholder,
    id,
    disabled,
    'aria-label': props['aria-label'],
  };
  if (props.multiple) {
    return <RemoteSelect<Member> {...common} multiple value={props.value} onChange={props.onChange} />;
  }
  const { onChange } = props;
  return (
    <RemoteSelect<Member> {...common} value={props.value} onChange={(value) => onChange?.(value ?? null)} />
  );
}
