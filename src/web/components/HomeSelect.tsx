import { type CSSProperties, useMemo } from 'react';
import { HOMES_KEY, searchHomes } from '../api/homes';
import type { Home } from '../api/types';
import { type RemoteOption, RemoteSelect } from './RemoteSelect';

/** A home known before any search (e.g. the hosts of an activity being edited), so its name shows. */
export interface KnownHome {
  id: string;
  name: string;
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

const pickHomes = (text: string, signal: AbortSignal) => searchHomes(text, signal).then((page) => page.items);
const toOption = (home: Home): RemoteOption => ({
  value: home.id,
  label: home.name,
  detail: home.regionName ?? '',
});

/**
 * Picks one or more homes in the caller's scope by searching the server (GET /homes?q=…&pageSize=20).
 * Each option shows the name and where the home is; the chosen ones keep their names.
 */
export function HomeSelect(props: HomeSelectProps) {
  const { known, placeholder, id, disabled, style } = props;
  const knownOptions = useMemo(
    () => known?.map((home): RemoteOption => ({ value: home.id, label: home.name, detail: '' })),
    [known],
  );

  const common = {
    queryKey: HOMES_KEY,
    search: pickHomes,
    toOption,
    known: knownOptions,
    placeholder,
    id,
    disabled,
    style,
    'aria-label': props['aria-label'],
  };
  if (props.multiple) {
    return <RemoteSelect<Home> {...common} multiple value={props.value} onChange={props.onChange} />;
  }
  return <RemoteSelect<Home> {...common} value={props.value} onChange={props.onChange} />;
}
