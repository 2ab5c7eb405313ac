import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentYear } from '../hooks/useYearParam';

interface YearSelectProps {
  value: number;
  onChange: (year: number) => void;
  /** Earliest year offered (the value is always offered). */
  from?: number;
}

/** Picks a year: from `from` (2020) to next year, newest first. */
export function YearSelect({ value, onChange, from = 2020 }: YearSelectProps) {
  const { t } = useTranslation();
  const last = currentYear() + 1;
  const years: number[] = [];
  for (let year = last; year >= Math.min(from, value); year -= 1) years.push(year);
  if (value > last) years.unshift(value);
  return (
    <Select<number>
      style={{ width: 110 }}
      value={value}
      aria-label={t('common.year')}
      options={years.map((year) => ({ value: year, label: t('common.yearValue', { year }) }))}
      onChange={onChange}
    />
  );
}
