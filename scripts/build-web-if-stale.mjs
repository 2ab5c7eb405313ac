// Builds the browser UI when dist/web is missing or older than its sources, so that
// `npm start` on a fresh clone serves the whole product. The check hashes the sources'
// contents (not their times, which a clone resets), so an unchanged tree starts at once.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const inputs = ['src/web', 'src/domain', 'vite.config.ts', 'package-lock.json'];
const stampFile = path.join(root, 'dist/web/.source-hash');

function* files(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return;
  if (fs.statSync(full).isFile()) {
    yield entry;
    return;
  }
  for (const name of fs.readdirSync(full).sort()) yield* files(path.join(entry, name));
}

// One build at a time: several test runs (or a test run and `npm start`) may start side by side,
// and two Vite builds writing dist/web at once leave a broken page. The lock is a folder; one
// older than five minutes is left from a killed build.
const lock = path.join(root, 'dist/.web-build-lock');
fs.mkdirSync(path.dirname(lock), { recursive: true });
for (;;) {
  try {
    fs.mkdirSync(lock);
    break;
  } catch {
    const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 5 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
    else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
  }
}
process.on('exit', () => fs.rmSync(lock, { recursive: true, force: true }));

const hash = createHash('sha256');
for (const input of inputs) {
  for (const file of files(input)) {
    if (file.endsWith('.test.ts') || file.endsWith('.test.tsx')) continue;
    hash
      .update(file)
      .update('\0')
      .update(fs.readFileSync(path.join(root, file)))
      .update('\0');
  }
}
const digest = hash.digest('hex');
const current = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : '';
if (current === digest && fs.existsSync(path.join(root, 'dist/web/index.html'))) process.exit(0);

console.log('正在构建网页界面（首次启动或界面代码有更新）…');
// Built into a folder of its own and swapped in, so that a server already serving dist/web (another
// test run, `npm start`) never sees a half-written folder; the previous build's hashed assets are
// kept beside the new ones, so a page loaded just before the swap still finds its scripts.
const target = path.join(root, 'dist/web');
const fresh = path.join(root, `dist/.web-build-${process.pid}`);
const stale = path.join(root, `dist/.web-old-${process.pid}`);
fs.rmSync(fresh, { recursive: true, force: true });
const vite = path.join(root, 'node_modules/.bin/vite');
// Always React's production build: under vitest (NODE_ENV=test, as the end-to-end tests start the
// product) Vite would otherwise bundle the development build, twice the size and slower.
const result = spawnSync(vite, ['build', '--logLevel', 'warn', '--outDir', fresh, '--emptyOutDir'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
if (result.status !== 0) {
  fs.rmSync(fresh, { recursive: true, force: true });
  console.error('网页界面构建失败，请查看上面的错误信息。');
  process.exit(result.status ?? 1);
}
const oldAssets = path.join(target, 'assets');
if (fs.existsSync(oldAssets)) {
  // only the last hour's: pages open that long, and the folder does not grow build after build
  for (const name of fs.readdirSync(oldAssets)) {
    const from = path.join(oldAssets, name);
    const into = path.join(fresh, 'assets', name);
    const { mtime, atime } = fs.statSync(from);
    if (fs.existsSync(into) || Date.now() - mtime.getTime() > 3_600_000) continue;
    fs.copyFileSync(from, into);
    fs.utimesSync(into, atime, mtime);
  }
}
fs.writeFileSync(path.join(fresh, '.source-hash'), `${digest}\n`);
if (fs.existsSync(target)) fs.renameSync(target, stale);
fs.renameSync(fresh, target);
fs.rmSync(stale, { recursive: true, force: true });
