import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { MEMBERS_KEY, searchMembers } from '../api/members';
import { useOrgUnitMap } from '../api/orgUnits';
import type { Member } from '../api/types';
import { joinParts } from './format';

/** A member known before any search (e.g. the current director of a home), so its name shows. */
export interface KnownMember {
  id: string;
  name: string;
  sector?: string | null;
}

interface MemberOption {
  value: string;
  label: string;
  detail: string;
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

/**
 * Picks one or more members by searching the server (GET /members?q=…&pageSize=20). Each option
 * shows name · 界别 · 所属政协; the chosen ones show their names.
 */
export function MemberSelect(props: MemberSelectProps) {
  const { known, placeholder, id, disabled } = props;
  const orgUnits = useOrgUnitMap();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setTerm(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);

  const search = useQuery({
    queryKey: [MEMBERS_KEY, 'pick', term],
    queryFn: ({ signal }) => searchMembers(term, signal),
    enabled: open,
    staleTime: 60_000,
  });

  // Every member seen so far, so a chosen one keeps its name when a later search does not list it.
  const seen = useRef(new Map<string, MemberOption>());
  const toOption = useCallback(
    (member: Member | KnownMember): MemberOption => ({
      value: member.id,
      label: member.name,
      detail: joinParts([
        member.sector,
        'orgUnitId' in member ? (orgUnits.get(member.orgUnitId)?.name ?? null) : null,
      ]),
    }),
    [orgUnits],
  );

  const selectedKey = (props.multiple ? (props.value ?? []) : props.value ? [props.value] : []).join('\n');
  const options = useMemo(() => {
    for (const member of known ?? []) {
      if (!seen.current.has(member.id)) seen.current.set(member.id, toOption(member));
    }
    const found = (search.data?.items ?? []).map(toOption);
    for (const option of found) seen.current.set(option.value, option);
    const listed = new Set(found.map((option) => option.value));
    const extra = (selectedKey ? selectedKey.split('\n') : [])
      .filter((value) => !listed.has(value))
      .map((value) => seen.current.get(value) ?? { value, label: value, detail: '' });
    return [...extra, ...found];
  }, [known, search.data, selectedKey, toOption]);

  const common = {
    id,
    disabled,
    placeholder,
    'aria-label': props['aria-label'],
    allowClear: true,
    options,
    loading: search.isFetching,
    showSearch: { filterOption: false, onSearch: setText, searchValue: text },
    onOpenChange: (next: boolean) => {
      setOpen(next);
      if (!next) setText('');
    },
    notFoundContent: search.isFetching ? undefined : null,
    optionRender: (option: { data: MemberOption }) => (
      <span>
        {option.data.label}
        {option.data.detail ? (
          <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
            {option.data.detail}
          </Typography.Text>
        ) : null}
      </span>
    ),
  };

  if (props.multiple) {
    const { onChange } = props;
    return (
      <Select<string[], MemberOption>
        {...common}
        mode="multiple"
        value={props.value ?? []}
        onChange={(value) => onChange?.(value)}
      />
    );
  }
  const { onChange } = props;
  return (
    <Select<string | undefined, MemberOption>
      {...common}
      value={props.value ?? undefined}
      onChange={(value) => onChange?.(value ?? null)}
    />
  );
}
