import { type FormEvent, useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { isNotFound } from '../../light/request';
import { useLoad } from '../../light/useLoad';
import { fetchOpinion, fetchProblem, type Opinion, type Problem } from '../api';
import { ProblemCard } from '../components/ProblemCard';
import { LoadFailed, Loading } from '../components/Status';
import { formatDateTime, normaliseTrackingCode, opinionStatusLabel } from '../format';
import { usePageTitle } from '../layout';

type Found = { kind: 'opinion'; opinion: Opinion } | { kind: 'problem'; problem: Problem } | { kind: 'none' };

/** One code box for both: an opinion's code first, and when no opinion has it, a 解难纾困 case's. */
async function lookUp(code: string, signal: AbortSignal): Promise<Found> {
  try {
    return { kind: 'opinion', opinion: await fetchOpinion(code, signal) };
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  try {
    return { kind: 'problem', problem: await fetchProblem(code, signal) };
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  return { kind: 'none' };
}

const ANSWERED = ['replied', 'closed'];

function decode(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function TrackPage() {
  usePageTitle('查询办理进度');
  const code = decode(useParams<{ code?: string }>().code);
  const [, navigate] = useLocation();
  const [input, setInput] = useState(code);
  const [inputError, setInputError] = useState<string | null>(null);
  useEffect(() => setInput(code), [code]);
  // a code opened as typed (spaces, no dashes) gets its canonical address
  const canonical = normaliseTrackingCode(code);
  useEffect(() => {
    if (canonical && canonical !== code) navigate(`/track/${canonical}`, { replace: true });
  }, [canonical, code, navigate]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalised = normaliseTrackingCode(input);
    if (!normalised) {
      setInputError('查询码是 12 位数字，如 1234-5678-9012，请核对后重新输入');
      document.getElementById('track-code')?.focus();
      return;
    }
    setInputError(null);
    navigate(`/track/${normalised}`);
  };

  return (
    <>
      <h1>查询办理进度</h1>
      <form onSubmit={submit} noValidate className="card">
        <div className="field">
          <label htmlFor="track-code">查询码</label>
          <span id="track-code-hint" className="field-hint">
            提交意见或求助后得到的 12 位数字，如 1234-5678-9012
          </span>
          <input
            id="track-code"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            maxLength={30}
            value={input}
            aria-invalid={Boolean(inputError)}
            aria-describedby={inputError ? 'track-code-hint track-code-error' : 'track-code-hint'}
            onChange={(e) => setInput(e.target.value)}
          />
          <span id="track-code-error" className="field-error" aria-live="assertive">
            {inputError}
          </span>
        </div>
        <button type="submit" className="button button-block">
          查询
        </button>
      </form>
      {code && <TrackResult code={canonical ?? code} />}
    </>
  );
}

function TrackResult({ code }: { code: string }) {
  const found = useLoad(`track:${code}`, (signal) => lookUp(code, signal));
  const result = found.data;

  const replaceProblem = (problem: Problem) => {
    if (result?.kind === 'problem') found.set({ kind: 'problem', problem });
    if (result?.kind === 'opinion') {
      const problems = result.opinion.problems.map((p) =>
        p.trackingCode === problem.trackingCode ? problem : p,
      );
      found.set({ kind: 'opinion', opinion: { ...result.opinion, problems } });
    }
  };

  return (
    <section aria-live="polite" aria-busy={found.loading}>
      {found.loading && <Loading text="正在查询…" />}
      {found.error != null && <LoadFailed error={found.error} retry={found.reload} />}
      {result?.kind === 'none' && (
        <div className="alert alert-error" role="alert">
          没有找到查询码为 {code} 的意见或求助，请核对后重新输入。
        </div>
      )}
      {result?.kind === 'opinion' && (
        <OpinionProgress opinion={result.opinion} onProblem={replaceProblem} onStale={found.reload} />
      )}
      {result?.kind === 'problem' && (
        <>
          <h2 className="visually-hidden">解难纾困办理情况</h2>
          <ProblemCard
            problem={result.problem}
            heading="h3"
            onChange={replaceProblem}
            onStale={found.reload}
          />
        </>
      )}
      {result && (
        <Link href="/" className="back-link">
          返回首页
        </Link>
      )}
    </section>
  );
}

function OpinionProgress({
  opinion,
  onProblem,
  onStale,
}: {
  opinion: Opinion;
  onProblem: (problem: Problem) => void;
  onStale: () => void;
}) {
  return (
    <>
      <div className="card">
        <h2>{opinion.title}</h2>
        <dl className="facts">
          <dt>查询码</dt>
          <dd>{opinion.trackingCode}</dd>
          <dt>当前状态</dt>
          <dd>
            <span className="status">{opinionStatusLabel(opinion.status)}</span>
          </dd>
          {opinion.homeName && (
            <>
              <dt>反映给</dt>
              <dd>{opinion.homeName}</dd>
            </>
          )}
          <dt>提交时间</dt>
          <dd>{formatDateTime(opinion.receivedAt)}</dd>
        </dl>
      </div>

      <div className="card">
        <h3>答复</h3>
        {opinion.reply ? (
          <div className="reply">
            <p className="pre-wrap">{opinion.reply}</p>
            {opinion.repliedAt && <p className="muted">答复时间：{formatDateTime(opinion.repliedAt)}</p>}
          </div>
        ) : ANSWERED.includes(opinion.status) ? (
          <p>工作人员已直接向您答复（电话或当面），答复内容不在网上公开。</p>
        ) : (
          <p className="muted">尚未答复。意见办理有进展时，这里会显示最新情况。</p>
        )}
      </div>

      <div className="card">
        <h3>办理过程</h3>
        <ol className="timeline">
          {opinion.history.map((step) => (
            <li key={`${step.status}-${step.at}`}>
              <strong>{opinionStatusLabel(step.status)}</strong>
              <br />
              <span className="muted">{formatDateTime(step.at)}</span>
            </li>
          ))}
        </ol>
      </div>

      {opinion.problems.length > 0 && (
        <section aria-labelledby="opinion-problems">
          <h3 id="opinion-problems">解难纾困</h3>
          {opinion.problems.map((problem) => (
            <ProblemCard
              key={problem.trackingCode}
              problem={problem}
              heading="h4"
              onChange={onProblem}
              onStale={onStale}
            />
          ))}
        </section>
      )}
    </>
  );
}
