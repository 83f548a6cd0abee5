import { z } from 'zod';
import type { Database } from '../database/Database.js';
import { defineRoute, type AnyRouteDefinition } from '../http/defineRoute.js';
import { HttpError } from '../http/HttpError.js';
import type { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { diffReleases } from '../specs/specDiff.js';
import type { SpecStore } from '../specs/SpecStore.js';
import { requestContext } from './submissionRoutes.js';
import {
  DocumentSignatureSchema,
  SIGNER_UNAVAILABLE,
  SignatureVerificationSchema,
} from './signatureSchemas.js';

const KEY = z.string().regex(/^[a-z][a-z0-9-]{1,63}$/);
const SEMVER = z.string().regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/);
const RELEASE_ID = z
  .string()
  .min(3)
  .max(200)
  .meta({ description: '`national-phs@3.0.0` or `national-phs@3.0.0+fujian@1.0.0`' });

const Signature = DocumentSignatureSchema.nullable().meta({
  description:
    'Signature of the manifest’s canonical JSON (RFC 8785) by the signing plugin; null when none is loaded',
});

export const FormProblem = z
  .object({
    form: z.string().meta({ description: 'Key of the form' }),
    path: z.string().meta({ description: 'JSON pointer into the (effective) spec content' }),
    formPath: z.string().meta({ description: 'JSON pointer inside the form definition' }),
    code: z.string().meta({
      description: 'e.g. remote-ref-forbidden, ref-cycle, pattern-unsupported, rule-invalid',
    }),
    message: z.object({ zh: z.string(), en: z.string() }),
  })
  .meta({ id: 'FormProblem', description: 'Why a form does not compile' });

export const ReleaseSummary = z
  .object({
    id: z.string(),
    jurisdiction: z.string(),
    base: z.object({ spec: z.string(), version: z.string() }),
    overlay: z.object({ key: z.string(), version: z.string() }).nullable(),
    status: z.enum(['published', 'deprecated']),
    current: z.boolean().meta({
      description:
        'New records of the jurisdiction are captured on it (a stored release whose forms do not compile is not, and the newest earlier one that compiles is)',
    }),
    problems: z.array(FormProblem).optional().meta({
      description:
        'Only on a release stored before releases were checked whose forms do not compile: why',
    }),
    manifestHash: z.string().meta({ description: 'SHA-256 of the manifest’s canonical JSON' }),
    signature: Signature,
    publishedBy: z.string().nullable(),
    publishedAt: z.string(),
  })
  .meta({ id: 'ReleaseSummary' });

const Release = ReleaseSummary.extend({
  manifest: z.object({}).passthrough().meta({
    description:
      'id, jurisdiction, base and overlay (versions and content hashes), and the version and hash of every form, code table, workflow and the parameters',
  }),
}).meta({ id: 'Release' });

/** Releases (list, read, publish) and the semantic diff between two releases. */
export function releaseRoutes(
  specs: SpecStore,
  database: Database,
  catalog: ReleaseCatalog,
): AnyRouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/releases',
      operationId: 'listReleases',
      summary: 'Every release, by jurisdiction, with which one is current',
      tags: ['releases'],
      access: { signedIn: true },
      responses: {
        200: { description: 'Releases', schema: z.object({ releases: z.array(ReleaseSummary) }) },
      },
      handler: async () => ({ releases: await specs.releases.listReleases() }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/releases/:id',
      operationId: 'getRelease',
      summary: 'One release with its manifest and signature',
      tags: ['releases'],
      access: { signedIn: true },
      request: { params: z.object({ id: RELEASE_ID }) },
      responses: { 200: { description: 'Release', schema: Release }, 404: { description: 'None' } },
      handler: ({ params }) => specs.releases.getRelease(params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/releases/:id/signature',
      operationId: 'getReleaseSignature',
      summary: 'Whether a release’s manifest signature verifies',
      description:
        'The stored manifest is checked against its manifest hash, then the signature over it by the signing plugin. `unsigned` when the release was published without a signing plugin.',
      tags: ['releases', 'signatures'],
      access: { signedIn: true },
      request: { params: z.object({ id: RELEASE_ID }) },
      responses: {
        200: { description: 'Verification', schema: SignatureVerificationSchema },
        404: { description: 'None' },
        503: { description: SIGNER_UNAVAILABLE },
      },
      handler: ({ params }) => specs.releases.verifyRelease(params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/releases',
      operationId: 'publishRelease',
      summary:
        'Publish a release: a published overlay version over its published base (or a base alone), compiled for the jurisdiction and made its current release',
      description:
        'Needs specs.publish over the jurisdiction. The manifest (content hashes of every form, code table, workflow and the parameters) is hashed and, when a signing plugin is loaded, signed. New records of the jurisdiction are captured on it from now on; earlier releases stay readable. Stacking a city or county overlay on a province overlay is not supported yet.',
      tags: ['releases'],
      access: { permission: 'specs.publish' },
      request: {
        body: z
          .object({
            overlay: z.object({ key: KEY, version: SEMVER }).optional(),
            base: z.object({ spec: KEY, version: SEMVER }).optional(),
          })
          .refine((b) => (b.overlay ? 1 : 0) + (b.base ? 1 : 0) === 1, {
            message: 'name either overlay or base',
          }),
      },
      responses: {
        201: { description: 'Published', schema: Release },
        404: { description: 'No such version in your jurisdiction' },
        409: { description: 'A version is not published, or the release exists' },
        422: {
          description:
            '`overlay_rejected`: the overlay does not apply to its base; `form_invalid`: a form of the release does not compile (`details.problems`: FormProblem[]); nothing is stored and the current release stays',
        },
      },
      handler: ({ body, caller, scope }, ctx) =>
        specs.releases.createRelease(body, caller!, scope!, requestContext(ctx)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/effective-specs/:id',
      operationId: 'getEffectiveSpec',
      summary:
        'The effective spec of a release, or of stored versions not released yet (drafts included) compiled on the fly: forms, code tables, parameters and workflow keys',
      description:
        'What a province’s overlay editor shows beside the national form: `spec@version+overlay@version` compiled exactly as a release would be (422 `overlay_rejected` when the overlay does not apply).',
      tags: ['releases'],
      access: { signedIn: true },
      request: { params: z.object({ id: RELEASE_ID }) },
      responses: {
        200: {
          description: 'Effective spec',
          schema: z
            .object({
              id: z.string(),
              jurisdiction: z.string(),
              forms: z.record(z.string(), z.object({}).passthrough()),
              codeTables: z.record(z.string(), z.object({}).passthrough()),
              parameters: z.object({}).passthrough(),
              workflows: z.array(z.string()),
            })
            .meta({ id: 'EffectiveSpec' }),
        },
        404: { description: 'No such release or versions' },
      },
      handler: async ({ params }) => {
        const release = catalog.get(params.id) ?? (await specs.releases.unreleased(params.id));
        if (!release)
          throw new HttpError(
            404,
            'not_found',
            `没有 ${params.id} 这一发布或版本 / no release or stored versions ${params.id}`,
          );
        const { forms, codeTables, parameters, workflows } = release.spec;
        return {
          id: params.id,
          jurisdiction: release.jurisdiction,
          forms,
          codeTables,
          parameters,
          workflows: Object.keys(workflows),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/diff',
      operationId: 'diffReleases',
      summary:
        'Semantic diff between two releases (or of one form): each change classified, with what uses the field and how many stored submissions it touches',
      description:
        'Either id may also name stored versions not released yet (`spec@version[+overlay@version]`, drafts included), compiled on the fly. Form changes carry `usages` (rules, schedules, indicators, workflows and triggers of the `from` release) and `submissions` (stored submissions pinned to `from` that the change touches); `forms.submissions` counts the stored submissions of each changed form on `from`.',
      tags: ['releases'],
      access: { signedIn: true },
      request: {
        query: z.object({
          from: RELEASE_ID,
          to: RELEASE_ID,
          form: KEY.optional(),
        }),
      },
      responses: {
        200: {
          description: 'Diff',
          schema: z.object({}).passthrough().meta({ id: 'ReleaseDiff' }),
        },
        404: { description: 'No such release or form' },
      },
      handler: ({ query }) =>
        diffReleases(database, catalog, query.from, query.to, query.form, (id) =>
          specs.releases.unreleased(id),
        ),
    }),
  ];
}
