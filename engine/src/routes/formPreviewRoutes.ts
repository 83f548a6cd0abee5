import { validateMetadata } from '@formwork/definitions';
import { z } from 'zod';
import { defineRoute } from '../http/defineRoute.js';
import { HttpError } from '../http/HttpError.js';
import { compileFormOf, formCompilerFor } from '../specs/formChecks.js';
import type { StandaloneValidators } from '../specs/StandaloneValidators.js';

/**
 * The form designer's preview (issue 17): a form the designer has not saved, compiled exactly as
 * a release compiles it (the same FormCompiler, limits and the code tables given), and its
 * validator as a standalone ES module — the designer's page forbids `new Function`, so it cannot
 * compile one itself, and the preview then validates with the very code the server runs.
 */
export function formPreviewRoutes(validators: StandaloneValidators) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/form-previews',
      operationId: 'createFormPreview',
      summary: "Compile a form definition for the designer's preview; its validator module URL",
      description:
        'Needs forms.design. Nothing is stored but the generated module (in memory, the last 50, by content hash). 422 `form_invalid`: `details.errors` lists each problem (`formPath` inside the form, `code`, `message: { zh, en }`).',
      tags: ['forms'],
      access: { permission: 'forms.design' },
      request: {
        body: z.object({
          definition: z.object({ key: z.string().min(1).max(100) }).passthrough(),
          codeTables: z.record(z.string(), z.unknown()).default({}),
        }),
      },
      responses: {
        200: {
          description: 'Compiled: where its validator module is',
          schema: z.object({
            validator: z.object({
              url: z.string(),
              runtimeUrl: z.string(),
              fingerprint: z.string(),
            }),
          }),
        },
        422: { description: '`form_invalid`: the form does not compile' },
      },
      handler: async ({ body }) => {
        const key = body.definition.key;
        const errors: object[] = [];
        for (const [id, table] of Object.entries(body.codeTables))
          for (const e of validateMetadata('code-table', table))
            errors.push({ formPath: '', path: `/codeTables/${id}${e.path}`, message: e.message });
        const result = errors.length
          ? undefined
          : compileFormOf(formCompilerFor(body.codeTables as never), key, body.definition);
        if (result?.problems) errors.push(...result.problems);
        if (!result?.compiled) {
          throw new HttpError(
            422,
            'form_invalid',
            `表单 ${key} 未通过编译 / The form ${key} does not compile`,
            { errors: errors.slice(0, 100) },
          );
        }
        const module = await validators.forPreview(result.compiled.schema, key);
        const runtime = await validators.runtime();
        return {
          validator: {
            url: `/api/form-previews/${module.hash}/validator.js`,
            runtimeUrl: `/api/form-validator-runtime.js?hash=${runtime.hash}`,
            fingerprint: module.fingerprint,
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/form-previews/:hash/validator.js',
      operationId: 'getFormPreviewValidator',
      summary: "A previewed form's validator as a standalone ES module (while kept)",
      tags: ['forms'],
      access: {
        public: true,
        reason:
          'Content-addressed: the URL (an 80-bit hash of the module) is known only from the POST that made it, which needs forms.design; it holds a form schema, no record.',
      },
      request: { params: z.object({ hash: z.string().regex(/^[0-9a-f]{20}$/) }) },
      responses: {
        200: { description: 'JavaScript module', contentType: 'text/javascript' },
        404: { description: 'Not (or no longer) kept: compile the preview again' },
      },
      handler: ({ params }, ctx) => {
        const module = validators.preview(params.hash);
        if (!module) {
          throw new HttpError(
            404,
            'not_found',
            '预览的校验模块已不在，请重新预览 / The preview’s validator is gone: preview again',
          );
        }
        ctx.set('Cache-Control', 'private, max-age=3600, immutable');
        ctx.type = 'text/javascript; charset=utf-8';
        return module.code;
      },
    }),
  ];
}
