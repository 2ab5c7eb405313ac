import { Cascader } from 'antd';
import { type CSSProperties, useMemo, useState } from 'react';
import { CITY_REGION_CODE, regionPath, useRegionChildren } from '../api/regions';
import type { Region } from '../api/types';

interface RegionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  loading?: boolean;
  children?: RegionOption[];
}

interface RegionCascaderProps {
  /** A region code: district (6 digits), township (9) or village (12). */
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  /** 2: banner/district → township; 3: … → village. Any level may be chosen. */
  depth: 2 | 3;
  /** The banners/districts (region codes) offered; all nine when left out. */
  within?: readonly string[];
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
  disabled?: boolean;
  'aria-label'?: string;
}

/**
 * Picks a region of Ordos (or of some of its banners/districts), loading each level from
 * GET /regions?parentCode= when it is opened (and the levels of the current value, so its names show).
 */
export function RegionCascader({ value, onChange, depth, within, ...rest }: RegionCascaderProps) {
  const [opened, setOpened] = useState<string[]>([]);
  const pathKey = regionPath(value).slice(0, depth).join(',');
  const path = useMemo(() => (pathKey ? pathKey.split(',') : []), [pathKey]);

  // City → districts always; then the parents along the current value and whatever the user opened.
  const parents = useMemo(() => {
    const codes = [CITY_REGION_CODE, ...path.slice(0, -1), ...opened];
    return [...new Set(codes)].filter((code) => code.length < 6 + 3 * (depth - 1));
  }, [path, opened, depth]);
  const results = useRegionChildren(parents);

  const options = useMemo(() => {
    const children = new Map<string, Region[]>();
    const loading = new Set<string>();
    parents.forEach((code, i) => {
      const result = results[i];
      if (result?.data) children.set(code, result.data);
      else if (result?.isFetching) loading.add(code);
    });
    const build = (parent: string, level: number): RegionOption[] | undefined =>
      children.get(parent)?.map((region) => {
        const kids = level < depth ? build(region.code, level + 1) : undefined;
        return {
          value: region.code,
          label: region.name,
          isLeaf: level >= depth || kids?.length === 0,
          loading: loading.has(region.code),
          children: kids && kids.length > 0 ? kids : undefined,
        };
      });
    const districts = build(CITY_REGION_CODE, 1) ?? [];
    return within ? districts.filter((district) => within.includes(district.value)) : districts;
  }, [parents, results, depth, within]);

  return (
    <Cascader<RegionOption>
      {...rest}
      options={options}
      value={path}
      changeOnSelect
      loading={results[0]?.isPending}
      loadData={(selected) => {
        const last = selected[selected.length - 1];
        if (last && !opened.includes(last.value)) setOpened((prev) => [...prev, last.value]);
      }}
      onChange={(values) => onChange?.(values?.length ? String(values[values.length - 1]) : undefined)}
    />
  );
}
