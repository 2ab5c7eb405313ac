import { Link } from 'wouter';
import { GRADE_LABELS } from '../../../domain/evaluation';
import { errorMessage } from '../../light/request';
import { useLoad } from '../../light/useLoad';
import { fetchCommendations } from '../api';
import { formatDate } from '../format';
import { usePageTitle } from '../layout';

const gradeLabel = (grade: string) => GRADE_LABELS[grade as keyof typeof GRADE_LABELS] ?? grade;

/** R25: the homes and members commended in the latest published annual evaluation. */
export function CommendationsPage() {
  usePageTitle('年度表彰');
  const list = useLoad('commendations', (signal) => fetchCommendations(signal));
  return (
    <>
      <h1>年度表彰</h1>
      <p>
        市政协和各旗区政协对委员之家（委员工作室）年度评比后，对工作成效显著的委员之家和履职突出的委员予以通报表彰。
      </p>
      {list.loading && <p role="status">正在加载…</p>}
      {list.error ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(list.error)}{' '}
          <button type="button" className="button-secondary" onClick={list.reload}>
            重试
          </button>
        </div>
      ) : null}
      {list.data && list.data.rounds.length === 0 && <p className="muted">尚无已公布的表彰。</p>}
      {list.data?.rounds.map((round) => (
        <section key={`${round.ownerUnitName}-${round.year}`} className="card" aria-label={round.title}>
          <h2>
            {round.ownerUnitName} · {round.year} 年度
          </h2>
          <p className="muted">
            {round.title}，{formatDate(round.publishedAt)} 公布
          </p>
          <h3>受表彰的委员之家</h3>
          {round.homes.length ? (
            <ul>
              {round.homes.map((home) => (
                <li key={home.homeId}>
                  <Link href={`/homes/${home.homeId}`}>{home.name}</Link>（{gradeLabel(home.grade)}）
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">无</p>
          )}
          <h3>履职突出的委员</h3>
          {round.members.length ? (
            <ul>
              {round.members.map((member, i) => (
                // names may repeat; the published order is stable
                // biome-ignore lint/suspicious/noArrayIndexKey: the list is as published and never reorders
                <li key={i}>
                  {member.name}
                  {member.sector ? `（${member.sector}界）` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">无</p>
          )}
        </section>
      ))}
      <Link href="/" className="back-link">
        返回首页
      </Link>
    </>
  );
}
