/**
 * Content checks before a version is stored, submitted or published: a spec version's forms, code
 * tables and parameters against their meta-schemas, its forms through the form compiler and its
 * workflows through the BPMN lint, its triggers against the forms and workflows they name; an
 * overlay against its meta-schema and its base, and the forms and triggers of base + overlay.
 */
import {
  applyOverlay,
  checkIndicator,
  checkSchedule,
  checkTriggers,
  lintBpmn,
  validateMetadata,
  type BaseSpec,
  type Overlay,
} from '@formwork/definitions';
import { HttpError } from '../http/HttpError.js';
import { compileForms, describeProblems, formsInvalid } from './formChecks.js';
import { baseSpecOf, type SpecContent } from './specContent.js';
import { overlayRejected } from './specViews.js';
import { parse as parseWorkflow } from '../workflows/WorkflowDefinitions.js';
import type { VersionRows } from './VersionRows.js';

/**
 * An overlay against the meta-schema and its base version (which must exist, and be published when
 * asked): 422 with the problems applyOverlay finds; then every form of base + overlay compiled as
 * the release will compile it (with the resulting code tables): 422 `form_invalid` naming each
 * form, path and problem.
 */
export async function checkOverlay(
  rows: VersionRows,
  overlay: Overlay,
  mustBePublishedBase = false,
) {
  const invalid = validateMetadata('overlay', overlay);
  if (invalid.length) {
    throw overlayRejected(
      invalid.map((e) => ({ path: e.path, code: 'overlay-invalid', message: e.message })),
    );
  }
  const base = await rows.row('spec', overlay.base.spec, overlay.base.version);
  if (!base) {
    throw new HttpError(
      422,
      'base_unknown',
      `基础规范 ${overlay.base.spec}@${overlay.base.version} 不存在 / No base spec version ${overlay.base.spec}@${overlay.base.version}`,
    );
  }
  if (mustBePublishedBase && base.status !== 'published') {
    throw new HttpError(
      409,
      'base_not_published',
      `基础规范 ${base.key}@${base.version} 未发布 / The base ${base.key}@${base.version} is ${base.status}, not published`,
    );
  }
  const { spec, problems } = await applyOverlay(baseSpecOf(base.content as SpecContent), overlay);
  if (problems.length) throw overlayRejected(problems);
  const compiled = compileForms(spec);
  if (compiled.problems.length)
    throw formsInvalid(compiled.problems, `${overlay.key}@${overlay.version}`);
  // The base's triggers must still hold on what the overlay made of its forms and workflows (a
  // replaced workflow without the message start a trigger sends, a field a trigger reads hidden).
  const triggers = await checkTriggers(spec);
  if (triggers.length) throw triggersInvalid(triggers, `${overlay.key}@${overlay.version}`);
  // The base's schedules and indicators must still hold on the forms and parameters it made.
  const usages = usageProblems(base.content as SpecContent, spec);
  if (usages.length)
    throw new HttpError(
      422,
      'usages_invalid',
      `${overlay.key}@${overlay.version} 使基础规范的随访计划或指标无法执行 / ${overlay.key}@${overlay.version} breaks a schedule or an indicator of its base: ${usages
        .slice(0, 3)
        .map((p) => `${p.path} ${p.message.en}`)
        .join('; ')}`,
      { errors: usages.slice(0, 100) },
    );
  // A replaced workflow's timers, and the parameters they run for, after the overlay.
  const timers: object[] = [];
  for (const [key, xml] of Object.entries(spec.workflows))
    timers.push(...(await durationParameterProblems(key, xml, spec.parameters)));
  if (timers.length)
    throw new HttpError(
      422,
      'timers_invalid',
      `${overlay.key}@${overlay.version} 的流程定时器参数无效 / Timers of ${overlay.key}@${overlay.version} name no usable duration parameter`,
      { errors: timers.slice(0, 100) },
    );
}

/**
 * The errors of the content's schedules and indicators (checkSchedule, checkIndicator) against
 * `spec` (its forms, code tables, parameters and workflows): what a due list and a report would
 * run. Warnings (e.g. a schedule reading a field its form lacks) do not stop storing.
 */
function usageProblems(
  content: SpecContent,
  spec: BaseSpec,
): { path: string; code: string; message: { zh: string; en: string } }[] {
  const problems: { path: string; code: string; message: { zh: string; en: string } }[] = [];
  for (const [id, schedule] of Object.entries(content.schedules ?? {}))
    for (const p of checkSchedule(schedule, spec))
      if (p.severity === 'error')
        problems.push({ path: `/schedules/${id}${p.path}`, code: p.code, message: p.message });
  for (const [id, indicator] of Object.entries(content.indicators ?? {}))
    for (const p of checkIndicator(indicator, spec))
      problems.push({ path: `/indicators/${id}${p.path}`, code: p.code, message: p.message });
  return problems;
}

/** 422 `triggers_invalid`: each trigger problem with its path into the spec and its code. */
function triggersInvalid(
  problems: { path: string; code: string; message: { zh: string; en: string } }[],
  what: string,
): HttpError {
  return new HttpError(
    422,
    'triggers_invalid',
    `${what} 的触发规则无效：${problems.map((p) => `${p.path} ${p.message.zh}`).join('；')} / The triggers of ${what} do not hold: ${problems.map((p) => `${p.path} ${p.message.en}`).join('; ')}`,
    { errors: problems.slice(0, 100) },
  );
}

/**
 * Each form, code table and the parameter set of a spec version against its meta-schema, each
 * form that passes it through the form compiler (with the version's code tables, the limits the
 * runtime uses), and each workflow through the BPMN lint (the supported subset, JsonLogic
 * conditions only, no loop without a wait state), and its triggers (meta-schema, the form, workflow
 * and message start event they name, their rules): what is stored may later run. 422 `spec_invalid`
 * lists every problem; a form's carry `form`, `formPath` (inside the form) and `code`, a trigger's
 * `code`.
 */
export async function checkSpecContent(content: SpecContent) {
  const errors: object[] = [];
  const badForms = new Set<string>();
  for (const [key, form] of Object.entries(content.forms ?? {}))
    for (const e of validateMetadata('form-definition', form)) {
      badForms.add(key);
      errors.push({ path: `/forms/${key}${e.path}`, message: e.message });
    }
  let badTables = false;
  for (const [id, table] of Object.entries(content.codeTables ?? {}))
    for (const e of validateMetadata('code-table', table)) {
      badTables = true;
      errors.push({ path: `/codeTables/${id}${e.path}`, message: e.message });
    }
  for (const e of validateMetadata('parameter-set', content.parameters))
    errors.push({ path: `/parameters${e.path}`, message: e.message });
  // Code tables that fail their meta-schema would only make every form fail too: those first.
  const forms = badTables
    ? { problems: [] }
    : compileForms(content, { only: (key) => !badForms.has(key) });
  errors.push(...forms.problems);
  let badWorkflows = false;
  for (const [key, xml] of Object.entries(content.workflows ?? {})) {
    const lint = await lintBpmn(xml);
    for (const problem of lint.errors) {
      badWorkflows = true;
      errors.push({
        path: `/workflows/${key}${problem.elementId ? `#${problem.elementId}` : ''}`,
        message: problem.message,
      });
    }
  }
  if (!badWorkflows)
    for (const [key, xml] of Object.entries(content.workflows ?? {}))
      errors.push(...(await durationParameterProblems(key, xml, content.parameters)));
  // Triggers name forms and workflows: checked once those pass (else each would fail too).
  if (!badWorkflows && !forms.problems.length && !badForms.size) {
    for (const problem of await checkTriggers(baseSpecOf(content)))
      errors.push({ path: problem.path, code: problem.code, message: problem.message });
    // Schedules and indicators read the forms, code tables and parameters: checked against them.
    if (!badTables) errors.push(...usageProblems(content, baseSpecOf(content)));
  }
  if (errors.length) {
    const named = forms.problems.length ? describeProblems(forms.problems) : undefined;
    throw new HttpError(
      422,
      'spec_invalid',
      `规范内容未通过校验（元模式、表单编译、BPMN 检查、触发规则）${named ? `：${named.zh}` : ''} / The spec content does not pass its meta-schemas, the form compiler, the BPMN lint or the trigger checks${named ? `: ${named.en}` : ''}`,
      { errors: errors.slice(0, 100) },
    );
  }
}

/**
 * A timer whose `durationParameter` property names a parameter runs for that parameter's value
 * (StepWriter): the parameter must be a number of days or hours in the spec, else the timer could
 * not be scheduled when an instance reaches it. The workflow is read as the runtime reads it.
 */
async function durationParameterProblems(
  key: string,
  xml: string,
  parameters: SpecContent['parameters'] | undefined,
): Promise<object[]> {
  const { elements } = await parseWorkflow('check', key, xml);
  const problems: object[] = [];
  for (const element of elements.values()) {
    const parameter = element.properties.durationParameter;
    if (parameter === undefined) continue;
    const found = parameters?.parameters?.find((p) => p.key === parameter);
    const usable =
      found &&
      (found.type === 'integer' || found.type === 'number') &&
      (found.unit === 'days' || found.unit === 'hours');
    if (!element.timer || !usable)
      problems.push({
        path: `/workflows/${key}#${element.id}`,
        code: 'duration-parameter-invalid',
        message: {
          zh: `${element.name} 的时长参数 ${parameter} 须属于定时器，且为规范中以天（days）或小时（hours）为单位的数值参数`,
          en: `the duration parameter ${parameter} of ${element.name} must be on a timer and name a number of days or hours among the spec's parameters`,
        },
      });
  }
  return problems;
}
