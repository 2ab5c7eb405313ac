import { useCallback, useEffect, useState } from 'react';
import { Link } from 'wouter';
import {
  dismissOutcome,
  flushOutbox,
  OUTBOX_CHANGED,
  type Outcome,
  outcomes,
  queuedOpinions,
} from '../outbox';

/**
 * On every page: the opinions waiting on this phone for the network, sent by themselves when it is
 * back (and on each visit, and every half minute while any waits), and what became of them — the
 * tracking code the citizen must write down, kept until they say they have.
 */
export function OutboxStatus() {
  // nothing in the first render (the server's), then what this phone holds
  const [state, setState] = useState<{ waiting: number; results: Outcome[] }>({ waiting: 0, results: [] });
  const refresh = useCallback(() => setState({ waiting: queuedOpinions().length, results: outcomes() }), []);
  const send = useCallback(() => {
    void flushOutbox().then(refresh, refresh);
  }, [refresh]);

  useEffect(() => {
    refresh();
    if (queuedOpinions().length) send();
    const timer = window.setInterval(() => {
      if (queuedOpinions().length) send();
    }, 30_000);
    window.addEventListener(OUTBOX_CHANGED, refresh);
    window.addEventListener('storage', refresh);
    window.addEventListener('online', send);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(OUTBOX_CHANGED, refresh);
      window.removeEventListener('storage', refresh);
      window.removeEventListener('online', send);
    };
  }, [refresh, send]);

  if (state.waiting === 0 && state.results.length === 0) return null;
  return (
    <section className="outbox" aria-label="保存在本机的意见" aria-live="polite">
      {state.waiting > 0 && (
        <div className="alert">
          <p>有 {state.waiting} 条意见保存在这部手机上，恢复联网后会自动发送。</p>
          <button type="button" className="button-secondary" onClick={send}>
            立即重试
          </button>
        </div>
      )}
      {state.results.map((o) =>
        o.trackingCode ? (
          <div className="alert alert-ok" key={o.key}>
            <p>
              您保存在本机的意见“{o.title}”已发送。查询码：
              <strong className="code-inline">{o.trackingCode}</strong>
              （请抄写或截图保存）
            </p>
            <div className="actions">
              <Link href={`/track/${encodeURIComponent(o.trackingCode)}`} className="button-secondary">
                查看办理进度
              </Link>
              <button type="button" className="button-secondary" onClick={() => dismissOutcome(o.key)}>
                我已记下
              </button>
            </div>
          </div>
        ) : (
          <div className="alert alert-error" key={o.key}>
            <p>
              意见“{o.title}”未能发送：{o.refused}。内容已放回“反映意见”页，修改后可以重新提交。
            </p>
            <div className="actions">
              <Link href="/opinion" className="button-secondary">
                去修改
              </Link>
              <button type="button" className="button-secondary" onClick={() => dismissOutcome(o.key)}>
                知道了
              </button>
            </div>
          </div>
        ),
      )}
    </section>
  );
}
