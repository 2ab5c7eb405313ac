import path from 'node:path';
import { sql } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { openTestDb } from './helpers.js';

/**
 * Kysely's types of the tables (src/db/schema.ts) against the migrated database itself: every
 * table, view and column the types name exists, and every column the database has is named; a
 * column is nullable in both or neither, of a matching kind, and one the types let an insert
 * leave out has a default (or may be null). A migration without the types following fails here.
 */

const SCHEMA = path.resolve(import.meta.dirname, '../src/db/schema.ts');
const PROBE = path.resolve(import.meta.dirname, '../src/db/__schema_probe__.ts');
const PROBE_SOURCE = `
import type { Insertable, Selectable } from 'kysely';
import type { Database } from './schema.js';
export type Rows = { [K in keyof Database]: Selectable<Database[K]> };
export type Inserts = { [K in keyof Database]: Insertable<Database[K]> };
`;

type Kind = 'string' | 'number' | 'boolean' | 'Date' | 'array' | 'json' | 'other';

interface DeclaredColumn {
  kind: Kind;
  nullable: boolean;
  /** an insert may leave it out */
  optional: boolean;
}

/** What src/db/schema.ts declares, read through the TypeScript checker: relation → column → shape. */
function declaredSchema(): Map<string, Map<string, DeclaredColumn>> {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => file === PROBE || fileExists.call(host, file);
  host.readFile = (file) => (file === PROBE ? PROBE_SOURCE : readFile.call(host, file));
  host.getSourceFile = (file, language, ...rest) =>
    file === PROBE
      ? ts.createSourceFile(file, PROBE_SOURCE, language)
      : getSourceFile.call(host, file, language, ...rest);
  const program = ts.createProgram([PROBE, SCHEMA], options, host);
  const checker = program.getTypeChecker();
  const probe = program.getSourceFile(PROBE)!;
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(probe)!);
  const typeOf = (name: string) =>
    checker.getDeclaredTypeOfSymbol(exported.find((symbol) => symbol.name === name)!);

  const parts = (type: ts.Type) => (type.isUnion() ? type.types : [type]);
  const kindOf = (type: ts.Type): Kind => {
    const kinds = new Set<Kind>();
    for (const part of parts(type)) {
      if (part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) continue;
      if (part.flags & ts.TypeFlags.StringLike) kinds.add('string');
      else if (part.flags & ts.TypeFlags.NumberLike) kinds.add('number');
      else if (part.flags & ts.TypeFlags.BooleanLike) kinds.add('boolean');
      else if (part.flags & ts.TypeFlags.Unknown || part.flags & ts.TypeFlags.Any) kinds.add('json');
      else if (checker.isArrayType(part)) kinds.add('array');
      else if (part.getSymbol()?.name === 'Date') kinds.add('Date');
      else kinds.add('json');
    }
    return kinds.size === 1 ? [...kinds][0]! : 'other';
  };
  const nullable = (type: ts.Type) =>
    parts(type).some((part) => part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Unknown | ts.TypeFlags.Any));

  const rows = typeOf('Rows');
  const inserts = typeOf('Inserts');
  const relations = new Map<string, Map<string, DeclaredColumn>>();
  for (const relation of rows.getProperties()) {
    const row = checker.getTypeOfSymbol(relation);
    const insert = checker.getTypeOfSymbol(inserts.getProperty(relation.name)!);
    const columns = new Map<string, DeclaredColumn>();
    for (const column of row.getProperties()) {
      const type = checker.getTypeOfSymbol(column);
      const inserted = insert.getProperty(column.name);
      columns.set(snake(column.name), {
        kind: kindOf(type),
        nullable: nullable(type),
        optional: !inserted || (inserted.flags & ts.SymbolFlags.Optional) !== 0,
      });
    }
    relations.set(snake(relation.name), columns);
  }
  return relations;
}

/** Kysely's CamelCasePlugin, backwards. */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The kinds a PostgreSQL type may be read as (int8, numeric and date are read as text). */
const READ_AS: Record<string, Kind[]> = {
  text: ['string'],
  'character varying': ['string'],
  character: ['string'],
  uuid: ['string'],
  inet: ['string'],
  citext: ['string'],
  date: ['string'],
  bigint: ['string', 'number'],
  numeric: ['string', 'number'],
  integer: ['number'],
  smallint: ['number'],
  real: ['number'],
  'double precision': ['number'],
  boolean: ['boolean'],
  'timestamp with time zone': ['Date'],
  jsonb: ['json', 'array', 'other'],
  json: ['json', 'array', 'other'],
  bytea: ['json'],
};

interface ActualColumn {
  relation: string;
  relkind: string;
  column: string;
  type: string;
  notNull: boolean;
  hasDefault: boolean;
}

let handle: DatabaseHandle;
let actual: ActualColumn[];
let declared: Map<string, Map<string, DeclaredColumn>>;

beforeAll(async () => {
  handle = await openTestDb();
  await migrateToLatest(handle.db as never);
  const result = await sql<ActualColumn>`
    select c.relname as relation, c.relkind::text as relkind, a.attname as column,
           case when t.typcategory = 'A' then 'ARRAY' else format_type(a.atttypid, null) end as type,
           a.attnotnull as "notNull",
           -- a default, an identity, or a row trigger before insert whose function sets the column
           (a.atthasdef or a.attidentity <> '' or exists (
             select 1 from pg_trigger tg join pg_proc p on p.oid = tg.tgfoid
              where tg.tgrelid = c.oid and tg.tgtype & 7 = 7
                and p.prosrc ~* (${'into[^;]*new\\.'} || a.attname || ${'\\M|new\\.'} || a.attname || ${'\\s*:='}))) as "hasDefault"
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      join pg_type t on t.oid = a.atttypid
     where c.relkind in ('r', 'v', 'm', 'p')`.execute(handle.db);
  actual = result.rows;
  declared = declaredSchema();
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe('the database types (src/db/schema.ts)', () => {
  it('name every table and column of the migrated database, and only those', () => {
    const inDb = new Map<string, Set<string>>();
    for (const row of actual) {
      if (row.relation === 'kysely_migration' || row.relation === 'kysely_migration_lock') continue;
      if (!inDb.has(row.relation)) inDb.set(row.relation, new Set());
      inDb.get(row.relation)!.add(row.column);
    }
    const problems: string[] = [];
    for (const [relation, columns] of declared) {
      const real = inDb.get(relation);
      if (!real) {
        problems.push(`${relation}: not in the database`);
        continue;
      }
      for (const column of columns.keys())
        if (!real.has(column)) problems.push(`${relation}.${column}: not in the database`);
      for (const column of real)
        if (!columns.has(column)) problems.push(`${relation}.${column}: not in the types`);
    }
    for (const relation of inDb.keys())
      if (!declared.has(relation) && !relation.startsWith('pgboss'))
        problems.push(`${relation}: not in the types`);
    expect(problems).toEqual([]);
  });

  it('agree with it on each column’s kind, nullability and default', () => {
    const problems: string[] = [];
    for (const row of actual) {
      const column = declared.get(row.relation)?.get(row.column);
      if (!column) continue;
      const where = `${row.relation}.${row.column} (${row.type})`;
      const kinds = row.type === 'ARRAY' ? ['array'] : READ_AS[row.type];
      if (!kinds) problems.push(`${where}: no rule for this type`);
      else if (!kinds.includes(column.kind)) problems.push(`${where}: declared as ${column.kind}`);
      // a view's columns carry no NOT NULL: only tables are held to it
      if (row.relkind === 'r' || row.relkind === 'p') {
        if (row.notNull && column.nullable && column.kind !== 'json')
          problems.push(`${where}: not null in the database, nullable in the types`);
        if (!row.notNull && !column.nullable)
          problems.push(`${where}: nullable in the database, not in the types`);
        if (column.optional && row.notNull && !row.hasDefault)
          problems.push(`${where}: an insert may leave it out, but it has no default`);
      }
    }
    expect(problems).toEqual([]);
  });
});
