import { useState } from 'react';
import { errorMessage, RequestError } from '../../light/request';
import { type Problem, rateProblem, type Satisfaction } from '../api';
import { formatDateTime, problemStatusLabel, satisfactionLabel } from '../format';

const CHOICES: Satisfaction[] = [3, 2, 1];
const COMMENT_MAX = 500;

/** One 解难纾困 case as the citizen sees it, with the satisfaction buttons once its result is published. */
export function ProblemCard({
  problem,
  heading: Heading = 'h3',
  onChange,
  onStale,
}: {
  problem: Problem;
  heading?: 'h2' | 'h3' | 'h4';
  /** the server answered with the rated case */
  onChange: (problem: Problem) => void;
  /** the case changed meanwhile (already rated): load it again */
  onStale: () => void;
}) {
  return (
    <article className="card">
      <Heading>{problem.title}</Heading>
      <dl className="facts">
        <dt>查询码</dt>
        <dd>{problem.trackingCode}</dd>
        <dt>办理状态</dt>
        <dd>
          <span className="status">{problemStatusLabel(problem.status)}</span>
        </dd>
        <dt>登记时间</dt>
        <dd>{formatDateTime(problem.createdAt)}</dd>
        {problem.resolvedAt && (
          <>
            <dt>办结时间</dt>
            <dd>{formatDateTime(problem.resolvedAt)}</dd>
          </>
        )}
        {problem.result && (
          <>
            <dt>办理结果</dt>
            <dd className="pre-wrap">{problem.result}</dd>
          </>
        )}
        {problem.satisfaction != null && (
          <>
            <dt>您的评价</dt>
            <dd>{satisfactionLabel(problem.satisfaction)}</dd>
          </>
        )}
      </dl>
      {problem.canRate && <Rating problem={problem} onChange={onChange} onStale={onStale} />}
    </article>
  );
}

function Rating({
  problem,
  onChange,
  onStale,
}: {
  problem: Problem;
  onChange: (problem: Problem) => void;
  onStale: () => void;
}) {
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState<Satisfaction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commentId = `rate-comment-${problem.trackingCode}`;

  const rate = async (satisfaction: Satisfaction) => {
    setSending(satisfaction);
    setError(null);
    try {
      onChange(await rateProblem(problem.trackingCode, satisfaction, comment.trim() || undefined));
    } catch (e) {
      setSending(null);
      setError(errorMessage(e));
      if (e instanceof RequestError && e.status === 409) onStale();
    }
  };

  return (
    <fieldset className="rating-box" aria-describedby={`${commentId}-status`}>
      <legend>您对办理结果满意吗？</legend>
      <div className="field">
        <label htmlFor={commentId}>想说的话（选填）</label>
        <textarea
          id={commentId}
          rows={3}
          maxLength={COMMENT_MAX}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      <div className="rating">
        {CHOICES.map((value) => (
          <button
            key={value}
            type="button"
            className={value === 3 ? 'button' : 'button-secondary'}
            disabled={sending !== null}
            onClick={() => void rate(value)}
          >
            {sending === value ? '正在提交…' : satisfactionLabel(value)}
          </button>
        ))}
      </div>
      <p id={`${commentId}-status`} role="status" aria-live="polite" className="field-error">
        {error}
      </p>
    </fieldset>
  );
}
