import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

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

// Browser UI. The Fastify server serves the built dist/web; in development `vite` serves src/web.
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // One long-cacheable chunk for the framework (changes only when these packages are upgraded);
        // everything else is split automatically along the lazy routes (see src/web/App.tsx).
        codeSplitting: {
          groups: [
            {
              name: 'react-vendor',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
});
