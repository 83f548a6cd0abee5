/**
 * @formwork/runtime/renderer: renders a compiled form of `definitions` with @rjsf/core inside one
 * Vue component. No app state, no API calls (STYLE #12, #15, #16): the host fetches the form and
 * imports its validator module, compiles it (compileServedForm), makes the validator
 * (createFormworkValidator) and renders `CompiledForm.render(locale)` with <FormRenderer>.
 */
export { default as FormRenderer } from './FormRenderer.vue';
export { preloadFormRenderer } from './preloadFormRenderer.js';
export {
  createFormworkValidator,
  toValidationData,
  type FormworkValidator,
  type FormworkValidatorOptions,
} from './validator/formworkValidator.js';
export { FormSession, type FormTrigger, type SessionSnapshot } from './model/FormSession.js';
export { sectionsOf, type Section } from './model/sections.js';
export { compileServedForm, type ServedForm, type ValidatorModule } from './servedForm.js';
export type { DeviceReader, DeviceReading } from './react/FormworkContext.js';
