import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { OutboxStatus } from './components/OutboxStatus';

export const SITE_NAME = '鄂尔多斯市政协委员之家';

// 大字 (适老化): the root font size goes from 100% to 125%; everything is sized in rem, so the whole
// page grows. Remembered on this device.
const LARGE_TEXT_KEY = 'portal.largeText';
/** The same choice for the server, which renders the page's first screen at that size. */
export const LARGE_TEXT_COOKIE = 'portal_large_text';

export function readLargeText(): boolean {
  try {
    return localStorage.getItem(LARGE_TEXT_KEY) === '1';
  } catch {
    return false; // storage refused (private mode): the switch still works for this visit
  }
}

export function applyLargeText(on: boolean): void {
  document.documentElement.style.fontSize = on ? '125%' : '';
}

function rememberLargeText(on: boolean): void {
  try {
    localStorage.setItem(LARGE_TEXT_KEY, on ? '1' : '0');
  } catch {
    // not remembered, still applied
  }
  // biome-ignore lint/suspicious/noDocumentCookie: one fixed name and value; the Cookie Store API is missing from the older phones the portal serves
  document.cookie = `${LARGE_TEXT_COOKIE}=${on ? '1' : '0'}; path=/portal; max-age=31536000; SameSite=Lax`;
}

function LargeTextSwitch() {
  // off in the first render, as the server rendered it; then as this device remembers it
  const [on, setOn] = useState(false);
  useEffect(() => setOn(readLargeText()), []);
  const toggle = () => {
    applyLargeText(!on);
    rememberLargeText(!on);
    setOn(!on);
  };
  return (
    <button type="button" className="text-switch" aria-pressed={on} onClick={toggle}>
      大字
    </button>
  );
}

/** The page's title in the browser tab and in the history list. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} - ${SITE_NAME}` : SITE_NAME;
  }, [title]);
}

export function Layout({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  // The script has taken the page over: the switches that need it may show (portal.css).
  useEffect(() => {
    document.documentElement.dataset.portalReady = '';
  }, []);

  // A new page starts at the top, and screen readers are taken to its content.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of page
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [location]);

  return (
    <>
      <header className="site-header">
        <div className="site-header-inner">
          <Link href="/" className="site-title">
            {SITE_NAME}
          </Link>
          <LargeTextSwitch />
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <OutboxStatus />
        {children}
      </main>
      <footer className="site-footer">
        <p>
          <Link href="/commendations" className="button-secondary">
            年度表彰
          </Link>
        </p>
        <p>鄂尔多斯市政协 · 委员之家公众服务。无需注册登录。</p>
      </footer>
    </>
  );
}
