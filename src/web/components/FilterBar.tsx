import { Button, Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';

interface FilterSelectProps {
  /** The committed value (e.g. from the URL). */
  value: string | undefined;
  options: SelectProps['options'];
  /** Also the accessible name of the select. */
  placeholder: string;
  width: number;
  onChange: (value: string | undefined) => void;
  loading?: boolean;
  /** Typing narrows the options by their labels. */
  searchable?: boolean;
}

/** One choice of a list's filter bar; clearing it removes the filter. */
export function FilterSelect({
  value,
  options,
  placeholder,
  width,
  onChange,
  loading,
  searchable,
}: FilterSelectProps) {
  return (
    <Select
      allowClear
      {...(searchable ? { showSearch: { optionFilterProp: 'label' } } : {})}
      style={{ width }}
      value={value}
      options={options}
      loading={loading}
      placeholder={placeholder}
      aria-label={placeholder}
      onChange={(next: string | undefined) => onChange(next)}
    />
  );
}

/** 重置 at the end of a filter bar, shown while any filter is set. */
export function ResetFilters({ active, onReset }: { active: boolean; onReset: () => void }) {
  const { t } = useTranslation();
  return active ? <Button onClick={onReset}>{t('common.reset')}</Button> : null;
}
