import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { usePrefetched } from '../light/prefetched';
import { queuedCheckins, sendQueued } from './checkins';
import { type Account, adoptAccount, loadAccount, onSignedOut } from './session';

/** The key of the account the server rendered the page for (null: signed out). */
export const ACCOUNT_KEY = 'account';

interface AccountState {
  /** undefined: not known yet (the page came from the phone's copy, without a signal) */
  account: Account | null | undefined;
  setAccount(account: Account | null): void;
  /** the script has taken the page over: its buttons work */
  ready: boolean;
}

const AccountContext = createContext<AccountState>({ account: undefined, setAccount() {}, ready: false });

export const useAccount = () => useContext(AccountContext);

/**
 * The signed-in account for every phone page: first as the server rendered it (so the page the
 * script takes over is the one on the screen), then as the server says it is now.
 */
export function AccountProvider({ children }: { children: ReactNode }) {
  const rendered = usePrefetched<Account | null>(ACCOUNT_KEY);
  const [account, setAccount] = useState(rendered.value);
  const [ready, setReady] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the script takes the page over
  useEffect(() => {
    rendered.used();
    if (rendered.value) adoptAccount(rendered.value);
    setReady(true);
    document.documentElement.dataset.phoneReady = '';
    const ask = () => loadAccount(Boolean(rendered.value)).then(setAccount, () => undefined);
    void ask();
    // the page came up without a signal: whom it is for is asked again once there is one
    window.addEventListener('online', ask);
    const stop = onSignedOut(() => setAccount(null));
    return () => {
      window.removeEventListener('online', ask);
      stop();
    };
  }, []);

  // signed in (again): the check-ins kept on the phone go now (checkins.ts)
  useEffect(() => {
    if (account && queuedCheckins().length) void sendQueued();
  }, [account]);

  return <AccountContext value={{ account, setAccount, ready }}>{children}</AccountContext>;
}
