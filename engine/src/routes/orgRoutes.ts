import { z } from 'zod';
import { ROLE_DEFINITIONS } from '../access/roles.js';
import { defineRoute } from '../http/defineRoute.js';
import type { OrgUnitStore } from '../orgs/OrgUnitStore.js';

const OrgUnit = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    level: z.string(),
    kind: z.string(),
    institutionType: z.string().optional(),
    parentCode: z.string().optional(),
    path: z.string(),
    year: z.number(),
  })
  .meta({ id: 'OrgUnit' });

export function orgRoutes(orgs: OrgUnitStore) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/org-units',
      operationId: 'listOrgUnits',
      summary: 'The org tree of a year (default: the newest)',
      tags: ['organisation'],
      access: { signedIn: true },
      request: {
        query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
      },
      responses: {
        200: { description: 'Units in path order', schema: z.object({ units: z.array(OrgUnit) }) },
      },
      handler: async ({ query }) => {
        const year = query.year ?? (await orgs.currentYear());
        return { units: year === undefined ? [] : await orgs.list(year) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/roles',
      operationId: 'listRoles',
      summary: 'The role grid: level × business line, with permissions',
      tags: ['organisation'],
      access: { signedIn: true },
      responses: {
        200: {
          description: 'Roles',
          schema: z.object({
            roles: z.array(
              z.object({
                key: z.string(),
                title: z.object({ zh: z.string(), en: z.string() }),
                level: z.string(),
                line: z.string(),
                permissions: z.array(z.string()),
              }),
            ),
          }),
        },
      },
      handler: () => ({ roles: ROLE_DEFINITIONS }),
    }),
  ];
}
