import { type FormEvent, type ReactNode, useEffect, useState, useSyncExternalStore } from 'react';
import { Link, useLocation, useParams, useSearch } from 'wouter';
import type { components } from '../../api/openapi.gen';
import { loginPath } from '../../auth/signIn';
import { usePrefetched } from '../../light/prefetched';
import { RequestError, request } from '../../light/request';
import { useLoad } from '../../light/useLoad';
import { formatDateTime, formatRange } from '../../portal/format';
import { useAccount } from '../account';
import {
  type CheckinOutcome,
  checkinOutcomes,
  dismissOutcome,
  onCheckinsChange,
  queueCheckin,
  queuedCheckins,
  sendCheckin,
  sendQueued,
} from '../checkins';
import { keepAnswer } from '../kept';
import { Notice, PhoneLayout, usePageTitle } from '../layout';
import { checkinPagePath, MINE_PATHS, normaliseCode } from '../paths';
import { signOut } from '../session';
import { fill, phoneStrings } from '../strings';
import { useWords } from '../words';

/** GET /checkin/:code: the activity behind a code, and whether the signed-in member has checked in. */
export type CheckinInfo = components['schemas']['CheckinInfo'];

/** The key of a code's activity in the page the server rendered (plugins/phone-page.tsx). */
export const checkinKey = (code: string) => `checkin:${code}`;

/** The mark in the history entry of the sign-in page opened from a check-in page (SignInPage.tsx). */
export const FROM_CHECKIN = 'fromCheckin';

/** The key of the refusal of a check-in sent as a form before the script had come. */
export const checkinRefusalKey = (code: string) => `checkin-refused:${code}`;

export const fetchCheckinInfo = (code: string, signal?: AbortSignal) =>
  request<CheckinInfo>('GET', `/checkin/${encodeURIComponent(code)}`, { signal });

/**
 * 签到 (/checkin/:code): the page an activity's QR code opens on a member's phone. Anyone sees the
 * activity; a signed-in member checks in with one big button. Without a signal the check-in is kept
 * on the phone and sent when it is back (checkins.ts). Without a code (/checkin) it asks for the
 * characters printed on the poster.
 */
export function CheckinPage() {
  const words = useWords().words.checkin;
  usePageTitle(words.title);
  const { code: typed = '' } = useParams<{ code?: string }>();
  const code = normaliseCode(decodeURIComponent(typed));
  return (
    <PhoneLayout title={words.title}>
      <QueuedNotes />
      {code ? <ActivityCheckin key={code} code={code} /> : <CodeForm />}
    </PhoneLayout>
  );
}

function ActivityCheckin({ code }: { code: string }) {
  const words = useWords().words.checkin;
  const rendered = usePrefetched<CheckinInfo>(checkinKey(code)).value;
  const info = useLoad(checkinKey(code), (signal) => fetchCheckinInfo(code, signal));
  useEffect(() => {
    // the page opened again without a signal still names the activity
    if (rendered) keepAnswer(`/checkin/${encodeURIComponent(code)}`, rendered);
  }, [code, rendered]);
  // the page came up without a signal: the activity is read as soon as there is one
  const offline = info.error instanceof RequestError && info.error.status === 0;
  const { reload } = info;
  useEffect(() => {
    if (!offline) return;
    window.addEventListener('online', reload);
    return () => window.removeEventListener('online', reload);
  }, [offline, reload]);
  if (info.loading)
    return (
      <p className="muted" role="status" aria-live="polite">
        {words.loading}
      </p>
    );
  if (info.error instanceof RequestError && info.error.status === 404)
    return (
      <>
        <Notice kind="error" title={words.notFound} hint={words.notFoundHint} />
        <CodeForm initial={code} />
      </>
    );
  if (info.error && !offline)
    return (
      <div className="alert alert-error" role="alert">
        <p>{info.error instanceof Error ? info.error.message : words.failed}</p>
        <button type="button" className="button-secondary" onClick={info.reload}>
          {words.retry}
        </button>
      </div>
    );
  const data = info.data;
  return (
    <>
      {data ? (
        <>
          <h1 className="phone-heading">{data.title}</h1>
          <dl className="facts">
            <dt>{words.time}</dt>
            <dd>{formatRange(data.startsAt, data.endsAt)}</dd>
            {data.place ? (
              <>
                <dt>{words.place}</dt>
                <dd>{data.place}</dd>
              </>
            ) : null}
            {data.homeNames.length ? (
              <>
                <dt>{words.hosts}</dt>
                <dd>{data.homeNames.join('、')}</dd>
              </>
            ) : null}
          </dl>
        </>
      ) : (
        // no signal and no copy of the activity on the phone: the code is all there is, and enough
        <div className="alert alert-info" role="status">
          <p>
            <strong>{words.offline}</strong>（{words.codeLabel} {code}）
          </p>
          <p>{words.offlineHint}</p>
        </div>
      )}
      <CheckinAction code={code} info={data} />
    </>
  );
}

type Step =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'done'; at: string | null }
  | { kind: 'already' }
  | { kind: 'queued'; at: string }
  | { kind: 'signed-out' }
  | { kind: 'failed'; error: unknown };

function stepFromPhone(code: string): Step | null {
  const queued = queuedCheckins().find((q) => q.code === code);
  if (queued) return { kind: 'queued', at: queued.at };
  const outcome = checkinOutcomes().find((o) => o.code === code);
  if (outcome?.sent) return { kind: 'done', at: outcome.at };
  return null;
}

function CheckinAction({ code, info }: { code: string; info: CheckinInfo | null }) {
  const words = useWords().words.checkin;
  const { account, setAccount, ready } = useAccount();
  const [, navigate] = useLocation();
  // back from the check-in form sent before the script had come: `?at=` the moment it was counted
  const countedAt = new URLSearchParams(useSearch()).get('at');
  const refusedEntry = usePrefetched(checkinRefusalKey(code));
  const refused = refusedEntry.failure;
  // shown once: coming back to the page later starts afresh
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the page is first shown
  useEffect(() => void refusedEntry.used(), []);
  const [step, setStep] = useState<Step>(
    refused
      ? { kind: 'failed', error: refused }
      : countedAt && info?.checkedIn
        ? { kind: 'done', at: countedAt }
        : { kind: 'idle' },
  );

  // what the phone keeps for this code (a queued check-in, or one sent since), once the script runs
  useEffect(() => {
    const follow = () => {
      const kept = stepFromPhone(code);
      if (kept) setStep(kept);
    };
    follow();
    return onCheckinsChange(follow);
  }, [code]);

  const submit = async () => {
    setStep({ kind: 'sending' });
    try {
      const result = await sendCheckin(code);
      setStep({ kind: 'done', at: result.at });
    } catch (error) {
      if (error instanceof RequestError && error.status === 409) setStep({ kind: 'already' });
      else if (error instanceof RequestError && error.status === 401) {
        setStep({ kind: 'signed-out' });
        setAccount(null);
      } else if (error instanceof RequestError && error.status === 0) {
        const at = new Date().toISOString();
        queueCheckin({ code, title: info?.title ?? null, at });
        setStep({ kind: 'queued', at });
      } else setStep({ kind: 'failed', error });
    }
  };

  const switchAccount = async () => {
    await signOut().catch(() => undefined);
    setAccount(null);
    navigate(loginPath(checkinPagePath(code)));
  };

  if (account === null)
    return (
      <>
        {step.kind === 'signed-out' ? (
          <Notice kind="error" title={words.signedOut} hint={words.signedOutHint} />
        ) : null}
        {/* marked, so that once signed in the sign-in page goes back here rather than anew */}
        <Link
          href={loginPath(checkinPagePath(code))}
          state={{ [FROM_CHECKIN]: true }}
          className="button button-block phone-big"
        >
          {words.signInFirst}
        </Link>
      </>
    );

  let action: ReactNode;
  if (step.kind === 'done')
    action = (
      <Done
        title={words.success}
        detail={step.at ? fill(words.successAt, { time: formatDateTime(step.at) }) : null}
      />
    );
  else if (step.kind === 'already' || (info?.checkedIn && step.kind === 'idle'))
    action = <Done title={words.already} detail={null} />;
  else if (info?.cancelled)
    action = <Notice kind="info" title={words.cancelled} hint={words.cancelledHint} />;
  else if (account && !account.memberId)
    // the server would refuse it: no button to press, and whom to ask
    action = <Notice kind="error" title={words.notLinked} hint={words.notLinkedHint} />;
  else if (step.kind === 'queued')
    action = (
      <div className="alert alert-info phone-queued" role="status">
        <p>
          <strong>{words.queued}</strong>
        </p>
        <p>{fill(words.queuedAt, { time: formatDateTime(step.at) })}</p>
        <button type="button" className="button-secondary" onClick={() => void sendQueued()}>
          {words.sendNow}
        </button>
      </div>
    );
  else
    action = (
      <>
        {info && !info.open && step.kind !== 'failed' ? (
          <div className="alert alert-info" role="status">
            <p>
              <strong>{words.notOpen}</strong>
            </p>
            <p>{words.notOpenHint}</p>
          </div>
        ) : null}
        {step.kind === 'failed' ? <SubmitError error={step.error} /> : null}
        {/* a form that works before the script has come (the server checks in and comes back here,
            plugins/phone-page.tsx); the script then sends it itself, and keeps it without a signal */}
        <form
          method="post"
          action={checkinPagePath(code)}
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <input type="hidden" name="csrf" value={account?.csrfToken ?? ''} />
          <button type="submit" className="button button-block phone-big" disabled={step.kind === 'sending'}>
            {step.kind === 'sending' ? words.submitting : words.submit}
          </button>
        </form>
      </>
    );

  return (
    <>
      {action}
      {account ? (
        <div className="phone-account">
          <span className="muted">{fill(words.signedInAs, { name: account.displayName })}</span>
          {account.memberId ? <a href={MINE_PATHS.record}>{words.myRecord}</a> : null}
          <button
            type="button"
            className="link-button"
            disabled={!ready}
            onClick={() => void switchAccount()}
          >
            {words.switchAccount}
          </button>
        </div>
      ) : null}
    </>
  );
}

function Done({ title, detail }: { title: string; detail: string | null }) {
  return (
    <div className="phone-done" role="status">
      <span className="phone-done-mark" aria-hidden>
        ✓
      </span>
      <strong>{title}</strong>
      {detail ? <span className="muted">{detail}</span> : null}
    </div>
  );
}

/** 400 (not open), 403 (an account without a member) and the rest, in words for a member. */
function SubmitError({ error }: { error: unknown }) {
  const words = useWords().words.checkin;
  const { account } = useAccount();
  const refusal = error instanceof RequestError ? error : null;
  const [title, hint] =
    refusal?.status === 403 && account && !account.memberId
      ? [words.notLinked, words.notLinkedHint]
      : refusal?.status === 400
        ? [refusal.message || words.notOpen, Object.values(refusal.fields)[0] ?? words.notOpenHint]
        : [words.failed, error instanceof Error ? error.message : ''];
  return (
    <div className="alert alert-error" role="alert">
      <p>
        <strong>{title}</strong>
      </p>
      {hint ? <p>{hint}</p> : null}
    </div>
  );
}

/** What is wrong with a typed code, if anything. */
export function codeProblem(typed: string, words = phoneStrings.checkin): string | null {
  const code = normaliseCode(typed);
  return !code ? words.codeRequired : code.length < 4 ? words.codeLength : null;
}

/** The key of the code form sent without its script and refused (plugins/phone-page.tsx). */
export const CODE_FORM_KEY = 'code-form';

/**
 * The short code typed by hand: letters and digits only, shown and sent in capitals. It works
 * before its script has come too: the server then opens the code's page, or says what is wrong.
 */
function CodeForm({ initial = '' }: { initial?: string }) {
  const words = useWords().words.checkin;
  const [, navigate] = useLocation();
  const sent = usePrefetched<{ code: string; problem: string }>(CODE_FORM_KEY);
  const [problem, setProblem] = useState<string | null>(sent.value?.problem ?? null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the form is first shown
  useEffect(() => void sent.used(), []);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = normaliseCode(String(new FormData(event.currentTarget).get('code') ?? ''));
    const found = codeProblem(code, words);
    setProblem(found);
    if (found) document.getElementById('checkin_code')?.focus();
    else navigate(checkinPagePath(code));
  };
  return (
    <form method="get" action="/checkin" noValidate onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor="checkin_code">{words.codeLabel}</label>
        <span id="checkin_code-hint" className="field-hint">
          {words.codeHint}
        </span>
        <input
          id="checkin_code"
          name="code"
          type="text"
          className="phone-code"
          defaultValue={sent.value?.code ?? initial}
          maxLength={12}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          // biome-ignore lint/a11y/noAutofocus: the page's one field
          autoFocus
          aria-invalid={Boolean(problem)}
          aria-describedby={problem ? 'checkin_code-hint checkin_code-error' : 'checkin_code-hint'}
          onInput={(event) => {
            const input = event.currentTarget;
            const normalised = normaliseCode(input.value);
            if (normalised !== input.value) input.value = normalised;
            if (problem) setProblem(null);
          }}
        />
        {problem ? (
          <span id="checkin_code-error" className="field-error">
            {problem}
          </span>
        ) : null}
      </div>
      <button type="submit" className="button button-block phone-big">
        {words.codeSubmit}
      </button>
    </form>
  );
}

/** The check-ins the phone still keeps, and what became of those it sent, above the page's own. */
function QueuedNotes() {
  const words = useWords().words.checkin;
  const snapshot = useSyncExternalStore(
    onCheckinsChange,
    () => localStorageSnapshot(),
    () => '',
  );
  const { account } = useAccount();
  const { queue, outcomes } = parseSnapshot(snapshot);
  if (!queue.length && !outcomes.length) return null;
  return (
    <div className="phone-notes">
      {queue.length ? (
        <div className="alert alert-info" role="status">
          <p>{fill(words.queuedCount, { count: queue.length })}</p>
          {/* sent with the next sign-in (main.tsx sends the queue when a page loads) */}
          {account === null ? <p>{words.signInToSend}</p> : null}
        </div>
      ) : null}
      {outcomes.map((o) => (
        <OutcomeNote key={o.code} outcome={o} />
      ))}
    </div>
  );
}

function OutcomeNote({ outcome }: { outcome: CheckinOutcome }) {
  const words = useWords().words.checkin;
  const title = outcome.title ?? `${words.codeLabel} ${outcome.code}`;
  return (
    <div className={`alert ${outcome.sent ? 'alert-ok' : 'alert-error'}`} role="status">
      <p>
        {outcome.sent
          ? fill(words.sentLater, { title, time: formatDateTime(outcome.at) })
          : fill(words.refusedLater, { title, reason: outcome.reason ?? words.failed })}
      </p>
      <button type="button" className="button-secondary" onClick={() => dismissOutcome(outcome.code)}>
        {words.dismiss}
      </button>
    </div>
  );
}

const localStorageSnapshot = () => JSON.stringify({ queue: queuedCheckins(), outcomes: checkinOutcomes() });

const parseSnapshot = (snapshot: string): { queue: unknown[]; outcomes: CheckinOutcome[] } =>
  snapshot ? JSON.parse(snapshot) : { queue: [], outcomes: [] };
