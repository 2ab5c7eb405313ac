import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { yearOf } from '../../domain/calendar';

/** This year in Beijing time (the calendar every rule of the platform uses). */
export const currentYear = () => yearOf(new Date());

/** The `?year=` of the page URL (this year when absent or wrong), and a setter that keeps it there. */
export function useYearParam(): [number, (year: number) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const raw = Number(searchParams.get('year'));
  const year = Number.isInteger(raw) && raw >= 2000 && raw <= 2100 ? raw : currentYear();
  const setYear = useCallback(
    (next: number) =>
      setSearchParams(
        (prev) => {
          const params = new URLSearchParams(prev);
          if (next === currentYear()) params.delete('year');
          else params.set('year', String(next));
          return params;
        },
        { replace: true },
      ),
    [setSearchParams],
  );
  return [year, setYear];
}
