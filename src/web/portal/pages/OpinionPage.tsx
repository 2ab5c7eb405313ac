import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { errorMessage, RequestError } from '../../light/request';
import { useLoad } from '../../light/useLoad';
import { fetchHome, fetchHomes, fetchOptions, type HomeSummary, homeKey, submitOpinion } from '../api';
import { Field } from '../components/Field';
import { HomeName, placeOf } from '../components/HomeCard';
import { LoadFailed } from '../components/Status';
import { usePageTitle } from '../layout';
import {
  CONTENT_MAX,
  checkOpinion,
  emptyDraft,
  NAME_MAX,
  type OpinionDraft,
  opinionBody,
  TITLE_MAX,
} from '../opinionForm';
import { clearDraft, enqueue, isTransient, loadDraft, newSubmissionKey, saveDraft } from '../outbox';

// Focus goes to the first field in error, in the order of the form.
const FIELD_ORDER = ['homeId', 'regionCode', 'title', 'content', 'name', 'phone', 'contactConsent'];
const FIELD_IDS: Record<string, string> = {
  homeId: 'op-home-q',
  regionCode: 'op-district',
  title: 'op-title',
  content: 'op-content',
  name: 'op-name',
  phone: 'op-phone',
  contactConsent: 'op-consent',
};

export function OpinionPage() {
  usePageTitle('反映意见');
  const presetHomeId = new URLSearchParams(useSearch()).get('homeId');
  const [, navigate] = useLocation();
  // what was typed before (a reload, back, the browser closed) comes back, unless it was for another home
  // (one draft per form: this home's, or the form opened on its own)
  const slot = presetHomeId ?? '';
  const [restored] = useState(() => loadDraft(slot));
  const [draft, setDraft] = useState(() => restored?.draft ?? emptyDraft(presetHomeId));
  const [submissionKey, setSubmissionKey] = useState(() => restored?.key ?? newSubmissionKey());
  const [queued, setQueued] = useState(false);
  useEffect(() => {
    if (!queued) saveDraft(slot, { draft, key: submissionKey });
  }, [slot, draft, submissionKey, queued]);
  const [chosenHome, setChosenHome] = useState<HomeSummary | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  // the home the citizen came from, or the one of the restored draft
  const firstHomeId = presetHomeId ?? (restored?.draft.homeId || null);
  const presetHome = useLoad(homeKey(firstHomeId ?? ''), (signal) =>
    firstHomeId ? fetchHome(firstHomeId, signal) : Promise.resolve(null),
  );
  const options = useLoad('options', () => fetchOptions());
  const home = chosenHome ?? (presetHome.data?.id === draft.homeId ? presetHome.data : null);

  const change = <K extends keyof OpinionDraft>(name: K, value: OpinionDraft[K]) => {
    setDraft((d) => ({ ...d, [name]: value }));
    // an error goes away once the field is touched again; it is checked anew on sending
    const field =
      name === 'district' || name === 'township' ? 'regionCode' : name === 'consent' ? 'phone' : name;
    if (errors[field]) setErrors(({ [field]: _, ...rest }) => rest);
  };

  // After the errors are shown, focus goes to the first field in error, or else to the message above.
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    const target = document.getElementById(focusNext.current);
    focusNext.current = null;
    (target ?? summaryRef.current)?.focus();
  });

  const showErrors = (found: Record<string, string>) => {
    setErrors(found);
    const first = FIELD_ORDER.find((name) => found[name]);
    focusNext.current = (first && FIELD_IDS[first]) || 'op-summary';
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    setFailure(null);
    const found = checkOpinion(draft);
    if (Object.keys(found).length > 0) {
      showErrors(found);
      return;
    }
    setSending(true);
    const body = opinionBody(draft);
    try {
      const { trackingCode } = await submitOpinion(body, submissionKey);
      clearDraft(slot);
      navigate(`/opinion/done/${encodeURIComponent(trackingCode)}`);
    } catch (error) {
      if (isTransient(error)) {
        // no network (or the server busy): it waits on this phone and goes out by itself later
        enqueue({ key: submissionKey, body, draft, queuedAt: new Date().toISOString() });
        clearDraft(slot);
        setQueued(true);
        setSending(false);
        return;
      }
      // what was typed stays in the form; the message says what to change
      setSending(false);
      setFailure(errorMessage(error));
      const fields = error instanceof RequestError ? error.fields : {};
      if (fields.contactConsent && !fields.phone) fields.phone = fields.contactConsent;
      showErrors(fields);
    }
  };

  const startOver = () => {
    clearDraft(slot);
    setDraft(emptyDraft(presetHomeId));
    setSubmissionKey(newSubmissionKey());
    setErrors({});
    setFailure(null);
  };

  if (queued)
    return (
      <>
        <h1>意见已保存在本机</h1>
        <div className="card" role="status">
          <p className="alert alert-ok">
            网络暂时不通，您的意见“{draft.title.trim()}
            ”已保存在这部手机上。恢复联网后会自动发送，不会重复发送；发送后查询码会显示在页面顶部。
          </p>
          <p className="muted">请不要清除浏览器数据。也可以稍后回到本页查看。</p>
          <div className="actions">
            <Link href="/" className="button-secondary">
              返回首页
            </Link>
          </div>
        </div>
      </>
    );

  const district = options.data?.districts.find((d) => d.code === draft.district);
  const unplaced = Object.entries(errors).filter(([name]) => !FIELD_IDS[name]);

  return (
    <>
      <h1>反映意见</h1>
      <p>
        把您身边的困难、问题和建议告诉政协委员。委员会整理成社情民意信息报送政协，办理情况可以凭查询码随时查看。
      </p>

      <div
        id="op-summary"
        ref={summaryRef}
        tabIndex={-1}
        aria-live="assertive"
        role="alert"
        className="alert alert-error"
      >
        {failure}
        {unplaced.map(([name, message]) => (
          <div key={name}>{message}</div>
        ))}
      </div>

      {restored && (draft.title || draft.content) && (
        <div className="alert alert-ok">
          <p>已恢复您上次没有提交的内容。</p>
          <button type="button" className="button-secondary" onClick={startOver}>
            清空重写
          </button>
        </div>
      )}

      <form onSubmit={submit} noValidate className="card">
        <fieldset className="radio-row">
          <legend>反映给</legend>
          <label className="check">
            <input
              type="radio"
              name="target"
              checked={draft.target === 'home'}
              onChange={() => change('target', 'home')}
            />
            某个委员之家
          </label>
          <label className="check">
            <input
              type="radio"
              name="target"
              checked={draft.target === 'region'}
              onChange={() => change('target', 'region')}
            />
            我所在的旗区政协
          </label>
        </fieldset>

        {draft.target === 'home' ? (
          <HomeChooser
            home={home}
            loading={presetHome.loading && Boolean(firstHomeId) && draft.homeId === firstHomeId}
            loadError={draft.homeId === firstHomeId ? presetHome.error : null}
            error={errors.homeId}
            onChoose={(chosen) => {
              setChosenHome(chosen);
              change('homeId', chosen?.id ?? '');
            }}
          />
        ) : (
          <>
            <Field id="op-district" label="旗区" error={errors.regionCode}>
              {(a11y) => (
                <select
                  {...a11y}
                  value={draft.district}
                  onChange={(e) => {
                    change('district', e.target.value);
                    change('township', '');
                  }}
                >
                  <option value="">请选择旗区</option>
                  {options.data?.districts.map((d) => (
                    <option key={d.code} value={d.code}>
                      {d.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {options.error != null && <LoadFailed error={options.error} retry={options.reload} />}
            <Field id="op-township" label="苏木乡镇（街道）（选填）">
              {(a11y) => (
                <select
                  {...a11y}
                  value={draft.township}
                  disabled={!district}
                  onChange={(e) => change('township', e.target.value)}
                >
                  <option value="">{district ? '不限' : '请先选择旗区'}</option>
                  {district?.townships.map((t) => (
                    <option key={t.code} value={t.code}>
                      {t.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        )}

        <Field
          id="op-title"
          label="标题"
          hint={`一句话说明是什么事，${TITLE_MAX} 字以内`}
          error={errors.title}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              value={draft.title}
              maxLength={TITLE_MAX}
              onChange={(e) => change('title', e.target.value)}
            />
          )}
        </Field>

        <Field
          id="op-content"
          label="具体内容"
          hint={`已输入 ${draft.content.length} / ${CONTENT_MAX} 字。请写清楚地点、情况和您的建议。`}
          error={errors.content}
        >
          {(a11y) => (
            <textarea
              {...a11y}
              rows={8}
              value={draft.content}
              maxLength={CONTENT_MAX}
              onChange={(e) => change('content', e.target.value)}
            />
          )}
        </Field>

        <Field id="op-name" label="姓名（选填）" error={errors.name}>
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              autoComplete="name"
              value={draft.name}
              maxLength={NAME_MAX}
              onChange={(e) => change('name', e.target.value)}
            />
          )}
        </Field>

        <Field id="op-phone" label="联系电话（选填）" hint="留电话需勾选下方的同意联系" error={errors.phone}>
          {(a11y) => (
            <input
              {...a11y}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              value={draft.phone}
              maxLength={20}
              onChange={(e) => change('phone', e.target.value)}
            />
          )}
        </Field>

        <label className="check" htmlFor="op-consent">
          <input
            id="op-consent"
            type="checkbox"
            checked={draft.consent}
            onChange={(e) => change('consent', e.target.checked)}
          />
          <span>同意工作人员通过此电话与我联系</span>
        </label>

        <p className="muted">
          您填写的姓名和电话仅用于办理本意见时与您联系，不会公开，查询进度时也不会显示；意见内容将转交委员撰写社情民意信息，报送政协。
        </p>

        <button type="submit" className="button button-block" disabled={sending}>
          {sending ? '正在提交…' : '提交意见'}
        </button>
        <p className="visually-hidden" role="status" aria-live="polite">
          {sending ? '正在提交，请稍候' : ''}
        </p>
      </form>
    </>
  );
}

/** The home the opinion goes to: the one the citizen came from, or one found by name here. */
function HomeChooser({
  home,
  loading,
  loadError,
  error,
  onChoose,
}: {
  home: HomeSummary | null;
  loading: boolean;
  loadError: unknown;
  error: string | undefined;
  onChoose: (home: HomeSummary | null) => void;
}) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<HomeSummary[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);

  if (loading) return <p role="status">正在读取委员之家…</p>;
  if (home) {
    return (
      <div className="field">
        <span className="label">委员之家</span>
        <p>
          <strong>
            <HomeName home={home} />
          </strong>
          <br />
          <span className="muted">{placeOf(home)}</span>
        </p>
        <button type="button" className="button-secondary" onClick={() => onChoose(null)}>
          更换委员之家
        </button>
      </div>
    );
  }

  const search = async () => {
    setSearching(true);
    setSearchError(null);
    try {
      setFound((await fetchHomes({ q: q.trim(), pageSize: 8 })).items);
    } catch (e) {
      setSearchError(errorMessage(e));
    } finally {
      setSearching(false);
    }
  };

  return (
    <div className="field">
      {loadError != null && <LoadFailed error={loadError} />}
      <label htmlFor="op-home-q">查找委员之家</label>
      <span id="op-home-q-hint" className="field-hint">
        输入名称或地名，如“乌审旗”
      </span>
      <div className="search-row">
        <input
          id="op-home-q"
          type="search"
          value={q}
          maxLength={50}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? 'op-home-q-hint op-home-error' : 'op-home-q-hint'}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            // Enter searches here instead of sending the whole form
            if (e.key === 'Enter') {
              e.preventDefault();
              void search();
            }
          }}
        />
        <button type="button" className="button" disabled={searching} onClick={() => void search()}>
          {searching ? '查找中…' : '查找'}
        </button>
      </div>
      {error && (
        <span id="op-home-error" className="field-error">
          {error}
        </span>
      )}
      <div aria-live="polite">
        {searchError && <p className="field-error">{searchError}</p>}
        {found && found.length === 0 && <p>没有找到，请换个名称，或改为“我所在的旗区政协”。</p>}
        {found && found.length > 0 && (
          <ul className="plain-list">
            {found.map((h) => (
              <li key={h.id}>
                <button type="button" className="button-secondary button-block" onClick={() => onChoose(h)}>
                  选择：{h.name}
                </button>
                <span className="muted">{placeOf(h)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
