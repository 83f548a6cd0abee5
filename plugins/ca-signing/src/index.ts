/**
 * CA digital signing (SM2/SM3, GM/T 0003): registers the engine's document signer (releases,
 * signable submissions, the audit trail's head), the workflow service `sign-report`, a status
 * route and the CLI commands `sign`, `verify` and `ca`. Keys through a provider (local key store
 * or a CA's signing server), certificates checked against the configured roots and CRLs.
 * Everything through the plugin API; see README.md.
 */
import { z } from 'zod';
import { definePlugin, defineRoute, PLUGIN_API_VERSION } from '@formwork/engine/plugin-api';
import { CaSigning } from './CaSigning.js';
import { caCommand, CA_USAGE } from './cli/caCommand.js';
import { processIo } from './cli/commandIo.js';
import { signCommand, SIGN_USAGE } from './cli/signCommand.js';
import { verifyCommand, VERIFY_USAGE } from './cli/verifyCommand.js';
import { signingConfig } from './signingConfig.js';
import { SigningInputError } from './SigningInputError.js';
import { signReportService } from './signReportService.js';

export const plugin = definePlugin({
  manifest: {
    name: '@formwork/plugin-ca-signing',
    slug: 'ca-signing',
    version: '0.2.0',
    title: { zh: 'CA 数字签名', en: 'CA digital signing' },
    description: {
      zh: 'SM2/SM3 数字签名，使报告具有法律效力',
      en: 'SM2/SM3 digital signatures that make reports legally valid',
    },
    apiVersion: PLUGIN_API_VERSION,
  },
  register(api) {
    const config = signingConfig(api.dataDir);
    const ca = new CaSigning(config);
    api.signer(ca.signer);
    api.workflowService('sign-report', signReportService(api.signatures));
    api.onStart(() => {
      if (ca.ensureDevelopmentCa())
        api.logger.warn(
          { keystore: config.keystoreDir },
          '已创建开发测试 CA，不得用于生产 / created a development CA: NOT FOR PRODUCTION (set CA_ROOTS and import real certificates)',
        );
    });
    api.route(
      defineRoute({
        method: 'get',
        path: '/status',
        operationId: 'status',
        summary: 'How signatures are made and checked: provider, roots, CRLs',
        tags: [],
        access: { permission: 'audit.read' },
        responses: {
          200: {
            description: 'the signing configuration in force',
            schema: z.object({
              provider: z.enum(['local', 'signing-server']),
              development: z.boolean(),
              distId: z.string(),
              roots: z.array(
                z.object({ subject: z.string(), serial: z.string(), notAfter: z.string() }),
              ),
            }),
          },
        },
        handler: () => ({
          provider: config.provider,
          development: config.provider === 'local' && ca.store.isDevelopment,
          distId: config.distId,
          roots: ca.trust().roots.map((root) => ({
            subject: root.subject,
            serial: root.serial,
            notAfter: root.notAfter.toISOString(),
          })),
        }),
      }),
    );
    const run =
      (command: (args: string[]) => Promise<number>) =>
      async (args: string[]): Promise<number> => {
        try {
          return await command(args);
        } catch (err) {
          if (
            err instanceof SigningInputError ||
            (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
          ) {
            processIo.err(`formwork: ${(err as Error).message}\n`);
            return 2;
          }
          throw err;
        }
      };
    api.command({
      name: 'sign',
      description:
        'sign a file with an SM2 key (SM3, distinguishing ID); writes a DER signature OpenSSL verifies',
      usage: SIGN_USAGE,
      run: run((args) => signCommand(args, processIo)),
    });
    api.command({
      name: 'verify',
      description: 'verify an SM2/SM3 signature and its certificate (chain, validity, CRL)',
      usage: VERIFY_USAGE,
      run: run((args) =>
        verifyCommand(args, processIo, {
          roots: () => ca.trust().roots,
          crls: () => ca.trust().crls,
        }),
      ),
    });
    api.command({
      name: 'ca',
      description: 'the development CA (ca init, NOT FOR PRODUCTION) and CRL import',
      usage: CA_USAGE,
      run: run((args) =>
        caCommand(args, processIo, { dir: config.keystoreDir, trust: () => ca.trust() }),
      ),
    });
  },
});
