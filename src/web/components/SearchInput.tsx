import { Input } from 'antd';
import { useEffect, useState } from 'react';

interface SearchInputProps {
  /** The committed value (e.g. from the URL). */
  value: string | undefined;
  onSearch: (value: string | undefined) => void;
  placeholder: string;
  width?: number;
}

/** Text filter that commits on Enter / the search button / clearing, and follows outside resets. */
export function SearchInput({ value, onSearch, placeholder, width = 220 }: SearchInputProps) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <Input.Search
      allowClear
      value={text}
      placeholder={placeholder}
      aria-label={placeholder}
      style={{ width }}
      onChange={(event) => {
        setText(event.target.value);
        if (!event.target.value && value) onSearch(undefined);
      }}
      onSearch={(next) => onSearch(next.trim() || undefined)}
    />
  );
}
