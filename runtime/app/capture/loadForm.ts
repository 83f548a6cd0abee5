import type { CompiledForm } from '@formwork/definitions';
import {
  compileServedForm,
  preloadFormRenderer,
  type ServedForm,
  type ValidatorModule,
} from '../../renderer/index.js';
import { api, ApiError, ok } from '../api/index.js';

export interface LoadedForm {
  served: ServedForm;
  compiled: CompiledForm;
  title: { zh: string; en: string };
  version: string;
}

/**
 * A form as the engine serves it for this user (`release` names the release of a stored visit,
 * else the one serving the user's institution), compiled around its precompiled validator
 * module: the page runs under a CSP without unsafe-eval. The renderer's chunk loads meanwhile.
 */
export async function loadForm(formKey: string, release?: string): Promise<LoadedForm> {
  void preloadFormRenderer();
  const served = (await ok(
    api.GET('/api/forms/{key}', {
      params: { path: { key: formKey }, query: release ? { release } : {} },
    }),
  )) as unknown as ServedForm;
  let module: ValidatorModule;
  try {
    const { url, runtimeUrl } = served.validator;
    // Both at once: the validator's own import of the runtime then finds it loading already.
    const [loaded] = await Promise.all([
      import(/* @vite-ignore */ url) as Promise<ValidatorModule>,
      runtimeUrl ? import(/* @vite-ignore */ runtimeUrl) : undefined,
    ]);
    module = loaded;
  } catch (error) {
    throw ApiError.network(error);
  }
  const compiled = compileServedForm(served, module);
  const { title, version } = served.definition;
  return { served, compiled, title: { zh: title.zh, en: title.en }, version };
}
