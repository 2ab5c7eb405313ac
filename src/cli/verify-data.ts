/**
 * Checks that a database (a backup being restored, or one about to be backed up) can be read in
 * full: every table row by row, and every stored file its attachments name.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

export interface TableCheck {
  tables: number;
  rows: number;
  problems: string[];
}

/**
 * Reads every row of every table outside the system catalogs, each column of it included (a
 * whole-row cast reads the out-of-line values too): a damaged page fails the table's read
 * ("invalid page in block …"), where a look at one row of one table would pass.
 */
export async function checkTables(pg: PGlite): Promise<TableCheck> {
  const { rows: tables } = await pg.query<{ schema: string; name: string }>(
    `select n.nspname as schema, c.relname as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'm') and n.nspname not in ('pg_catalog', 'information_schema')
        and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'
      order by 1, 2`,
  );
  const quote = (id: string) => `"${id.replaceAll('"', '""')}"`;
  let rows = 0;
  const problems: string[] = [];
  for (const table of tables) {
    const qualified = `${quote(table.schema)}.${quote(table.name)}`;
    try {
      const { rows: counted } = await pg.query<{ n: number }>(
        `select count(*)::int as n, sum(length(t::text)) as bytes from ${qualified} t`,
      );
      rows += counted[0]?.n ?? 0;
    } catch (err) {
      problems.push(`表 ${table.schema}.${table.name} 无法完整读取：${(err as Error).message}`);
    }
  }
  return { tables: tables.length, rows, problems };
}

/** Every attachment's file in `uploadDir`, of the size its row records; what is missing or wrong. */
export async function checkAttachmentFiles(pg: PGlite, uploadDir: string) {
  const { rows: exists } = await pg.query<{ found: string | null }>(
    `select to_regclass('public.attachments')::text as found`,
  );
  if (!exists[0]?.found) return { files: 0, problems: [] as string[] };
  const { rows } = await pg.query<{ key: string; size: number; filename: string }>(
    `select storage_key as key, size, filename from attachments where storage_key <> '' order by storage_key`,
  );
  const root = path.resolve(uploadDir);
  const problems: string[] = [];
  for (const row of rows) {
    const file = path.resolve(root, row.key);
    if (!file.startsWith(root + path.sep)) {
      problems.push(`附件「${row.filename}」的存储路径不合法：${row.key}`);
      continue;
    }
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) problems.push(`附件「${row.filename}」的文件缺失：${row.key}`);
    else if (stat.size !== Number(row.size))
      problems.push(
        `附件「${row.filename}」的文件大小不符（应为 ${row.size} 字节，实为 ${stat.size}）：${row.key}`,
      );
  }
  return { files: rows.length, problems };
}
