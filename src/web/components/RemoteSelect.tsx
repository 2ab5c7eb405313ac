import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { type CSSProperties, useEffect, useMemo, useRef, useState } from 'react';

/** One choice of a `RemoteSelect`: its name, and a secondary detail shown beside it in the list. */
export interface RemoteOption {
  value: string;
  label: string;
  detail: string;
}

interface BaseProps<T> {
  /** First element of the React Query key (e.g. 'members'); searches are cached under [key, 'pick', text]. */
  queryKey: string;
  /** Asks the server for the items matching the typed text ('' for the first ones). */
  search: (text: string, signal: AbortSignal) => Promise<readonly T[]>;
  /** Turns a found item into an option; keep it stable (module-level or memoised). */
  toOption: (item: T) => RemoteOption;
  /** Options known before any search (e.g. the current values), so their names show. */
  known?: readonly RemoteOption[];
  placeholder?: string;
  id?: string;
  disabled?: boolean;
  style?: CSSProperties;
  'aria-label'?: string;
}

export type RemoteSelectProps<T> =
  | (BaseProps<T> & {
      multiple?: false;
      value?: string | null;
      onChange?: (value: string | undefined) => void;
    })
  | (BaseProps<T> & { multiple: true; value?: string[]; onChange?: (value: string[]) => void });

/**
 * Picks one or more items by searching the server as the user types (300 ms after the last key).
 * Each option shows its label and a secondary detail; the chosen ones keep their labels even when a
 * later search does not list them.
 */
export function RemoteSelect<T>(props: RemoteSelectProps<T>) {
  const { queryKey, search: fetchItems, toOption, known, placeholder, id, disabled, style } = props;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setTerm(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);

  const search = useQuery({
    queryKey: [queryKey, 'pick', term],
    queryFn: ({ signal }) => fetchItems(term, signal),
    enabled: open,
    staleTime: 60_000,
  });

  // Every option seen so far, so a chosen one keeps its label when a later search does not list it.
  const seen = useRef(new Map<string, RemoteOption>());
  const selectedKey = (props.multiple ? (props.value ?? []) : props.value ? [props.value] : []).join('\n');
  const options = useMemo(() => {
    for (const option of known ?? []) {
      if (!seen.current.has(option.value)) seen.current.set(option.value, option);
    }
    const found = (search.data ?? []).map(toOption);
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
    optionRender: (option: { data: RemoteOption }) => (
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
      <Select<string[], RemoteOption>
        {...common}
        mode="multiple"
        value={props.value ?? []}
        onChange={(value) => onChange?.(value)}
      />
    );
  }
  const { onChange } = props;
  return (
    <Select<string | undefined, RemoteOption>
      {...common}
      value={props.value ?? undefined}
      onChange={(value) => onChange?.(value ?? undefined)}
    />
  );
}
