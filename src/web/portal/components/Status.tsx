import { errorMessage } from '../../light/request';

/** Progress announced to screen readers; nothing for sighted users to wait on but the text. */
export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      {text}
    </p>
  );
}

/** A failed load, with its message and a way to try again. */
export function LoadFailed({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="alert alert-error" role="alert">
      <p>{errorMessage(error)}</p>
      {retry && (
        <button type="button" className="button-secondary" onClick={retry}>
          重试
        </button>
      )}
    </div>
  );
}
