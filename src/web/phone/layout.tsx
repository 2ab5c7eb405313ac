import { type ReactNode, useEffect, useState } from 'react';
import { useAccount } from './account';
import { chooseLanguage } from './session';
import { phoneStrings } from './strings';
import { useWords } from './words';

/** The page's title in the browser tab. */
export function usePageTitle(title: string): void {
  const { words } = useWords();
  useEffect(() => {
    document.title = `${title} - ${words.app.shortName}`;
  }, [title, words]);
}

/** The switch between the pages' two languages, for a signed-in member (it is kept in their profile). */
function LanguageSwitch() {
  const { account, ready } = useAccount();
  const { language } = useWords();
  const [busy, setBusy] = useState(false);
  if (!account) return null;
  const next = language === 'mn' ? 'zh' : 'mn';
  return (
    <button
      type="button"
      className="language-switch"
      disabled={!ready || busy}
      lang={next === 'mn' ? 'mn-Mong' : 'zh-CN'}
      onClick={() => {
        setBusy(true);
        chooseLanguage(next).then(
          () => window.location.reload(),
          () => setBusy(false),
        );
      }}
    >
      {next === 'mn' ? 'ᠮᠣᠩᠭᠣᠯ' : '中文'}
    </button>
  );
}

/**
 * A phone page: the platform's name over one card, sized for a thumb. In Mongolian the card is set
 * vertically (columns top to bottom, left to right) and scrolls sideways inside the screen; while
 * its Mongolian is not all reviewed, it says 译文待审校.
 */
export function PhoneLayout({ title, children }: { title: string; children: ReactNode }) {
  const { words, language, unreviewed } = useWords();
  const mongolian = language === 'mn';
  return (
    <>
      <header className="site-header phone-header">
        <div className="site-header-inner">
          {/* Mongolian is never set lying on its side: in Mongolian the header names the platform in
              Chinese, and the page's own title stands in the vertical card */}
          <span className="site-title">
            {mongolian ? phoneStrings.app.shortName : `${words.app.shortName} · ${title}`}
          </span>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" lang={mongolian ? 'mn-Mong' : undefined} className={mongolian ? 'phone-mn' : undefined}>
        {mongolian && unreviewed > 0 ? (
          <p className="draft-note" lang="zh-CN">
            译文待审校
          </p>
        ) : null}
        <div className="card phone-card">
          {/* in Mongolian the page's title heads the card, the header naming only the platform */}
          {mongolian ? <h1 className="phone-mn-title">{title}</h1> : null}
          {children}
        </div>
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
