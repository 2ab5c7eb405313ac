import type { FastifyBaseLogger } from 'fastify';
import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '../db/connection.js';
import { rebuildIfChanged } from '../db/figure-changes.js';
import { sealAudit } from '../modules/audit/service.js';
import { refreshStats } from '../modules/dashboard/service.js';
import { runReminders } from '../modules/operations/reminders.js';
import { refreshDutyRecords } from '../modules/records/compute.js';
import type { Db } from './types.js';

/**
 * Background work on a job queue kept in the database (pg-boss, schema `pgboss`), so that several
 * instances share it: each job is sent on its schedule by the queue's own scheduler,
 * whichever instance is up; a run that fails is retried with back-off, and a run that an instance
 * took but never finished (it stopped or crashed) expires and is taken again.
 */
export const JOBS = {
  /** plans, summaries and quarters at risk, opinions past their time: reminders to whom they concern */
  reminders: { cron: '5 * * * *', run: (db: Db, now: Date) => runReminders(db, now) },
  /** the stored duty records (lists, rankings): within a minute of a change to their sources */
  'duty-records': {
    cron: '* * * * *',
    run: (db: Db, now: Date) => rebuildIfChanged(db, 'duty-records', () => refreshDutyRecords(db, now)),
  },
  /** the dashboards' summaries: within a minute of a change to their sources */
  stats: { cron: '* * * * *', run: (db: Db) => rebuildIfChanged(db, 'stats', () => refreshStats(db)) },
  /** the audit trail's hash chain: the rows committed since the last run are sealed within a minute */
  'audit-seal': { cron: '* * * * *', run: (db: Db) => sealAudit(db) },
} as const;

export type JobName = keyof typeof JOBS;

export const JOB_SCHEMA = 'pgboss';

export interface JobOptions {
  /** how long a run may stay taken before it counts as lost and is taken again */
  expireInSeconds?: number;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** how often an idle worker asks for work */
  pollingIntervalSeconds?: number;
  /** how often the queue looks for lost runs and old jobs */
  maintenanceIntervalSeconds?: number;
  /** run each job once at start, as well as on the hour (the server does; tests choose) */
  runAtStart?: boolean;
}

/** The queue over the platform's own database connection (on PGlite: its one connection, in turn). */
export function jobQueue(handle: Pick<DatabaseHandle, 'executeSql'>, options: JobOptions = {}) {
  return new PgBoss({
    db: { executeSql: (text, values) => handle.executeSql(text, values) },
    schema: JOB_SCHEMA,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 120,
  });
}

/** The retry and expiry rules of every job, the same for the platform's jobs and any other. */
export function queueOptions(name: string, options: JobOptions = {}): PgBoss.Queue {
  return {
    name,
    // one run at a time per job: an hourly rebuild never races itself
    policy: 'singleton',
    retryLimit: options.retryLimit ?? 3,
    retryDelay: options.retryDelaySeconds ?? 60,
    retryBackoff: true,
    expireInSeconds: options.expireInSeconds ?? 15 * 60,
  };
}

/** Starts the queue, schedules the hourly jobs (Beijing time) and works them on this instance. */
export async function startJobs(
  handle: Pick<DatabaseHandle, 'db' | 'executeSql'>,
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
  options: JobOptions = {},
): Promise<{ boss: PgBoss; stop(): Promise<void> }> {
  const boss = jobQueue(handle, options);
  boss.on('error', (err) => log.error({ err }, '后台任务队列出错'));
  await boss.start();
  for (const [name, job] of Object.entries(JOBS) as [JobName, (typeof JOBS)[JobName]][]) {
    await boss.createQueue(name, queueOptions(name, options));
    await boss.schedule(name, job.cron, {}, { tz: 'Asia/Shanghai' });
    await boss.work(name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10 }, async () => {
      try {
        const result = await job.run(handle.db, new Date());
        // a per-minute job that found nothing changed says nothing
        if (!(result && typeof result === 'object' && 'changed' in result && !result.changed)) {
          log.info({ job: name, result }, '后台任务已完成');
        }
      } catch (err) {
        // the queue retries it; the log says why it failed
        log.error({ err, job: name }, '后台任务失败，稍后重试');
        throw err;
      }
    });
    // at start as well; of instances starting in the same hour, one sends it
    if (options.runAtStart ?? true)
      await boss.send(name, {}, { singletonKey: 'start', singletonSeconds: 3600 });
  }
  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}
