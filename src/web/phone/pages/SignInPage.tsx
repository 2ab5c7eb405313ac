import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { safeRedirectTarget } from '../../auth/signIn';
import { usePrefetched } from '../../light/prefetched';
import { RequestError } from '../../light/request';
import { useAccount } from '../account';
import { PhoneLayout, usePageTitle } from '../layout';
import { signIn } from '../session';
import { phoneStrings } from '../strings';
import { FROM_CHECKIN } from './CheckinPage';

const { auth, app } = phoneStrings;

/** The key of the sign-in form's refusal when it was sent before the script had come. */
export const SIGN_IN_REFUSAL_KEY = 'sign-in-refused';

const OTP_CODES = new Set(['OTP_REQUIRED', 'OTP_INVALID']);

interface Problems {
  username?: string;
  password?: string;
  otp?: string;
  form?: string;
}

/**
 * 用户登录 (/login), for everyone: a light page of its own, not the admin bundle, so the form is
 * there after the first round trip on a weak signal, and works then: sent before the script has
 * come, the server signs in (plugins/phone-page.tsx, signInForm). After signing in it goes on to `?next=` (a
 * check-in page here, the admin UI by a full page load) or `/`. An account with a second factor is
 * asked for its code when the server says OTP_REQUIRED.
 */
export function SignInPage() {
  usePageTitle(auth.title);
  const search = useSearch();
  const [, navigate] = useLocation();
  const { account, setAccount } = useAccount();
  const next = safeRedirectTarget(new URLSearchParams(search).get('next'));
  // the form sent before the script had come, and refused: as the server answered it
  const sent = usePrefetched<{ code: string; message: string; username: string }>(SIGN_IN_REFUSAL_KEY);
  const refused = sent.value;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the page is first shown
  useEffect(() => void sent.used(), []);
  const [needsOtp, setNeedsOtp] = useState(Boolean(refused && OTP_CODES.has(refused.code)));
  const [otpAsked, setOtpAsked] = useState(refused?.code === 'OTP_REQUIRED');
  const [problems, setProblems] = useState<Problems>(
    refused && refused.code !== 'OTP_REQUIRED' ? { form: refused.message } : {},
  );
  const [pending, setPending] = useState(false);
  const otpRef = useRef<HTMLInputElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);

  // signed in (now or already): on to the page wanted; back to the check-in page this one was
  // opened from, rather than to a second copy of it
  useEffect(() => {
    if (!account) return;
    const fromCheckin = (window.history.state as Record<string, unknown> | null)?.[FROM_CHECKIN] === true;
    if (fromCheckin && next.startsWith('/checkin')) window.history.back();
    else if (next.startsWith('/checkin')) navigate(next, { replace: true });
    else window.location.replace(next);
  }, [account, next, navigate]);

  useEffect(() => {
    if (needsOtp) otpRef.current?.focus();
  }, [needsOtp]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const username = String(data.get('username') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const otp = String(data.get('otp') ?? '').trim();
    const found: Problems = {};
    if (!username) found.username = auth.usernameRequired;
    if (!password) found.password = auth.passwordRequired;
    if (needsOtp && !otp) found.otp = auth.otpRequired;
    else if (needsOtp && !/^\d{6}$/.test(otp)) found.otp = auth.otpFormat;
    setProblems(found);
    if (Object.keys(found).length) {
      document.getElementById(`login_${Object.keys(found)[0]}`)?.focus();
      return;
    }
    setPending(true);
    try {
      setAccount(await signIn({ username, password, ...(needsOtp ? { otp } : {}) }));
    } catch (error) {
      setPending(false);
      if (error instanceof RequestError && error.code === 'OTP_REQUIRED') {
        setNeedsOtp(true);
        setOtpAsked(true);
        return;
      }
      if (error instanceof RequestError && error.code === 'OTP_INVALID' && otpRef.current)
        otpRef.current.value = '';
      setOtpAsked(false);
      setProblems({ form: error instanceof Error && error.message ? error.message : auth.loginFailed });
    }
  };

  const field = (name: keyof Problems) => ({
    id: `login_${name}`,
    name,
    'aria-invalid': Boolean(problems[name]),
    'aria-describedby': problems[name] ? `login_${name}-error` : undefined,
  });
  const error = (name: keyof Problems) =>
    problems[name] ? (
      <span id={`login_${name}-error`} className="field-error">
        {problems[name]}
      </span>
    ) : null;

  if (account)
    return (
      <PhoneLayout title={auth.title}>
        <p role="status">{auth.signedInGoingOn}</p>
      </PhoneLayout>
    );

  return (
    <PhoneLayout title={auth.title}>
      <h1 className="phone-heading">{app.name}</h1>
      {problems.form ? (
        <div className="alert alert-error" role="alert">
          {problems.form}
        </div>
      ) : null}
      {needsOtp && otpAsked ? (
        <div className="alert alert-info" role="status">
          {/* asked by the server's answer to the form: the password was not kept, it is typed again */}
          {refused?.code === 'OTP_REQUIRED' ? auth.otpHintAgain : auth.otpHint}
        </div>
      ) : null}
      {/* POST: should the form go without its script, nothing typed lands in the address */}
      {/* the address keeps ?next=, so that a refusal the server answers keeps it too */}
      <form
        method="post"
        action={search ? `/login?${search}` : '/login'}
        noValidate
        onSubmit={(e) => void onSubmit(e)}
      >
        <input type="hidden" name="next" value={next} />
        <div className="field">
          <label htmlFor="login_username">{auth.username}</label>
          <input
            ref={usernameRef}
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            // biome-ignore lint/a11y/noAutofocus: the page's one task; the field a member types into first
            autoFocus
            defaultValue={refused?.username}
            onInput={() => {
              // another account may not have a second factor
              if (needsOtp) setNeedsOtp(false);
            }}
            {...field('username')}
          />
          {error('username')}
        </div>
        <div className="field">
          <label htmlFor="login_password">{auth.password}</label>
          <input type="password" autoComplete="current-password" {...field('password')} />
          {error('password')}
        </div>
        {needsOtp ? (
          <div className="field">
            <label htmlFor="login_otp">{auth.otp}</label>
            <input
              ref={otpRef}
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              {...field('otp')}
            />
            {error('otp')}
          </div>
        ) : null}
        <button type="submit" className="button button-block" disabled={pending}>
          {pending ? auth.submitting : auth.submit}
        </button>
      </form>
      {/* the public portal is another page of its own */}
      <p className="phone-footnote">
        <a href="/portal/">{auth.portalLink}</a>
      </p>
    </PhoneLayout>
  );
}
