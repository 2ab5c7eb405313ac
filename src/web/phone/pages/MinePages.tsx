import { type ReactNode, useEffect } from 'react';
import { HOME_KIND_LABELS, HOME_STATUS_LABELS } from '../../../domain/home-workflow';
import type { components } from '../../api/openapi.gen';
import { loginPath } from '../../auth/signIn';
import { usePrefetched } from '../../light/prefetched';
import { RequestError, request } from '../../light/request';
import { useLoad } from '../../light/useLoad';
import { formatDate } from '../../portal/format';
import { useAccount } from '../account';
import { keepAnswer } from '../kept';
import { Notice, PhoneLayout, usePageTitle } from '../layout';
import { MINE_PATHS } from '../paths';
import { fill } from '../strings';
import { type PhoneWords, useWords } from '../words';

type DutyRecord = components['schemas']['DutyRecord'];
type Home = components['schemas']['Home'];
type HomePage = { items: Home[]; total: number };

/** What the pages ask of the API for the signed-in member (also the server's render, plugins/phone-page.tsx). */
export const recordApiPath = (memberId: string) => `/members/${encodeURIComponent(memberId)}/duty-record`;
export const homesApiPath = (memberId: string) =>
  `/homes?memberId=${encodeURIComponent(memberId)}&pageSize=50`;

/** The keys of their answers in the page the server rendered. */
export const RECORD_KEY = 'my-record';
export const HOMES_KEY = 'my-homes';

/**
 * 我的履职档案 (/my/record): the signed-in member's duty record of the year — points by category and
 * every entry, newest first — as it stands now. Opened without a signal, the last one seen.
 */
export const RecordPage = () => <MinePage page="record">{(id) => <Record memberId={id} />}</MinePage>;

/** 我的委员之家 (/my/homes): the homes the signed-in member belongs to, with their part in each. */
export const HomesPage = () => <MinePage page="homes">{(id) => <Homes memberId={id} />}</MinePage>;

const titleOf = (words: PhoneWords['mine'], page: 'record' | 'homes') =>
  page === 'record' ? words.recordTitle : words.homesTitle;

/** One of the member's own pages: its title, the tabs between them, its content for a member. */
function MinePage({
  page,
  children,
}: {
  page: 'record' | 'homes';
  children: (memberId: string) => ReactNode;
}) {
  const words = useWords().words.mine;
  usePageTitle(titleOf(words, page));
  return (
    <PhoneLayout title={titleOf(words, page)}>
      <MineNav current={page} />
      <ForMember path={MINE_PATHS[page]}>{children}</ForMember>
    </PhoneLayout>
  );
}

function MineNav({ current }: { current: 'record' | 'homes' }) {
  const words = useWords().words.mine;
  const link = (name: 'record' | 'homes', href: string) =>
    name === current ? (
      <span aria-current="page">{words.nav[name]}</span>
    ) : (
      <a href={href}>{words.nav[name]}</a>
    );
  return (
    <nav className="phone-tabs" aria-label={words.recordTitle}>
      {link('record', MINE_PATHS.record)}
      {link('homes', MINE_PATHS.homes)}
      <a href="/checkin">{words.nav.checkin}</a>
    </nav>
  );
}

/** The page's content for a signed-in member; else how to become one. */
function ForMember({ path, children }: { path: string; children: (memberId: string) => ReactNode }) {
  const words = useWords().words.mine;
  const { account } = useAccount();
  if (account === undefined) return <p className="muted">{words.loading}</p>;
  if (account === null)
    return (
      <>
        <p>{words.signInHint}</p>
        <a href={loginPath(path)} className="button button-block phone-big">
          {words.signInFirst}
        </a>
      </>
    );
  if (!account.memberId) return <Notice kind="error" title={words.notLinked} hint={words.notLinkedHint} />;
  return children(account.memberId);
}

/**
 * An answer for the member's page: as the server rendered it (kept on the phone for a weak signal),
 * else asked, and asked again once the signal is back after a failure.
 */
function useMine<T>(key: string, path: string) {
  const rendered = usePrefetched<T>(key).value;
  const loaded = useLoad(key, (signal) => request<T>('GET', path, { signal }));
  useEffect(() => {
    if (rendered) keepAnswer(path, rendered);
  }, [path, rendered]);
  const { error, reload } = loaded;
  useEffect(() => {
    if (!error) return;
    window.addEventListener('online', reload);
    return () => window.removeEventListener('online', reload);
  }, [error, reload]);
  return loaded;
}

function Loading({ error, reload }: { error: unknown; reload(): void }) {
  const words = useWords().words.mine;
  if (!error) return <p className="muted">{words.loading}</p>;
  const offline = error instanceof RequestError ? error.status === 0 : !navigator.onLine;
  return (
    <div className="alert alert-error" role="alert">
      <p>
        <strong>{offline ? words.offlineNone : words.failed}</strong>
      </p>
      <button type="button" className="button-secondary" onClick={reload}>
        {words.retry}
      </button>
    </div>
  );
}

/** Shown over what the phone kept, while there is no signal. */
function OfflineNote() {
  const words = useWords().words.mine;
  const offline = typeof navigator !== 'undefined' && !navigator.onLine;
  return offline ? (
    <p className="alert alert-info" role="status">
      {words.offline}
    </p>
  ) : null;
}

function Record({ memberId }: { memberId: string }) {
  const words = useWords().words.mine;
  const { data, error, reload } = useMine<DutyRecord>(RECORD_KEY, recordApiPath(memberId));
  if (!data) return <Loading error={error} reload={reload} />;
  const entries = [...data.entries].reverse();
  return (
    <>
      <OfflineNote />
      <p className="phone-heading">
        {data.memberName} · {fill(words.year, { year: data.year })}
        {data.closed ? words.closed : ''}
      </p>
      <p className="phone-total">
        <span className="muted">{words.total}</span>
        <strong>{data.total}</strong>
      </p>
      <ul className="phone-list phone-scores">
        {data.categories.map((c) => (
          <li key={c.category}>
            <span>{c.label}</span>
            <strong>{fill(words.points, { points: c.points })}</strong>
            <span className="muted">
              {fill(words.entries, { count: c.entries })}
              {c.cap !== null ? ` · ${fill(words.cap, { cap: c.cap })}` : ''}
            </span>
          </li>
        ))}
      </ul>
      <h2 className="phone-subheading">{words.entryList}</h2>
      {entries.length === 0 ? (
        <p className="muted">{words.noEntries}</p>
      ) : (
        <ul className="phone-list phone-scores">
          {entries.map((e) => (
            <li key={e.key}>
              <span>{e.title}</span>
              <strong>{fill(words.points, { points: e.points })}</strong>
              <span className="muted">
                {formatDate(e.occurredOn)} · {e.itemLabel}
                {e.adjustment ? ` · ${fill(words.adjusted, { reason: e.adjustment.reason })}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Homes({ memberId }: { memberId: string }) {
  const words = useWords().words.mine;
  const { data, error, reload } = useMine<HomePage>(HOMES_KEY, homesApiPath(memberId));
  if (!data) return <Loading error={error} reload={reload} />;
  if (data.items.length === 0) return <p className="muted">{words.noHomes}</p>;
  const role = (home: Home) =>
    home.directorMemberId === memberId ? 'director' : home.deputyMemberId === memberId ? 'deputy' : 'member';
  return (
    <>
      <OfflineNote />
      <ul className="phone-list">
        {data.items.map((home) => (
          <li key={home.id}>
            <span>
              <strong>{home.name}</strong>
            </span>
            <span className="muted">
              {words.role[role(home)]} · {HOME_KIND_LABELS[home.kind as keyof typeof HOME_KIND_LABELS]}
              {home.status === 'operating'
                ? ''
                : ` · ${HOME_STATUS_LABELS[home.status as keyof typeof HOME_STATUS_LABELS]}`}
            </span>
            {home.address ? <span className="muted">{home.address}</span> : null}
            {home.status === 'operating' ? (
              <a href={`/portal/homes/${encodeURIComponent(home.id)}`}>{words.homePage}</a>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
