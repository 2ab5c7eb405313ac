import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'react-dom/server';
import { loginPath, safeRedirectTarget } from '../../web/auth/signIn.js';
import type { Prefetched } from '../../web/light/prefetched.js';
import { API_BASE } from '../../web/light/request.js';
import { PhoneApp } from '../../web/phone/App.js';
import { ACCOUNT_KEY } from '../../web/phone/account.js';
import {
  CODE_FORM_KEY,
  checkinKey,
  checkinRefusalKey,
  codeProblem,
} from '../../web/phone/pages/CheckinPage.js';
import { HOMES_KEY, homesApiPath, RECORD_KEY, recordApiPath } from '../../web/phone/pages/MinePages.js';
import { SIGN_IN_REFUSAL_KEY } from '../../web/phone/pages/SignInPage.js';
import { MINE_PATHS, normaliseCode } from '../../web/phone/paths.js';
import { accountOf } from '../../web/phone/session.js';
import { phoneStrings } from '../../web/phone/strings.js';
import {
  type MongolianWords,
  type PhoneWords,
  WORDS_KEY,
  WORDS_PATH,
  withMongolian,
} from '../../web/phone/words.js';
import { askApi, BuiltPage, fillPage } from './light-page.js';

/**
 * The members' phone pages (用户登录 /login, 签到 /checkin and /checkin/:code, 我的履职档案 /my/record,
 * 我的委员之家 /my/homes) with their first screen in them, rendered by their own light components:
 * a member who scans an activity's QR code reads the activity, as whoever they are signed in as,
 * after one round trip, and its forms work at once (checkinForm, signInForm) until the small script
 * has arrived and takes them over. Whatever fails here, the bare page is sent and the script renders it.
 */
export function phonePage(app: FastifyInstance, webDir: string) {
  const template = new BuiltPage(webDir, 'phone/index.html');

  return async function sendPhonePage(
    request: FastifyRequest,
    reply: FastifyReply,
    // a form's refusal (checkinForm, signInForm): put in the page under `key`, sent with its status
    refused?: { status: number; key: string; value: unknown },
  ) {
    // the code form sent without its script (GET /checkin?code=…): that code's page
    const typed = (request.query as { code?: unknown }).code;
    if (request.routeOptions.url === '/checkin' && typeof typed === 'string' && !codeProblem(typed))
      return reply.redirect(`/checkin/${encodeURIComponent(normaliseCode(typed))}`, 302);
    const page = template.read();
    if (!page) return reply.callNotFound();
    let rendered = { html: page, status: 200 };
    try {
      rendered = await render(app, request, page, refused);
    } catch (err) {
      request.log.error({ err }, '签到与登录页面首屏渲染失败，改为发送空白页面由脚本渲染');
    }
    return (
      reply
        .status(refused?.status ?? rendered.status)
        // the page names the signed-in member: never kept by a shared cache, asked again each time
        .header('cache-control', 'private, no-cache')
        .type('text/html; charset=utf-8')
        .send(rendered.html)
    );
  };
}

/**
 * 签到 sent as a plain form (POST /checkin/:code, `csrf`), the way the page's button works before
 * its script has come on a weak signal: the check-in goes through the API on the member's behalf,
 * with their session and address, so every rule of POST /api/v1/checkin/:code holds; then back to
 * the page (with `at`, the moment counted), or the page with the refusal.
 */
export function checkinForm(app: FastifyInstance, webDir: string) {
  const sendPage = phonePage(app, webDir);
  return async function checkInByForm(
    request: FastifyRequest<{ Params: { '*': string }; Body: Record<string, string> | undefined }>,
    reply: FastifyReply,
  ) {
    const code = normaliseCode(decodeURIComponent(request.params['*'] ?? ''));
    if (!code) return reply.redirect('/checkin', 303);
    const res = await app.inject({
      method: 'POST',
      url: `${API_BASE}/checkin/${encodeURIComponent(code)}`,
      remoteAddress: request.ip,
      headers: {
        ...(request.headers.cookie ? { cookie: request.headers.cookie } : {}),
        'x-csrf-token': String(request.body?.csrf ?? ''),
        'content-type': 'application/json',
      },
      payload: '{}',
    });
    const page = `/checkin/${encodeURIComponent(code)}`;
    if (res.statusCode === 201)
      return reply.redirect(`${page}?at=${encodeURIComponent((res.json() as { at: string }).at)}`, 303);
    if (res.statusCode === 409) return reply.redirect(page, 303);
    if (res.statusCode === 401) return reply.redirect(loginPath(page), 303);
    const { error } = res.json() as {
      error: { code: string; message: string; fields?: Record<string, string> };
    };
    return sendPage(request, reply, {
      status: res.statusCode,
      key: checkinRefusalKey(code),
      value: {
        $failure: {
          status: res.statusCode,
          code: error.code,
          message: error.message,
          fields: error.fields ?? {},
        },
      },
    });
  };
}

/**
 * 登录 sent as a plain form (POST /login: username, password, otp, next), the way the sign-in works
 * before the page's script has come on a weak signal: the sign-in goes through POST
 * /api/v1/auth/login on the visitor's behalf (its limits, lockouts and audit unchanged), its session
 * cookie is handed on, and the browser goes on to `next`; a refusal shows on the page again. Only
 * from this site's own pages: a form another site posts here (to sign a visitor into an account of
 * its choosing) is refused.
 */
export function signInForm(app: FastifyInstance, webDir: string) {
  const sendPage = phonePage(app, webDir);
  return async function signInByForm(
    request: FastifyRequest<{ Body: Record<string, string> | undefined }>,
    reply: FastifyReply,
  ) {
    const form = typeof request.body === 'object' && request.body ? request.body : {};
    const username = String(form.username ?? '');
    const refuse = (status: number, error: { code: string; message: string }) =>
      sendPage(request, reply, { status, key: SIGN_IN_REFUSAL_KEY, value: { ...error, username } });
    if (!fromThisSite(request))
      return refuse(403, { code: 'FORBIDDEN', message: '安全校验失败，请从本平台的登录页登录' });
    const res = await app.inject({
      method: 'POST',
      url: `${API_BASE}/auth/login`,
      remoteAddress: request.ip,
      headers: {
        'content-type': 'application/json',
        ...(request.headers['user-agent'] ? { 'user-agent': request.headers['user-agent'] } : {}),
      },
      payload: JSON.stringify({
        username,
        password: String(form.password ?? ''),
        ...(form.otp ? { otp: String(form.otp) } : {}),
      }),
    });
    if (res.statusCode === 200) {
      const cookie = res.headers['set-cookie'];
      if (cookie) reply.header('set-cookie', cookie);
      return reply.redirect(safeRedirectTarget(form.next), 303);
    }
    const { error } = res.json() as { error: { code: string; message: string } };
    return refuse(res.statusCode, { code: error.code, message: error.message });
  };
}

/** The form came from a page of this site: the browser says so (Sec-Fetch-Site, else Origin). */
function fromThisSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin';
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return true; // an older browser that names neither
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

const mineRecord = { title: (w: PhoneWords) => w.mine.recordTitle, path: recordApiPath, key: RECORD_KEY };
const mineHomes = { title: (w: PhoneWords) => w.mine.homesTitle, path: homesApiPath, key: HOMES_KEY };

async function render(
  app: FastifyInstance,
  request: FastifyRequest,
  page: string,
  refused?: { key: string; value: unknown },
): Promise<{ html: string; status: number }> {
  const url = new URL(request.url, 'http://phone');
  const prefetched: Prefetched = new Map();
  let title = phoneStrings.auth.title;
  let status = 200;

  const me = await askApi(app, request, '/auth/me', { withSession: true });
  const session = me.answer as Parameters<typeof accountOf>[0] | undefined;
  prefetched.set(ACCOUNT_KEY, session ? accountOf(session) : null);
  // a member who chose Mongolian: the page in it, with the translators' words of now
  let words: PhoneWords = phoneStrings;
  if (session?.language === 'mn') {
    const { answer } = await askApi(app, request, WORDS_PATH);
    if (answer) {
      prefetched.set(WORDS_KEY, answer);
      words = withMongolian((answer as MongolianWords).strings);
    }
  }

  const checkin = /^\/checkin(?:\/([^/]*))?\/?$/.exec(url.pathname);
  // the code form sent without its script, with a code too short: the form again, saying so
  const typed = url.searchParams.get('code');
  if (checkin && typed !== null && codeProblem(typed))
    prefetched.set(CODE_FORM_KEY, { code: normaliseCode(typed), problem: codeProblem(typed, words.checkin) });
  if (checkin) {
    title = words.checkin.title;
    const code = normaliseCode(decodeURIComponent(checkin[1] ?? ''));
    if (code) {
      const { answer, failure } = await askApi(app, request, `/checkin/${encodeURIComponent(code)}`, {
        withSession: true,
      });
      if (answer) {
        prefetched.set(checkinKey(code), answer);
        title = (answer as { title: string }).title;
      } else if (failure) {
        prefetched.set(checkinKey(code), failure);
        status = 404;
      }
    }
  }

  // the member's own pages: their record of the year, their homes
  const mine = { [MINE_PATHS.record]: mineRecord, [MINE_PATHS.homes]: mineHomes }[
    url.pathname.replace(/\/$/, '')
  ];
  if (mine) {
    title = mine.title(words);
    const memberId = session?.user.memberId;
    if (memberId) {
      const { answer } = await askApi(app, request, mine.path(memberId), { withSession: true });
      if (answer) prefetched.set(mine.key, answer);
    }
  }

  if (refused) prefetched.set(refused.key, refused.value);
  const body = renderToString(
    <PhoneApp prefetched={new Map(prefetched)} ssrPath={url.pathname} ssrSearch={url.search.slice(1)} />,
  );
  const html = fillPage(page, {
    title: `${title} - ${words.app.shortName}`,
    body,
    data: Object.fromEntries(prefetched),
  });
  return { html, status };
}
