import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engine } from './helpers.js';

// docs/ARCHITECTURE.md: a module reads route → policy → service → repo → presenter. Queries are
// built and run only in a module's repo (`repo.ts`, or `repo/<section>.ts` where it has sections);
// its policy may hold the scopes as SQL expressions, which the repos put into their queries.
const MODULES = path.resolve('src/modules');

const files = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

const isRepo = (file: string) => /\/repo(\.ts|\/[^/]+\.ts)$/.test(file);
const isPolicy = (file: string) => file.endsWith('/policy.ts');

/** What builds or runs a query: Kysely's builders, raw SQL, and executing either. */
const QUERY = [
  /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)\(/,
  /\.execute(TakeFirst(OrThrow)?)?\(/,
  /\.stream\(/,
  /\bsql(<[^>]*>)?`/,
  /\bsql\.(ref|lit|raw|id|table|join|val)\(/,
  /^import \{[^}]*\} from 'kysely'/m,
];

/** A service opens its one transaction with `db.transaction().execute(…)`: that is not a query. */
const withoutTransactions = (text: string) =>
  text.replace(/\.transaction\(\)(\s*\.\w+\([^)]*\))*\s*\.execute\(/g, '.transaction()(');

function offences(file: string): string[] {
  const text = withoutTransactions(fs.readFileSync(file, 'utf8'));
  return text
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => !line.trim().startsWith('//') && !line.trim().startsWith('*'))
    .filter(({ line }) => QUERY.some((re) => re.test(line)))
    .map(({ line, n }) => `${path.relative(MODULES, file)}:${n}: ${line.trim()}`);
}

describe.runIf(engine === 'pglite')('the layers of a module', () => {
  const modules = fs
    .readdirSync(MODULES, { withFileTypes: true })
    .map((e) => e.name)
    .sort();

  it('every module is a folder of its own', () => {
    expect(modules.filter((m) => m.endsWith('.ts'))).toEqual([]);
  });

  it.each(modules.filter((m) => !m.endsWith('.ts')))('%s builds and runs queries only in its repo', (m) => {
    const found = files(path.join(MODULES, m))
      .filter((f) => !isRepo(f) && !isPolicy(f))
      .flatMap(offences);
    expect(found).toEqual([]);
  });

  it.each(modules.filter((m) => !m.endsWith('.ts')))('%s runs no query in its policy', (m) => {
    const found = files(path.join(MODULES, m))
      .filter(isPolicy)
      .flatMap(offences)
      .filter((o) => /\.execute(TakeFirst(OrThrow)?)?\(|\.stream\(/.test(o));
    expect(found).toEqual([]);
  });
});
