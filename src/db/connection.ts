import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import { noteQuery } from './query-timing.js';
import type { Database } from './schema.js';

export type Engine = 'pglite' | 'postgres';

/** An open database and how to close it; the rest of the code sees only `db`. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  /** true when this call created a new embedded database (the demo data goes in then) */
  created: boolean;
  /**
   * Raw SQL for a library that brings its own (the job queue): several statements in one text
   * when `values` is empty, as the server's simple protocol allows. On PGlite it waits its turn
   * for the one connection like every query.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
}

// Same value types on both engines: bigint and numeric as strings (no silent rounding),
// calendar dates as 'YYYY-MM-DD' strings (a Date would shift them by the time zone).
const OID = { int8: 20, numeric: 1700, date: 1082 } as const;
const asText = (value: string) => value;

function kyselyOver(dialect: ConstructorParameters<typeof Kysely<Database>>[0]['dialect']) {
  return new Kysely<Database>({
    dialect,
    plugins: [new CamelCasePlugin()],
    // each query's time goes to the request it ran for when SERVER_TIMING times requests
    log: (event) => noteQuery(event.queryDurationMillis),
  });
}

/** Opens PGlite in a folder (created when missing) or in memory when `dataDir` is null. */
export async function openEmbedded(dataDir: string | null, loadDataDir?: Blob): Promise<DatabaseHandle> {
  let created = true;
  let dbDir: string | undefined;
  if (dataDir) {
    dbDir = path.join(dataDir, 'pgdata');
    created = !fs.existsSync(path.join(dbDir, 'PG_VERSION'));
    fs.mkdirSync(dbDir, { recursive: true });
  }
  const pglite = await PGlite.create(dbDir, {
    parsers: { [OID.int8]: asText, [OID.numeric]: asText, [OID.date]: asText },
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  const db = kyselyOver(new PGliteDialect(pglite));
  return {
    db,
    engine: 'pglite',
    created,
    // db.connection() holds the connection's mutex for the duration of the call
    executeSql: (text, values = []) =>
      db.connection().execute(async () => {
        if (values.length) return pglite.query(text, values);
        const results = await pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }),
    async close() {
      if (pglite.closed) return;
      // PGlite does not fsync on every commit: a checkpoint writes everything out before closing.
      await sql`checkpoint`.execute(db).catch(() => undefined);
      await db.destroy();
    },
  };
}

/** Connects a pool to a PostgreSQL server and checks that it answers; `setting` names the URL in an error. */
export async function openServer(url: string, max = 10, setting = 'DATABASE_URL'): Promise<DatabaseHandle> {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === OID.int8 || oid === OID.numeric || oid === OID.date
        ? asText
        : pg.types.getTypeParser(oid, format ?? 'text'),
  };
  const pool = new pg.Pool({ connectionString: url, max, types, connectionTimeoutMillis: 5000 });
  pool.on('error', () => undefined); // an idle client's error surfaces again on the next query
  const db = kyselyOver(new PostgresDialect({ pool }));
  try {
    await sql`select 1`.execute(db);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw new Error(
      `无法连接数据库服务器（${setting}）：${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  }
  return {
    db,
    engine: 'postgres',
    created: false,
    executeSql: (text, values = []) => pool.query(text, values),
    close: () => db.destroy(),
  };
}
