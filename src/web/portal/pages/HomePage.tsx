import type { ReactNode } from 'react';
import { Link, useParams } from 'wouter';
import { isNotFound } from '../../light/request';
import { useLoad } from '../../light/useLoad';
import { fetchHome, type Home, homeKey, type Person } from '../api';
import { HomeName, placeOf } from '../components/HomeCard';
import { LoadFailed, Loading } from '../components/Status';
import { activityKindLabel, formatDate, formatRange, homeKindLabel, isWebUrl } from '../format';
import { usePageTitle } from '../layout';
import { finderAddress } from './FinderPage';

export function HomePage() {
  const { id } = useParams<{ id: string }>();
  const home = useLoad(homeKey(id), (signal) => fetchHome(id, signal));
  usePageTitle(home.data?.name ?? '委员之家');

  return (
    <>
      <Link href={finderAddress()} className="back-link">
        ← 返回委员之家列表
      </Link>
      {home.loading && <Loading />}
      {isNotFound(home.error) ? (
        <>
          <h1>未找到该委员之家</h1>
          <p>该委员之家不存在或暂未开放，请返回列表重新查找。</p>
        </>
      ) : (
        home.error != null && <LoadFailed error={home.error} retry={home.reload} />
      )}
      {home.data && <HomeDetails home={home.data} />}
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

const personText = (p: Person) => (p.sector ? `${p.name}（${p.sector}）` : p.name);

function HomeDetails({ home }: { home: Home }) {
  const place = placeOf(home);
  const opinionHref = `/opinion?homeId=${encodeURIComponent(home.id)}`;
  const facts: [string, ReactNode][] = [
    ['类型', homeKindLabel(home.kind)],
    ['品牌', home.brand],
    ['特色', home.specialty],
    ['所在地区', place || null],
    ['地址', home.address],
    ['开放时间', home.openingHours],
    ['所属单位', home.ownerUnitName],
    ['牌匾编号', home.plaqueNo],
  ];
  return (
    <>
      <h1>
        <HomeName home={home} />
      </h1>
      <div className="actions">
        <Link href={opinionHref} className="button">
          反映意见
        </Link>
      </div>

      <Section id="home-basic" title="基本信息">
        <dl className="facts">
          {facts
            .filter(([, value]) => value)
            .map(([term, value]) => (
              <div key={term}>
                <dt>{term}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          {home.online && (
            <div>
              <dt>线上委员之家</dt>
              <dd>
                {home.onlineUrl && isWebUrl(home.onlineUrl) ? (
                  <a href={home.onlineUrl} target="_blank" rel="noopener noreferrer">
                    {home.onlineUrl}
                  </a>
                ) : (
                  (home.onlineUrl ?? '在线开展活动')
                )}
              </dd>
            </div>
          )}
        </dl>
      </Section>

      <Section id="home-members" title="委员">
        <dl className="facts">
          <dt>负责人</dt>
          <dd>{home.director ? personText(home.director) : '暂无'}</dd>
          {home.deputy && (
            <>
              <dt>副负责人</dt>
              <dd>{personText(home.deputy)}</dd>
            </>
          )}
        </dl>
        {home.members.length > 0 ? (
          <>
            <h3>入驻委员（{home.members.length} 名）</h3>
            <ul className="plain-list">
              {home.members.map((m, i) => (
                // names can repeat; the order is the server's and stable
                // biome-ignore lint/suspicious/noArrayIndexKey: no id is published for members
                <li key={i}>{personText(m)}</li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">暂无入驻委员信息。</p>
        )}
      </Section>

      <Section id="home-duty" title="委员值班安排（未来 30 天）">
        {home.dutyShifts.length > 0 ? (
          <ul className="plain-list">
            {home.dutyShifts.map((s) => (
              <li key={`${s.startsAt}-${s.memberName}`}>
                <strong>{formatRange(s.startsAt, s.endsAt)}</strong>
                <br />
                值班委员：{s.memberName}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">近期暂无值班安排。</p>
        )}
      </Section>

      <Section id="home-activities" title="近期活动预告">
        {home.activities.length > 0 ? (
          <ul className="plain-list">
            {home.activities.map((a) => (
              <li key={a.id}>
                <strong>{a.title}</strong>
                <br />
                <span className="tag">{activityKindLabel(a.kind)}</span>
                {formatRange(a.startsAt, a.endsAt)}
                {a.place && (
                  <>
                    <br />
                    地点：{a.place}
                  </>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">近期暂无活动安排。</p>
        )}
      </Section>

      {home.recentActivities.length > 0 && (
        <Section id="home-recent" title="最近开展的活动">
          <ul className="plain-list">
            {home.recentActivities.map((a) => (
              <li key={a.id}>
                <strong>{a.title}</strong>
                <br />
                <span className="tag">{activityKindLabel(a.kind)}</span>
                {formatDate(a.startsAt)}
              </li>
            ))}
          </ul>
        </Section>
      )}

      {home.rules.length > 0 && (
        <Section id="home-rules" title="工作制度">
          {home.rules.map((r) => (
            <details key={r.id} className="rule">
              <summary>{r.title}</summary>
              <p className="pre-wrap">{r.content}</p>
            </details>
          ))}
        </Section>
      )}

      <div className="card">
        <h2>有话想对委员说？</h2>
        <p>您可以把身边的问题和建议告诉委员，委员会整理后报送政协，并把办理情况告诉您。</p>
        <Link href={opinionHref} className="button button-block">
          向该委员之家反映意见
        </Link>
      </div>
    </>
  );
}
