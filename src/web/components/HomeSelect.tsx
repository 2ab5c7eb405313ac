import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { type CSSProperties, useEffect, useMemo, useRef, useState } from 'react';
import { HOMES_KEY, searchHomes } from '../api/homes';
import type { Home } from '../api/types';

/** A home known before any search (e.g. the hosts of an activity being edited), so its name shows. */
export interface KnownHome {
  id: string;
  name: string;
}

interface HomeOption {
  value: string;
  label: string;
  detail: string;
}

interface BaseProps {
  known?: readonly KnownHome[];
  placeholder?: string;
  id?: string;
  disabled?: boolean;
  style?: CSSProperties;
  'aria-label'?: string;
}

type HomeSelectProps =
  | (BaseProps & { multiple?: false; value?: string | null; onChange?: (value: string | undefined) => void })
  | (BaseProps & { multiple: true; value?: string[]; onChange?: (value: string[]) => void });

/**
 * Picks one or more homes in the caller's scope by searching the server (GET /homes?q=…&pageSize=20).
 * Each option shows the name and where the home is; the chosen ones keep their names.
 */
export function HomeSelect(props: HomeSelectProps) {
  const { known, placeholder, id, disabled, style } = props;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setTerm(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);

  const search = useQuery({
    queryKey: [HOMES_KEY, 'pick', term],
    queryFn: ({ signal }) => searchHomes(term, signal),
    enabled: open,
    staleTime: 60_000,
  });

  // Every home seen so far, so a chosen one keeps its name when a later search does not list it.
  const seen = useRef(new Map<string, HomeOption>());
  const selectedKey = (props.multiple ? (props.value ?? []) : props.value ? [props.value] : []).join('\n');
  const options = useMemo(() => {
    for (const home of known ?? []) {
      if (!seen.current.has(home.id))
        seen.current.set(home.id, { value: home.id, label: home.name, detail: '' });
    }
    const found = (search.data?.items ?? []).map(
      (home: Home): HomeOption => ({ value: home.id, label: home.name, detail: home.regionName ?? '' }),
    );
    for (const option of found) seen.current.set(option.value, option);
    const listed = new Set(found.map((option) => option.value));
    const extra = (selectedKey ? selectedKey.split('\n') : [])
      .filter((value) => !listed.has(value))
      .map((value) => seen.current.get(value) ?? { value, label: value, detail: '' });
    return [...extra, ...found];
  }, [known, search.data, selectedKey]);

  const common = {
    id,
    disabled,
    placeholder,
    style,
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
    optionRender: (option: { data: HomeOption }) => (
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
      <Select<string[], HomeOption>
        {...common}
        mode="multiple"
        value={props.value ?? []}
        onChange={(value) => onChange?.(value)}
      />
    );
  }
  const { onChange } = props;
  return (
    <Select<string | undefined, HomeOption>
      {...common}
      value={props.value ?? undefined}
      onChange={(value) => onChange?.(value ?? undefined)}
    />
  );
}
