import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';
import { PHONE_PAGE_PATH } from './src/web/phone/paths.js';

const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));

// API calls go to the Fastify server. The UI's own source folder src/web/api is also served under
// /api/… by the dev server, so requests for source modules (…/client.ts etc.) are not proxied.
const apiProxy: Record<string, ProxyOptions> = {
  '/api': {
    target: 'http://127.0.0.1:3000',
    bypass: (req) => {
      const path = req.url?.split('?')[0] ?? '';
      return /\.[cm]?[jt]sx?$/.test(path) ? req.url : undefined;
    },
  },
};

// In development, a reload on one of the portal's own paths (/portal, /portal/homes/…) gets the portal's
// page, and the phone pages' paths (sign-in, check-in, the member's own) the phone pages' one, as the server sends them in
// production; Vite alone would send the admin UI's.
const lightPagesFallback: Plugin = {
  name: 'light-pages-html-fallback',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      const [pathname = ''] = (req.url ?? '').split('?');
      const page =
        req.method === 'GET' && req.headers.accept?.includes('text/html') && !/\.[a-z0-9]+$/i.test(pathname);
      if (page && /^\/portal(\/|$)/.test(pathname)) req.url = '/portal/index.html';
      else if (page && PHONE_PAGE_PATH.test(pathname)) req.url = '/phone/index.html';
      next();
    });
  },
};

// Every text file of the build also as .br and .gz beside it (the server sends the one the browser
// accepts, plugins/web.ts): a phone on a slow line gets the portal's script at a quarter of its size,
// packed once at build, at the best ratio, not on each request.
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;
const precompress: Plugin = {
  name: 'precompress',
  apply: 'build',
  writeBundle(options, bundle) {
    const dir = options.dir ?? '';
    for (const name of Object.keys(bundle)) {
      if (!COMPRESSIBLE.test(name)) continue;
      const file = path.join(dir, name);
      const bytes = fs.readFileSync(file);
      if (bytes.length < 1024) continue;
      fs.writeFileSync(
        `${file}.br`,
        zlib.brotliCompressSync(bytes, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        }),
      );
      fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
    }
  },
};

// Browser UI. The Fastify server serves the built dist/web; in development `vite` serves src/web
// (the admin UI at /, the portal at /portal/).
export default defineConfig({
  root: webRoot,
  plugins: [react(), lightPagesFallback, precompress],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Three pages: the admin UI (/), the citizens' portal (/portal/, src/web/portal) and the
      // members' phone pages (/login, /checkin, src/web/phone); the last two share only React with
      // the admin UI and must stay light.
      input: {
        admin: path.join(webRoot, 'index.html'),
        portal: path.join(webRoot, 'portal/index.html'),
        phone: path.join(webRoot, 'phone/index.html'),
      },
      output: {
        // Long-cacheable chunks for the framework (they change only when these packages are upgraded):
        // React, shared by both pages, and the admin UI's router apart, so the portal does not load it.
        // Everything else is split automatically along the lazy routes (see src/web/App.tsx).
        codeSplitting: {
          groups: [
            { name: 'react-vendor', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'router-vendor', test: /[\\/]node_modules[\\/]react-router[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
});
