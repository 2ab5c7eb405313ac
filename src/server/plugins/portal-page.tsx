import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'react-dom/server';
import type { Prefetched } from '../../web/light/prefetched.js';
import { withQuery } from '../../web/light/request.js';
import { PORTAL_BASE, PortalApp } from '../../web/portal/App.js';
import { homeKey, homesKey } from '../../web/portal/api.js';
import { LARGE_TEXT_COOKIE, SITE_NAME } from '../../web/portal/layout.js';
import { firstPageQuery } from '../../web/portal/pages/FinderPage.js';
import { askApi, BuiltPage, fillPage } from './light-page.js';

/**
 * The citizens' portal page with its first screen already in it: the header, the search form and the
 * first page of homes (or the home asked for), rendered by the portal's own components, so a phone
 * on a weak signal shows words after one round trip and a page without its script still finds a
 * home (the finder and a home's page; the other pages are forms, rendered by the script). The
 * answers it was rendered with travel in the page, and the script takes the page over
 * with them (src/web/light/prefetched.ts); the stylesheet is inlined, one request fewer before the
 * first paint. Whatever fails here, the bare page is sent and the script renders it as before.
 */
export function portalPage(app: FastifyInstance, webDir: string) {
  const template = new BuiltPage(webDir, 'portal/index.html');

  return async function sendPortalPage(request: FastifyRequest, reply: FastifyReply) {
    const page = template.read();
    if (!page) return reply.callNotFound();
    let rendered = { html: page, status: 200 };
    try {
      rendered = await render(app, request, page);
    } catch (err) {
      request.log.error({ err }, '公众服务页面首屏渲染失败，改为发送空白页面由脚本渲染');
    }
    return reply
      .status(rendered.status)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(rendered.html);
  };
}

async function render(
  app: FastifyInstance,
  request: FastifyRequest,
  page: string,
): Promise<{ html: string; status: number }> {
  const url = new URL(request.url, 'http://portal');
  const prefetched: Prefetched = new Map();
  let title: string | null = null;
  let status = 200;

  const relative = url.pathname.slice(PORTAL_BASE.length) || '/';
  const home = /^\/homes\/([^/]+)$/.exec(relative);
  // only the pages one reads first: the forms (反映意见, 查询进度) wait for the script, which keeps
  // what is typed into them, rather than lose what was typed into the server's copy at the take-over
  if (relative !== '/' && !home) return { html: page, status };
  if (relative === '/') {
    const query = firstPageQuery(url.search);
    const { answer } = await askApi(app, request, withQuery('/public/homes', query));
    if (answer) prefetched.set(homesKey(query), answer);
  } else if (home) {
    const id = decodeURIComponent(home[1]!);
    const { answer, failure } = await askApi(app, request, `/public/homes/${encodeURIComponent(id)}`);
    if (answer) {
      prefetched.set(homeKey(id), answer);
      title = (answer as { name?: string }).name ?? null;
    } else if (failure) {
      // a home that is not there (or not open to the public): the page says so, with its status
      prefetched.set(homeKey(id), failure);
      title = '未找到该委员之家';
      status = 404;
    }
  }

  const body = renderToString(
    <PortalApp prefetched={new Map(prefetched)} ssrPath={url.pathname} ssrSearch={url.search.slice(1)} />,
  );
  const html = fillPage(page, {
    title: title ? `${title} - ${SITE_NAME}` : SITE_NAME,
    body,
    data: Object.fromEntries(prefetched),
    large: request.cookies?.[LARGE_TEXT_COOKIE] === '1',
  });
  return { html, status };
}
