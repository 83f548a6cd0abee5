import { z } from 'zod';
import type { Caller } from '../access/Caller.js';
import { defineRoute } from '../http/defineRoute.js';
import { HttpError } from '../http/HttpError.js';
import type { OrgUnitStore } from '../orgs/OrgUnitStore.js';
import type { Release } from '../specs/Release.js';
import type { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { formTypeScript } from '../submissions/formTypeScript.js';

/** Every code table an `x-code-table` keyword names anywhere in a schema. */
function codeTablesNamed(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) codeTablesNamed(item, found);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'x-code-table' && typeof value === 'string') found.add(value);
      else codeTablesNamed(value, found);
    }
  }
  return found;
}

const Localized = z.object({ zh: z.string(), en: z.string() });

const FORM_BROKEN =
  '`form_broken`: the form of that release does not compile (a release stored before releases were checked); `details.problems` says why';

function noForm(key: string, release: Release) {
  return new HttpError(
    404,
    'not_found',
    `发布版本 ${release.id} 中没有表单 ${key} / Release ${release.id} has no form ${key}`,
  );
}

/**
 * Forms of the releases this engine serves: what the browser compiles (the same compiler the
 * server validates with) and the TypeScript type of each form version for integrators.
 */
export function formRoutes(catalog: ReleaseCatalog, orgs: OrgUnitStore) {
  /** The release named, or the one serving `orgCode`, or the caller's own org unit. */
  const releaseFor = async (caller: Caller, query: { release?: string; orgCode?: string }) => {
    if (query.release) {
      const release = catalog.get(query.release);
      if (!release)
        throw new HttpError(
          404,
          'not_found',
          `没有发布版本 ${query.release} / No release ${query.release}`,
        );
      return release;
    }
    const org = await orgs.get(query.orgCode ?? caller.user.orgCode);
    if (!org)
      throw new HttpError(422, 'unknown_org_unit', `机构代码不存在 / No org unit ${query.orgCode}`);
    return catalog.forOrgPath(org.path);
  };
  const Which = z.object({
    release: z.string().min(1).max(200).optional(),
    orgCode: z.string().min(2).max(40).optional(),
  });

  return [
    defineRoute({
      method: 'get',
      path: '/api/forms',
      operationId: 'listForms',
      summary: 'Forms of your release (or of the release serving orgCode)',
      tags: ['forms'],
      access: { signedIn: true },
      request: { query: Which },
      responses: {
        200: {
          description: 'Forms',
          schema: z.object({
            releaseId: z.string(),
            forms: z.array(z.object({ key: z.string(), version: z.string(), title: Localized })),
          }),
        },
      },
      handler: async ({ query, caller }) => {
        const release = await releaseFor(caller!, query);
        return {
          releaseId: release.id,
          forms: Object.values(release.spec.forms).map((f) => ({
            key: f.key,
            version: f.version,
            title: f.title,
          })),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/forms/:key',
      operationId: 'getForm',
      summary: 'A form definition with the code tables it uses, to compile in the browser',
      tags: ['forms'],
      access: { signedIn: true },
      request: { params: z.object({ key: z.string().min(1).max(100) }), query: Which },
      responses: {
        200: {
          description: 'Form',
          schema: z.object({
            releaseId: z.string(),
            definition: z.object({}).passthrough(),
            codeTables: z.record(z.string(), z.unknown()),
          }),
        },
        409: { description: FORM_BROKEN },
      },
      handler: async ({ params, query, caller }) => {
        const release = await releaseFor(caller!, query);
        const form = catalog.form(release, params.key);
        if (!form) throw noForm(params.key, release);
        const used = codeTablesNamed(form.definition.schema);
        return {
          releaseId: release.id,
          definition: form.definition,
          codeTables: Object.fromEntries(
            Object.entries(release.spec.codeTables).filter(([id]) => used.has(id)),
          ),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/forms/:key/versions/:version/typescript',
      operationId: 'getFormTypeScript',
      summary: 'The TypeScript type of a form version’s data (json-schema-to-typescript)',
      tags: ['forms'],
      access: { signedIn: true },
      request: {
        params: z.object({ key: z.string().min(1).max(100), version: z.string().min(1).max(40) }),
        query: Which,
      },
      responses: {
        200: { description: 'TypeScript source', contentType: 'text/plain' },
        409: { description: FORM_BROKEN },
      },
      handler: async ({ params, query, caller }, ctx) => {
        const release = await releaseFor(caller!, query);
        const form = catalog.form(release, params.key);
        if (!form || form.definition.version !== params.version) {
          throw new HttpError(
            404,
            'not_found',
            `发布版本 ${release.id} 中没有表单 ${params.key} ${params.version} / Release ${release.id} has no form ${params.key} at version ${params.version}`,
          );
        }
        ctx.type = 'text/plain; charset=utf-8';
        ctx.set('Cache-Control', 'private, max-age=86400, immutable');
        return formTypeScript(form);
      },
    }),
  ];
}
