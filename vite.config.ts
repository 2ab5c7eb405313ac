import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';

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
// page, as the server's not-found handler does in production; Vite alone would send the admin UI's.
const portalFallback: Plugin = {
  name: 'portal-html-fallback',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      const [pathname = ''] = (req.url ?? '').split('?');
      const page = /^\/portal(\/|$)/.test(pathname) && !/\.[a-z0-9]+$/i.test(pathname);
      if (page && req.method === 'GET' && req.headers.accept?.includes('text/html'))
        req.url = '/portal/index.html';
      next();
    });
  },
};

// Browser UI. The Fastify server serves the built dist/web; in development `vite` serves src/web
// (the admin UI at /, the portal at /portal/).
export default defineConfig({
  root: webRoot,
  plugins: [react(), portalFallback],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Two pages: the admin UI (/) and the citizens' portal (/portal/, src/web/portal), which shares
      // only React with it and must stay light.
      input: {
        admin: path.join(webRoot, 'index.html'),
        portal: path.join(webRoot, 'portal/index.html'),
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
