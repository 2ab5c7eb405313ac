import { z } from 'zod';
import type { App } from '../../server/types.js';
import { listOrgUnits } from './service.js';

const orgUnit = z
  .object({
    id: z.string(),
    kind: z.enum(['municipal', 'office', 'committee', 'sector_group', 'district']),
    name: z.string(),
    regionCode: z.string().nullable(),
    parentId: z.string().nullable(),
    /** the name is a placeholder until the office enters the real one */
    isDemo: z.boolean(),
  })
  .meta({ id: 'OrgUnit' });

/** 政协组织: the municipal committee, its office and committees, the 8 sector groups, the 9 district CPPCCs. */
export function orgUnitRoutes(app: App): void {
  app.get(
    '/org-units',
    {
      config: { access: 'public' },
      schema: {
        tags: ['参考数据'],
        summary: '政协组织单元',
        querystring: z.object({
          kind: z.enum(['municipal', 'office', 'committee', 'sector_group', 'district']).optional(),
        }),
        response: { 200: z.array(orgUnit) },
      },
    },
    async (request) => listOrgUnits(app.db, request.query.kind),
  );
}
