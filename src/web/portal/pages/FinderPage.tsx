import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { usePrefetched } from '../../light/prefetched';
import { useLoad } from '../../light/useLoad';
import { fetchHomes, fetchOptions, type HomeSummary, homesKey, type Options, type Page } from '../api';
import { HomeCard } from '../components/HomeCard';
import { LoadFailed, Loading } from '../components/Status';
import { homeKindLabel } from '../format';
import { usePageTitle } from '../layout';

const PAGE_SIZE = 20;

/** The finder's filters live in the address (?q=&district=&township=&kind=&group=), so "back" keeps them. */
const FILTERS = ['q', 'district', 'township', 'kind', 'group'] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Record<Filter, string>;

interface ListState {
  key: string;
  items: HomeSummary[];
  total: number;
  page: number;
  loading: boolean;
  error: unknown;
}

const filtersOf = (params: URLSearchParams) =>
  Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Filters;

const queryOf = (f: Filters, page: number) => ({
  q: f.q,
  kind: f.kind,
  regionCode: f.township || f.district,
  ownerUnitId: f.group,
  page,
  pageSize: PAGE_SIZE,
});

/** The request of the finder's first page for an address's query string (see fetchHomesEarly). */
export const firstPageQuery = (search: string) => queryOf(filtersOf(new URLSearchParams(search)), 1);

/** The list as the citizen left it for a home's page, for coming back to it (this visit only). */
let left: { key: string; search: string; list: ListState; scrollY: number } | null = null;

/** The finder as it was left, with its filters (a home's page links back to it). */
export const finderAddress = () => (left?.search ? `/?${left.search}` : '/');

export function FinderPage() {
  usePageTitle('查找委员之家');
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const key = FILTERS.map((name) => filters[name]).join('|');
  const address = useRef('');
  address.current = params.toString();
  // the search box is the browser's own (uncontrolled): what a citizen typed into the server's page
  // before the script arrived stays there when the script takes the page over
  const searchBox = useRef<HTMLInputElement>(null);
  // the first page the server rendered the page with, when it did
  const first = usePrefetched<Page<HomeSummary>>(homesKey(queryOf(filters, 1)));
  // back from a home's page: the list as it was left, every page loaded, at the place it was read
  const resumed = useRef(left?.key === key ? left : null);
  const [list, setList] = useState<ListState>(() =>
    resumed.current
      ? resumed.current.list
      : first.value
        ? { key, items: first.value.items, total: first.value.total, page: 1, loading: false, error: null }
        : { key: '', items: [], total: 0, page: 0, loading: true, error: null },
  );
  const [attempt, setAttempt] = useState(0);
  const shown = useRef(list);
  const results = useRef<HTMLElement>(null);
  shown.current = list;
  useEffect(() => {
    const back = resumed.current;
    // after the page's own move to the top (Layout), which runs after this
    if (back) requestAnimationFrame(() => window.scrollTo(0, back.scrollY));
    // the place as read: by the time this page is gone, the next page's shorter content has moved it
    let scrollY = back?.scrollY ?? window.scrollY;
    const onScroll = () => {
      // not once the list has left the page (the next page's shorter content moves the scroll)
      if (results.current?.isConnected) scrollY = window.scrollY;
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      const now = shown.current;
      left = now.loading || now.error ? null : { key: now.key, search: address.current, list: now, scrollY };
    };
  }, []);

  // The first page of each set of filters; "加载更多" appends the next ones.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `filters`
  useEffect(() => {
    const wasResumed = resumed.current !== null;
    resumed.current = null;
    if (first.used() || wasResumed) return;
    const controller = new AbortController();
    setList({ key, items: [], total: 0, page: 0, loading: true, error: null });
    fetchHomes(queryOf(filters, 1), controller.signal).then(
      (page) => {
        if (!controller.signal.aborted)
          setList({ key, items: page.items, total: page.total, page: 1, loading: false, error: null });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setList((s) => ({ ...s, loading: false, error }));
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  // the box follows the address when it changes (back, 清除筛选), not at the take-over
  const shownQ = useRef(filters.q);
  useEffect(() => {
    if (shownQ.current === filters.q) return;
    shownQ.current = filters.q;
    if (searchBox.current) searchBox.current.value = filters.q;
  }, [filters.q]);

  // after the homes' request (effects run in order): the list is what the citizen waits for
  const options = useLoad('options', () => fetchOptions());

  const loadMore = () => {
    const next = list.page + 1;
    setList((s) => ({ ...s, loading: true, error: null }));
    fetchHomes(queryOf(filters, next)).then(
      (page) =>
        setList((s) =>
          s.key === key
            ? { ...s, items: [...s.items, ...page.items], total: page.total, page: next, loading: false }
            : s,
        ),
      (error: unknown) => setList((s) => (s.key === key ? { ...s, loading: false, error } : s)),
    );
  };

  const setFilter = (changes: Partial<Filters>) => {
    const next = new URLSearchParams();
    const merged = { ...filters, ...changes };
    for (const name of FILTERS) if (merged[name]) next.set(name, merged[name]);
    setParams(next, { replace: true });
  };

  const search = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ q: (searchBox.current?.value ?? '').trim() });
  };

  const filtered = FILTERS.some((name) => filters[name]);
  // a search by name alone keeps the filters folded, so the homes found show on a phone's first screen
  const narrowed = FILTERS.some((name) => name !== 'q' && filters[name]);

  return (
    <>
      <h1>查找委员之家</h1>
      <p className="muted">
        找到离您最近的政协委员之家、委员工作室，了解委员值班和活动安排，向委员反映意见。
      </p>
      <Link href="/track" className="button big-link">
        查询意见办理进度
      </Link>

      <section aria-labelledby="filters-title" className="card">
        <h2 id="filters-title" className="visually-hidden">
          筛选条件
        </h2>
        <search>
          {/* a real GET form: without the script, the server answers /portal/?q= with the homes found */}
          <form onSubmit={search} className="field" action="/portal/" method="get">
            <label htmlFor="finder-q">按名称搜索</label>
            <div className="search-row">
              <input
                id="finder-q"
                name="q"
                type="search"
                ref={searchBox}
                defaultValue={filters.q}
                maxLength={50}
                placeholder="如：乌审旗、工作室"
              />
              <button type="submit" className="button">
                搜索
              </button>
            </div>
          </form>
        </search>
        {/* folded on a phone so the first homes show on the first screen; open while a filter is set */}
        <details className="more-filters" open={narrowed || undefined}>
          <summary>按旗区、苏木乡镇、类型、界别筛选</summary>
          <Filters options={options.data} filters={filters} onChange={setFilter} />
          {options.error != null && <LoadFailed error={options.error} retry={options.reload} />}
        </details>
        {filtered && (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              if (searchBox.current) searchBox.current.value = '';
              setParams(new URLSearchParams(), { replace: true });
            }}
          >
            清除筛选
          </button>
        )}
      </section>

      <section aria-labelledby="results-title" ref={results}>
        <h2 id="results-title">{list.page > 0 ? `共 ${list.total} 个委员之家` : '委员之家'}</h2>
        {list.items.length > 0 && (
          <ul className="home-list">
            {list.items.map((home) => (
              <HomeCard key={home.id} home={home} />
            ))}
          </ul>
        )}
        {list.page > 0 && list.items.length === 0 && (
          <p className="card" role="status">
            {filtered
              ? '没有找到符合条件的委员之家，请换个名称或清除筛选后再试。'
              : '暂时没有可以查看的委员之家。'}
          </p>
        )}
        {list.loading && <Loading />}
        {list.error != null && !list.loading && (
          <LoadFailed
            error={list.error}
            retry={list.page === 0 ? () => setAttempt((n) => n + 1) : loadMore}
          />
        )}
        {!list.loading && list.page > 0 && list.items.length < list.total && (
          <button type="button" className="button-secondary button-block load-more" onClick={loadMore}>
            加载更多（已显示 {list.items.length} / {list.total}）
          </button>
        )}
      </section>
    </>
  );
}

function Filters({
  options,
  filters,
  onChange,
}: {
  options: Options | null;
  filters: Filters;
  onChange: (changes: Partial<Filters>) => void;
}) {
  const district = options?.districts.find((d) => d.code === filters.district);
  const count = (n: number) => `（${n}）`;
  return (
    <div className="filters">
      <div className="field">
        <label htmlFor="finder-district">旗区</label>
        <select
          id="finder-district"
          value={filters.district}
          onChange={(e) => onChange({ district: e.target.value, township: '' })}
        >
          <option value="">全部旗区</option>
          {options?.districts.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
              {count(d.homes)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="finder-township">苏木乡镇（街道）</label>
        <select
          id="finder-township"
          value={filters.township}
          disabled={!district}
          onChange={(e) => onChange({ township: e.target.value })}
        >
          <option value="">{district ? '全部苏木乡镇' : '请先选择旗区'}</option>
          {district?.townships.map((t) => (
            <option key={t.code} value={t.code}>
              {t.name}
              {count(t.homes)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="finder-kind">类型</label>
        <select id="finder-kind" value={filters.kind} onChange={(e) => onChange({ kind: e.target.value })}>
          <option value="">全部类型</option>
          {options?.kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {homeKindLabel(k.kind)}
              {count(k.homes)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="finder-group">界别活动组</label>
        <select id="finder-group" value={filters.group} onChange={(e) => onChange({ group: e.target.value })}>
          <option value="">全部界别</option>
          {options?.sectorGroups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
              {count(g.homes)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
