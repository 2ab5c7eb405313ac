import { sql } from 'kysely';
import { z } from 'zod';
import { type DiskState, type DiskWatch, diskStates } from './disk.js';
import type { App } from './types.js';

const diskState = z.object({
  freeMb: z.number().int().nullable().describe('可用空间（MB）；读不到为 null'),
  ok: z.boolean().describe('是否高于 MIN_FREE_DISK_MB'),
});

const healthBody = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['ok', 'unavailable']),
  /** by folder: `data` (the database and backups), `uploads` (the file store) */
  disk: z.record(z.string(), diskState),
  minFreeMb: z.number().int().nullable(),
});

/**
 * `GET /api/health`: whether the platform can serve — the database answers, and the folders it
 * writes to have room. 503 `degraded` otherwise, so a monitor or load balancer sees a full disk
 * before the users do.
 */
export function registerHealth(app: App, watch: DiskWatch | null): void {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['运维'],
        summary: '健康检查（数据库可达、数据目录和上传目录空间充足）',
        response: { 200: healthBody, 503: healthBody },
      },
    },
    async (_request, reply) => {
      const [database, disk] = await Promise.all([
        sql`select 1`.execute(app.db).then(
          () => 'ok' as const,
          () => 'unavailable' as const,
        ),
        watch ? diskStates(watch) : Promise.resolve({} as Record<string, DiskState>),
      ]);
      const healthy = database === 'ok' && Object.values(disk).every((d) => d.ok);
      return reply.status(healthy ? 200 : 503).send({
        status: healthy ? 'ok' : 'degraded',
        database,
        disk,
        minFreeMb: watch?.minFreeMb ?? null,
      });
    },
  );
}
