import { sql } from 'kysely';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapDatabase } from '../src/db/bootstrap.js';
import type { DatabaseHandle } from '../src/db/connection.js';
import { rebuildIfChanged } from '../src/db/figure-changes.js';
import { JOB_SCHEMA, JOBS, jobQueue, queueOptions, startJobs } from '../src/server/jobs.js';
import { ADMIN_PASSWORD, openTestDb } from './helpers.js';

/**
 * The background jobs on the queue kept in the database (pg-boss), on both engines: the hourly
 * jobs are scheduled in Beijing time and run; a run that fails is retried; a run an instance took
 * and never finished (it stopped, or crashed) is taken again once it expires.
 */
let handle: DatabaseHandle;
const errors: unknown[] = [];
const log = { info: () => undefined, error: (obj: unknown) => errors.push(obj) };

beforeAll(async () => {
  handle = await openTestDb();
  await bootstrapDatabase(handle.db, { adminPassword: ADMIN_PASSWORD, seedDemo: false });
});
afterAll(() => handle.close());

/** Waits until `check` holds, asking every 100 ms for at most `ms`. */
async function until(check: () => Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type JobRow = { name: string; state: string; retryCount: number; singletonKey: string | null };
const jobsOf = async (name: string) =>
  (
    await sql<JobRow>`select name, state::text as state, retry_count, singleton_key from ${sql.table(`${JOB_SCHEMA}.job`)} where name = ${name}`.execute(
      handle.db,
    )
  ).rows;

describe('the job queue', () => {
  it('schedules the jobs in Beijing time and runs each once at start', async () => {
    const jobs = await startJobs(handle, log, { pollingIntervalSeconds: 0.5 });
    try {
      const schedules = await jobs.boss.getSchedules();
      expect(
        schedules
          .map((s) => ({ name: s.name, cron: s.cron, tz: s.options?.tz }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      ).toEqual(
        Object.entries(JOBS)
          .map(([name, job]) => ({ name, cron: job.cron, tz: 'Asia/Shanghai' }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      );
      for (const name of Object.keys(JOBS)) {
        await until(async () => (await jobsOf(name)).some((j) => j.state === 'completed'));
      }
      // the dashboards' summaries were refreshed by the stats job
      const stamp = await handle.db
        .selectFrom('statsRefreshes')
        .select('refreshedAt')
        .where('name', '=', 'dashboard')
        .executeTakeFirst();
      expect(stamp).toBeDefined();
      // a second instance starting in the same hour does not send the start runs again
      const second = await startJobs(handle, log, { pollingIntervalSeconds: 0.5 });
      await second.stop();
      for (const name of Object.keys(JOBS)) {
        expect((await jobsOf(name)).filter((j) => j.singletonKey === 'start')).toHaveLength(1);
      }
      expect(errors).toEqual([]);
    } finally {
      await jobs.stop();
    }
  });

  it('retries a run that failed', async () => {
    const boss = jobQueue(handle);
    await boss.start();
    try {
      const name = 'test-flaky';
      await boss.createQueue(name, queueOptions(name, { retryDelaySeconds: 1 }));
      let calls = 0;
      await boss.work(name, { pollingIntervalSeconds: 0.5 }, async () => {
        calls += 1;
        if (calls === 1) throw new Error('数据库暂时不可用');
      });
      await boss.send(name, {});
      await until(async () => (await jobsOf(name)).some((j) => j.state === 'completed'));
      expect(calls).toBe(2);
      expect((await jobsOf(name))[0]!.retryCount).toBe(1);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });

  it('takes again a run that an instance took and never finished', async () => {
    const name = 'test-lost';
    // the instance that takes the run and then goes away without finishing it
    const lost: PgBoss = jobQueue(handle);
    await lost.start();
    await lost.createQueue(name, queueOptions(name, { expireInSeconds: 1, retryDelaySeconds: 1 }));
    await lost.send(name, {});
    const taken = await lost.fetch(name);
    expect(taken).toHaveLength(1);
    expect((await jobsOf(name))[0]!.state).toBe('active');
    await lost.stop({ graceful: false, wait: true });

    // another instance finds it expired, and runs it
    const other = jobQueue(handle, { maintenanceIntervalSeconds: 1 });
    await other.start();
    try {
      let done = 0;
      await other.work(name, { pollingIntervalSeconds: 0.5 }, async () => {
        done += 1;
      });
      await until(async () => (await jobsOf(name)).some((j) => j.state === 'completed'), 30_000);
      expect(done).toBe(1);
      expect((await jobsOf(name))[0]!.retryCount).toBe(1);
    } finally {
      await other.stop({ graceful: false, wait: true });
    }
  });
});

describe('stored figures that follow their sources', () => {
  it('are rebuilt when a source changed since the last rebuild, and only then', async () => {
    let rebuilt = 0;
    const rebuild = async () => ++rebuilt;
    // whatever the set-up wrote is taken first
    await rebuildIfChanged(handle.db, 'duty-records', rebuild);
    rebuilt = 0;
    expect(await rebuildIfChanged(handle.db, 'duty-records', rebuild)).toEqual({ changed: false });
    expect(rebuilt).toBe(0);
    // a statement on a source notes a change for the figures it feeds
    await sql`update members set title = title where id = (select id from members limit 1)`.execute(
      handle.db,
    );
    expect(await rebuildIfChanged(handle.db, 'duty-records', rebuild)).toEqual({ changed: true, result: 1 });
    expect(await rebuildIfChanged(handle.db, 'duty-records', rebuild)).toEqual({ changed: false });
    // members feed the duty records, not the dashboards' summaries
    await rebuildIfChanged(handle.db, 'stats', rebuild);
    await sql`update members set title = title where id = (select id from members limit 1)`.execute(
      handle.db,
    );
    expect(await rebuildIfChanged(handle.db, 'stats', rebuild)).toEqual({ changed: false });
    // a rebuild that fails leaves the change to be taken again
    await sql`update homes set name = name where id = (select id from homes limit 1)`.execute(handle.db);
    await expect(
      rebuildIfChanged(handle.db, 'stats', async () => {
        throw new Error('数据库繁忙');
      }),
    ).rejects.toThrow('数据库繁忙');
    expect(await rebuildIfChanged(handle.db, 'stats', rebuild)).toMatchObject({ changed: true });
  });
});
