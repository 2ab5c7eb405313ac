import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_members_homes.js';
import * as m0003 from './migrations/0003_operations.js';
import * as m0004 from './migrations/0004_operations_indexes.js';
import * as m0005 from './migrations/0005_opinions.js';
import * as m0006 from './migrations/0006_duty_records.js';
import * as m0007 from './migrations/0007_support.js';
import * as m0008 from './migrations/0008_job_queue.js';
import * as m0009 from './migrations/0009_figure_changes.js';
import * as m0010 from './migrations/0010_document_numbers.js';
import * as m0011 from './migrations/0011_training_enrolment.js';
import * as m0012 from './migrations/0012_login_failures.js';
import * as m0013 from './migrations/0013_auth_factors.js';
import * as m0014 from './migrations/0014_pending_roles.js';
import * as m0015 from './migrations/0015_audit_chain.js';
import * as m0016 from './migrations/0016_mongolian_names.js';
import * as m0017 from './migrations/0017_personal_data_sealed.js';
import * as m0018 from './migrations/0018_submission_keys.js';
import * as m0019 from './migrations/0019_attention_indexes.js';
import * as m0020 from './migrations/0020_fund_entry_owner.js';
import * as m0021 from './migrations/0021_translations.js';
import * as m0022 from './migrations/0022_user_language.js';

/** Migrations in the order they run; forward-only. Add the next one at the end. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_members_homes': m0002,
  '0003_operations': m0003,
  '0004_operations_indexes': m0004,
  '0005_opinions': m0005,
  '0006_duty_records': m0006,
  '0007_support': m0007,
  '0008_job_queue': m0008,
  '0009_figure_changes': m0009,
  '0010_document_numbers': m0010,
  '0011_training_enrolment': m0011,
  '0012_login_failures': m0012,
  '0013_auth_factors': m0013,
  '0014_pending_roles': m0014,
  '0015_audit_chain': m0015,
  '0016_mongolian_names': m0016,
  '0017_personal_data_sealed': m0017,
  '0018_submission_keys': m0018,
  '0019_attention_indexes': m0019,
  '0020_fund_entry_owner': m0020,
  '0021_translations': m0021,
  '0022_user_language': m0022,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Runs pending migrations. Kysely holds a PostgreSQL advisory lock meanwhile, so instances may race safely. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new Error(`数据库迁移 ${failed} 失败：${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Runs the migrations up to and including `name`: a database as an earlier version left it (upgrade tests). */
export async function migrateUpTo(db: Kysely<unknown>, name: keyof typeof migrations): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateTo(name);
  if (error) throw error;
}
