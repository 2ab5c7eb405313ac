import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { escapeMarkup } from '../../lib/markup.js';
import { PREFETCHED_ELEMENT_ID, type PrefetchedFailure } from '../../web/light/prefetched.js';
import { API_BASE } from '../../web/light/request.js';

// The light pages (the citizens' portal, the members' phone pages) as the server sends them: the
// built page with its stylesheet inlined and its first screen rendered into it, with the answers
// it was rendered with (src/web/light/prefetched.ts).

/**
 * One GET of the API on the visitor's behalf, as the browser would ask it: on their address (so it
 * counts against their limit, not everyone's) and with their cookies (a member's session). A 404
 * comes back as the refusal the page shows; any other failure as nothing (the script asks again).
 */
export async function askApi(
  app: FastifyInstance,
  request: FastifyRequest,
  apiPath: string,
  { withSession = false } = {},
): Promise<{ answer?: unknown; failure?: PrefetchedFailure }> {
  const res = await app.inject({
    method: 'GET',
    url: API_BASE + apiPath,
    remoteAddress: request.ip,
    headers: withSession && request.headers.cookie ? { cookie: request.headers.cookie } : {},
  });
  if (res.statusCode === 200) return { answer: res.json() as unknown };
  if (res.statusCode !== 404) return {};
  const { error } = res.json() as { error: { code: string; message: string } };
  return { failure: { $failure: { status: 404, code: error.code, message: error.message } } };
}

/** The page with its title, the root's rendered markup and the answers put in. */
export function fillPage(
  page: string,
  { title, body, data, large = false }: { title: string; body: string; data: object; large?: boolean },
): string {
  const json = Object.keys(data).length ? dataElement(data) : '';
  return page
    .replace(
      '<html lang="zh-CN">',
      large ? '<html lang="zh-CN" style="font-size:125%">' : '<html lang="zh-CN">',
    )
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeMarkup(title)}</title>`)
    .replace('<div id="root"></div>', `<div id="root">${body}</div>${json}`);
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
export class BuiltPage {
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
