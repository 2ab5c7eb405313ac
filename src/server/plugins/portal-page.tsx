import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'react-dom/server';
import { escapeMarkup } from '../../lib/markup.js';
import { PORTAL_BASE, PortalApp } from '../../web/portal/App.js';
import { API_BASE, withQuery } from '../../web/portal/api.js';
import { LARGE_TEXT_COOKIE, SITE_NAME } from '../../web/portal/layout.js';
import { firstPageQuery } from '../../web/portal/pages/FinderPage.js';
import {
  homeKey,
  homesKey,
  PREFETCHED_ELEMENT_ID,
  type Prefetched,
  type PrefetchedFailure,
} from '../../web/portal/prefetched.js';

/**
 * The citizens' portal page with its first screen already in it: the header, the search form and the
 * first page of homes (or the home asked for), rendered by the portal's own components, so a phone
 * on a weak signal shows words after one round trip and a page without its script still finds a
 * home (the finder and a home's page; the other pages are forms, rendered by the script). The
 * answers it was rendered with travel in the page, and the script takes the page over
 * with them (src/web/portal/prefetched.ts); the stylesheet is inlined, one request fewer before the
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

  // the answers the page shows first, asked of the public API as the browser would ask them, on the
  // visitor's own address (so they count against the visitor's limit, not everyone's)
  const ask = async (apiPath: string) => {
    const res = await app.inject({ method: 'GET', url: API_BASE + apiPath, remoteAddress: request.ip });
    if (res.statusCode === 200) return { answer: res.json() as unknown };
    if (res.statusCode !== 404) return {};
    const { error } = res.json() as { error: { code: string; message: string } };
    const failure: PrefetchedFailure = {
      $failure: { status: 404, code: error.code, message: error.message },
    };
    return { failure };
  };
  const relative = url.pathname.slice(PORTAL_BASE.length) || '/';
  const home = /^\/homes\/([^/]+)$/.exec(relative);
  // only the pages one reads first: the forms (反映意见, 查询进度) wait for the script, which keeps
  // what is typed into them, rather than lose what was typed into the server's copy at the take-over
  if (relative !== '/' && !home) return { html: page, status };
  if (relative === '/') {
    const query = firstPageQuery(url.search);
    const { answer } = await ask(withQuery('/public/homes', query));
    if (answer) prefetched.set(homesKey(query), answer);
  } else if (home) {
    const id = decodeURIComponent(home[1]!);
    const { answer, failure } = await ask(`/public/homes/${encodeURIComponent(id)}`);
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
  const data = prefetched.size ? dataElement(Object.fromEntries(prefetched)) : '';
  const large = request.cookies?.[LARGE_TEXT_COOKIE] === '1';
  const html = page
    .replace(
      '<html lang="zh-CN">',
      large ? '<html lang="zh-CN" style="font-size:125%">' : '<html lang="zh-CN">',
    )
    .replace(
      /<title>[^<]*<\/title>/,
      `<title>${escapeMarkup(title ? `${title} - ${SITE_NAME}` : SITE_NAME)}</title>`,
    )
    .replace('<div id="root"></div>', `<div id="root">${body}</div>${data}`);
  return { html, status };
}

/** The answers as a JSON data block: never run, and nothing in it can close the element early. */
function dataElement(value: unknown): string {
  const json = JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `<script id="${PREFETCHED_ELEMENT_ID}" type="application/json">${json}</script>`;
}

/**
 * A page of the build, read again when the build is swapped (scripts/build-web-if-stale.mjs), its
 * stylesheets inlined.
 */
class BuiltPage {
  private cached: { mtimeMs: number; html: string } | null = null;
  private readonly file: string;

  constructor(
    private readonly webDir: string,
    page: string,
  ) {
    this.file = path.join(webDir, page);
  }

  read(): string | null {
    const stat = fs.statSync(this.file, { throwIfNoEntry: false });
    if (!stat) return null;
    if (this.cached?.mtimeMs !== stat.mtimeMs) {
      const html = fs.readFileSync(this.file, 'utf8');
      this.cached = { mtimeMs: stat.mtimeMs, html: this.inlineStyles(html) };
    }
    return this.cached.html;
  }

  private inlineStyles(html: string): string {
    return html.replace(
      /<link rel="stylesheet"[^>]*href="\/assets\/([^"]+\.css)"[^>]*>/g,
      (link, name: string) => {
        const file = path.join(this.webDir, 'assets', path.basename(name));
        if (!fs.existsSync(file)) return link;
        return `<style>${fs.readFileSync(file, 'utf8').replace(/<\/style/gi, '<\\/style')}</style>`;
      },
    );
  }
}
