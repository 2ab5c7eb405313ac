import { type ReactNode, useEffect } from 'react';
import { phoneStrings } from './strings';

const { app } = phoneStrings;

/** The page's title in the browser tab. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} - ${app.shortName}`;
  }, [title]);
}

/** A phone page: the platform's name over one card, sized for a thumb. */
export function PhoneLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <header className="site-header phone-header">
        <div className="site-header-inner">
          <span className="site-title">
            {app.shortName} · {title}
          </span>
        </div>
      </header>
      <main id="main">
        <div className="card phone-card">{children}</div>
      </main>
    </>
  );
}

/** A notice in a box: what happened, in bold, and what to do about it. */
export function Notice({ kind, title, hint }: { kind: 'info' | 'error'; title: string; hint: string }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <p>
        <strong>{title}</strong>
      </p>
      <p>{hint}</p>
    </div>
  );
}
