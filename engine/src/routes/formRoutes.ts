import { pinyin } from 'pinyin-pro';
import { z } from 'zod';
import type { Caller } from '../access/Caller.js';
import { defineRoute } from '../http/defineRoute.js';
import { HttpError } from '../http/HttpError.js';
import type { OrgUnitStore } from '../orgs/OrgUnitStore.js';
import type { Release } from '../specs/Release.js';
import type { ReleaseCatalog, ReleasedForm } from '../specs/ReleaseCatalog.js';
import { StandaloneValidators, VALIDATOR_RUNTIME_PATH } from '../specs/StandaloneValidators.js';
import { formTypeScript } from '../submissions/formTypeScript.js';
import { formPreviewRoutes } from './formPreviewRoutes.js';

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

/** A code table's options with more than this many get a pinyin-initial filter in the renderer. */
const LONG_TABLE = 5;

/** Lowercase pinyin initials of a Chinese label (高血压 → 'gxy'), for filtering long lists. */
function labelInitials(label: string): string {
  return pinyin(label, { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const YEAR = 31_536_000;
const Hash = z
  .string()
  .regex(/^[0-9a-f]{20}$/)
  .optional()
  .describe(
    'The content hash of the module (from the URL the API gave); cached for a year when given',
  );

/**
 * Content-hashed modules are immutable: with the hash they are cached for a year; without it,
 * revalidated. A hash that is not the current content's is a 404 (ask the API for the URL).
 */
function cacheByHash(
  ctx: { set(name: string, value: string): void },
  wanted: string | undefined,
  actual: string,
  scope: 'public' | 'private',
) {
  if (wanted !== undefined && wanted !== actual) {
    throw new HttpError(
      404,
      'not_found',
      `校验模块已更新，请重新获取表单 / This validator module has changed: fetch the form again for its current URL`,
    );
  }
  ctx.set('Cache-Control', wanted ? `${scope}, max-age=${YEAR}, immutable` : `${scope}, no-cache`);
}

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
  const validators = new StandaloneValidators();
  const initialsByRelease = new Map<string, Record<string, Record<string, string>>>();
  /** Pinyin initials of the options of the release's long code tables, by table and code. */
  const initialsOf = (release: Release, tables: Iterable<string>) => {
    let cache = initialsByRelease.get(release.id);
    if (!cache) initialsByRelease.set(release.id, (cache = {}));
    const out: Record<string, Record<string, string>> = {};
    for (const id of tables) {
      const table = release.spec.codeTables[id];
      if (!table || table.codes.length <= LONG_TABLE) continue;
      cache[id] ??= Object.fromEntries(table.codes.map((c) => [c.code, labelInitials(c.label.zh)]));
      out[id] = cache[id];
    }
    return out;
  };
  /** Where the browser imports a released form's validator from. */
  const validatorOf = async (form: ReleasedForm) => {
    const module = await validators.forForm(form);
    const runtime = await validators.runtime();
    const { key, version } = form.definition;
    return {
      url: `/api/forms/${key}/versions/${version}/validator.js?release=${encodeURIComponent(form.release.id)}&hash=${module.hash}`,
      fingerprint: module.fingerprint,
      runtimeUrl: `${VALIDATOR_RUNTIME_PATH}?hash=${runtime.hash}`,
    };
  };
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
            forms: z.array(
              z.object({
                key: z.string(),
                version: z.string(),
                title: Localized,
                program: z
                  .string()
                  .nullable()
                  .describe(
                    'The programme whose enrollment its submissions belong to (GET /api/programs), or null',
                  ),
              }),
            ),
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
            program: release.programs[f.key] ?? null,
          })),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/programs',
      operationId: 'listPrograms',
      summary: 'Programmes of your release (or of the release serving orgCode), with their forms',
      description:
        'What a resident can be enrolled in where the release serves: the national programmes its ' +
        'schedules run (source base) and those the jurisdiction’s overlay added (source overlay, ' +
        'add-program). A programme’s forms are recorded under the enrollment; its due items ' +
        'appear on the worklist (GET /api/worklist).',
      tags: ['forms'],
      access: { signedIn: true },
      request: { query: Which },
      responses: {
        200: {
          description: 'Programmes',
          schema: z.object({
            releaseId: z.string(),
            programs: z.array(
              z
                .object({
                  id: z.string(),
                  title: Localized,
                  source: z.enum(['base', 'overlay']),
                  forms: z.array(
                    z.object({ key: z.string(), version: z.string(), title: Localized }),
                  ),
                })
                .meta({ id: 'ProgramSummary' }),
            ),
          }),
        },
      },
      handler: async ({ query, caller }) => {
        const release = await releaseFor(caller!, query);
        return {
          releaseId: release.id,
          programs: release.programmes.map((p) => ({
            id: p.id,
            title: p.title,
            source: p.source,
            forms: p.forms.flatMap((key) => {
              const form = release.spec.forms[key];
              return form ? [{ key, version: form.version, title: form.title }] : [];
            }),
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
            validator: z
              .object({ url: z.string(), fingerprint: z.string(), runtimeUrl: z.string() })
              .describe(
                "The form version's validator as a standalone ES module (no eval: for a page whose CSP forbids it), content-hashed and immutable; its `validate` and `fingerprint` go to compilePrecompiledForm. `runtimeUrl` is the module it imports (shared by every form): import both at once and they load side by side instead of one after the other",
              ),
            triggers: z
              .array(z.object({ id: z.string(), title: Localized, condition: z.unknown() }))
              .describe(
                "The release's triggers of this form (what storing such a record starts), so the form can say so while their condition holds on the data",
              ),
            pinyinInitials: z
              .record(z.string(), z.record(z.string(), z.string()))
              .describe(
                'Lowercase pinyin initials of the Chinese labels of long code tables (more than 5 codes), by table and code, to filter options as one types',
              ),
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
          validator: await validatorOf(form),
          triggers: Object.values(release.spec.triggers ?? {})
            .filter((t) => t.form === params.key)
            .map(({ id, title, condition }) => ({ id, title, condition })),
          pinyinInitials: initialsOf(release, used),
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
    defineRoute({
      method: 'get',
      path: '/api/forms/:key/versions/:version/validator.js',
      operationId: 'getFormValidator',
      summary: 'A form version’s validator as a standalone ES module, for pages without eval',
      description:
        'Ajv’s standalone code of the schema the server validates this form version with (the URL comes from `GET /api/forms/:key`, `validator.url`): exports `validate`, `default` and `fingerprint`; it imports the shared runtime (`/api/form-validator-runtime.js`). Content-hashed: with `hash` it is cached for a year as immutable.',
      tags: ['forms'],
      access: { signedIn: true },
      request: {
        params: z.object({ key: z.string().min(1).max(100), version: z.string().min(1).max(40) }),
        query: z.object({ release: z.string().min(1).max(200), hash: Hash }),
      },
      responses: {
        200: { description: 'JavaScript module', contentType: 'text/javascript' },
        409: { description: FORM_BROKEN },
      },
      handler: async ({ params, query }, ctx) => {
        const release = catalog.get(query.release);
        if (!release) {
          throw new HttpError(
            404,
            'not_found',
            `没有发布版本 ${query.release} / No release ${query.release}`,
          );
        }
        const form = catalog.form(release, params.key);
        if (!form || form.definition.version !== params.version) {
          throw new HttpError(
            404,
            'not_found',
            `发布版本 ${release.id} 中没有表单 ${params.key} ${params.version} / Release ${release.id} has no form ${params.key} at version ${params.version}`,
          );
        }
        const module = await validators.forForm(form);
        cacheByHash(ctx, query.hash, module.hash, 'private');
        ctx.type = 'text/javascript; charset=utf-8';
        return module.code;
      },
    }),
    defineRoute({
      method: 'get',
      path: VALIDATOR_RUNTIME_PATH,
      operationId: 'getFormValidatorRuntime',
      summary: 'What every form validator module imports: the formats, RE2 patterns, Ajv helpers',
      tags: ['forms'],
      access: { public: true, reason: 'Library code shared by all validators: it holds no data.' },
      request: { query: z.object({ hash: Hash }) },
      responses: { 200: { description: 'JavaScript module', contentType: 'text/javascript' } },
      handler: async ({ query }, ctx) => {
        const runtime = await validators.runtime();
        cacheByHash(ctx, query.hash, runtime.hash, 'public');
        ctx.type = 'text/javascript; charset=utf-8';
        return runtime.code;
      },
    }),
    ...formPreviewRoutes(validators),
  ];
}
