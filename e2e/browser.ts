import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { freePort, type Running, startServer, waitUntilUp } from '../test/process/server.js';

const root = path.resolve(import.meta.dirname, '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * End-to-end tests need Debian's Chromium. CI always has it (.ci/run installs it) and must run
 * them; on a developer machine without it they are reported as skipped, with how to get it.
 */
export const browserAvailable = fs.existsSync(CHROMIUM) || process.env.CI === 'true';
if (!browserAvailable) {
  console.warn(
    `[e2e] Chromium not found at ${CHROMIUM}: end-to-end tests skipped (apt-get install -y chromium)`,
  );
}

/** Debian's Chromium, headless, with no calls out to the internet. */
export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Product {
  url: string;
  server: Running;
  stop(): Promise<void>;
}

/** The whole product as `npm start` runs it: the UI built when stale, the real server, a fresh data folder. */
export async function startProduct(env: Record<string, string> = {}): Promise<Product> {
  const build = spawnSync(process.execPath, ['scripts/build-web-if-stale.mjs'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('UI build failed');
  // a free port may be taken by another process before the server listens on it: try another,
  // on a data folder of its own
  let dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmh-e2e-'));
  let port = freePort();
  let server = startServer({ DATA_DIR: dataDir, PORT: String(port), ...env });
  for (let attempt = 1; ; attempt++) {
    try {
      await waitUntilUp(server, port);
      break;
    } catch (err) {
      if (attempt >= 3 || !server.output().includes('EADDRINUSE')) throw err;
      fs.rmSync(dataDir, { recursive: true, force: true });
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmh-e2e-'));
      port = freePort();
      server = startServer({ DATA_DIR: dataDir, PORT: String(port), ...env });
    }
  }
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    async stop() {
      server.child.kill('SIGTERM');
      await server.exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
