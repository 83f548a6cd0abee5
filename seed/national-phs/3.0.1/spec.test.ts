/**
 * The national base 3.0.1 (the printed spec, served by default) passes the same gates as 3.0.0
 * (meta-schemas, forms compile with the code tables, BPMN lint, rules pass checkRule), keeps
 * every 3.0.0 code as it was, and differs from 3.0.0 exactly as CHANGES.md lists: one check per
 * form, code table, schedule, indicator and workflow, and one for the parameters.
 *
 * Adding a correction: append its row to CHANGES.md and its differences to the entry of the
 * definition it changes below (FORMS, CODE_TABLES, PARAMETERS, SCHEDULES, INDICATORS,
 * WORKFLOWS); a definition without an entry must equal 3.0.0 but for the version. Tests of
 * what the correction does for a user go in their own describe at the end.
 */
import { describe, expect, it } from 'vitest';
import {
  computeDueItems,
  evaluateIndicator,
  evaluateRule,
  isFactIndicator,
  isScheduleV2,
  parameterValues,
  type FilterIndicator,
  type Indicator,
  type Schedule,
  type ScheduleV1,
} from '@formwork/definitions';
import { readBaseSpec, readJsonFolder } from '../../lib/readSpec.js';
import {
  jsonDifferences,
  lineDifferences,
  type JsonDifference,
} from '../../lib/specDifferences.js';
import { specGates } from '../../lib/specGates.js';
import { PRINTED_CODE_TABLES, PRINTED_FORMS } from './printedForms.js';

const SPEC = 'national-phs';
const VERSION = '3.0.1';
const PREVIOUS = '3.0.0';
const base = readBaseSpec(SPEC, VERSION);
const previous = readBaseSpec(SPEC, PREVIOUS);
const schedules = readJsonFolder<Schedule>(SPEC, VERSION, 'schedules');
const previousSchedules = readJsonFolder<Schedule>(SPEC, PREVIOUS, 'schedules');
const indicators = readJsonFolder<Indicator>(SPEC, VERSION, 'indicators');
const previousIndicators = readJsonFolder<Indicator>(SPEC, PREVIOUS, 'indicators');
const NAMESPACE = `targetNamespace="https://formwork.example/bpmn/${SPEC}/`;

/** The corrections of CHANGES.md to each form, as leaf differences from 3.0.0 (row number in the comment). */
const FORMS: Record<string, JsonDifference[]> = {
  // 18–29: the forms as printed (printedForms.ts)
  ...PRINTED_FORMS,
  // 13: the programme of the referral on the slip (after the urgency on screen; required)
  'referral-out': [
    // 33: signed by whoever stores it
    { path: '/schema/x-signable', after: true },
    { path: '/schema/required/10', after: 'program' },
    {
      path: '/schema/properties/program',
      after: {
        type: 'string',
        title: '转诊所属服务项目',
        'x-title-en': 'Programme of the referral',
        'x-code-table': 'referral-program',
        description: '决定乡镇卫生院两周内用哪张随访表随访：1 高血压、2 2型糖尿病、3 孕期、4 产后',
      },
    },
    { path: '/uiSchema/ui:order/12', before: 'initialImpression', after: 'program' },
    { path: '/uiSchema/ui:order/13', before: 'historyAndReason', after: 'initialImpression' },
    { path: '/uiSchema/ui:order/14', before: 'pastHistory', after: 'historyAndReason' },
    { path: '/uiSchema/ui:order/15', before: 'treatmentSoFar', after: 'pastHistory' },
    { path: '/uiSchema/ui:order/16', before: 'referringDoctor', after: 'treatmentSoFar' },
    { path: '/uiSchema/ui:order/17', before: 'referringDoctorPhone', after: 'referringDoctor' },
    { path: '/uiSchema/ui:order/18', before: '*', after: 'referringDoctorPhone' },
    { path: '/uiSchema/ui:order/19', after: '*' },
  ],
  // 33: the consultation request is signed by whoever stores it (the report by the workflow)
  'consult-request': [{ path: '/schema/x-signable', after: true }],
  // 13: the return (downward) slip names the programme too
  'referral-return': [
    // 33: signed by whoever stores it
    { path: '/schema/x-signable', after: true },
    { path: '/schema/required/11', after: 'program' },
    {
      path: '/schema/properties/program',
      after: {
        type: 'string',
        title: '转诊所属服务项目',
        'x-title-en': 'Programme of the referral',
        'x-code-table': 'referral-program',
        description:
          '下转后乡镇卫生院两周内用哪张随访表随访：1 高血压、2 2型糖尿病、3 孕期、4 产后',
      },
    },
    { path: '/uiSchema/ui:order/7', before: 'diagnosis', after: 'program' },
    { path: '/uiSchema/ui:order/8', before: 'mainResults', after: 'diagnosis' },
    { path: '/uiSchema/ui:order/9', before: 'treatment', after: 'mainResults' },
    { path: '/uiSchema/ui:order/10', before: 'followUpPlan', after: 'treatment' },
    { path: '/uiSchema/ui:order/11', before: 'dischargeDocuments', after: 'followUpPlan' },
    { path: '/uiSchema/ui:order/12', before: 'returningDoctor', after: 'dischargeDocuments' },
    { path: '/uiSchema/ui:order/13', before: 'returningDoctorPhone', after: 'returningDoctor' },
    { path: '/uiSchema/ui:order/14', before: '*', after: 'returningDoctorPhone' },
    { path: '/uiSchema/ui:order/15', after: '*' },
  ],
  'postpartum-visit': [
    ...PRINTED_FORMS['postpartum-visit']!,
    // 11: the live births of the delivery, the maternal indicators' denominator
    {
      path: '/schema/properties/liveBirths',
      after: {
        type: 'integer',
        minimum: 0,
        maximum: 9,
        default: 1,
        title: '本次分娩活产数',
        'x-title-en': 'Live births of this delivery',
        'x-locked': true,
      },
    },
  ],
};

/** The corrections to each code table. */
const CODE_TABLES: Record<string, JsonDifference[]> = {
  // 18–27: the tables of the forms as printed (printedForms.ts)
  ...PRINTED_CODE_TABLES,
  // 12: referral urgency runs the way consult-urgency does, least urgent first (1 and 3 swap)
  'referral-urgency': [
    { path: '/codes/0/label/zh', before: '急诊', after: '普通' },
    { path: '/codes/0/label/en', before: 'Emergency', after: 'Routine' },
    { path: '/codes/2/label/zh', before: '普通', after: '急诊' },
    { path: '/codes/2/label/en', before: 'Routine', after: 'Emergency' },
  ],
  // 13: new, the programme of a referral (3.0.0 has no such table)
  'referral-program': [
    {
      path: '',
      after: {
        id: 'referral-program',
        version: PREVIOUS,
        title: { zh: '转诊所属服务项目', en: 'Programme of the referral' },
        source:
          '国家基本公共卫生服务规范（第三版）：高血压、2型糖尿病患者健康管理与孕产妇健康管理的转诊及两周内随访',
        codes: [
          { code: '1', label: { zh: '高血压患者健康管理', en: 'Hypertension management' } },
          { code: '2', label: { zh: '2型糖尿病患者健康管理', en: 'Type 2 diabetes management' } },
          { code: '3', label: { zh: '孕产妇健康管理（孕期）', en: 'Maternal care: pregnancy' } },
          {
            code: '4',
            label: { zh: '孕产妇健康管理（产后）', en: 'Maternal care: after delivery' },
          },
        ],
      },
    },
  ],
};

/** The corrections to the parameters, by parameter key (`/<key>/<property>`). */
const PARAMETERS: JsonDifference[] = [
  // 1: the 65+ systolic target is national
  { path: '/bpTargetSystolicElderly/value', before: 140, after: 150 },
  { path: '/bpTargetSystolicElderly/maximum', before: 160, after: 150 },
  // 2: a province may only tighten the national targets
  { path: '/bpTargetSystolic/maximum', before: 160, after: 140 },
  { path: '/bpTargetDiastolic/maximum', before: 100, after: 90 },
  { path: '/elderlyAgeYears/minimum', before: 60, after: 65 },
  // 3: the postpartum visit rate counts visits within 28 days of discharge, nationally
  {
    path: '/postpartumVisitWindowDays/title/zh',
    before: '产后访视率：出院后访视时限',
    after: '产后访视率：出院后计入指标的天数（访视本身按随访计划在出院后7天内进行）',
  },
  {
    path: '/postpartumVisitWindowDays/title/en',
    before: 'Postpartum visit rate: days after discharge',
    after:
      'Postpartum visit rate: days after discharge within which a visit counts (the visit itself is due within 7 days, see the schedule)',
  },
  { path: '/postpartumVisitWindowDays/value', before: 7, after: 28 },
  { path: '/postpartumVisitWindowDays/minimum', before: 1, after: 28 },
  { path: '/postpartumVisitWindowDays/overridable', before: true, after: false },
  // 10: the prenatal checks of the maternal systematic management rate, fixed nationally
  {
    path: '/systematicManagementMinPrenatalChecks',
    after: {
      key: 'systematicManagementMinPrenatalChecks',
      title: {
        zh: '孕产妇系统管理率：孕期产前检查最少次数',
        en: 'Maternal systematic management rate: minimum prenatal checks in pregnancy',
      },
      type: 'integer',
      value: 5,
      unit: 'checks',
      minimum: 5,
      maximum: 5,
      overridable: false,
    },
  },
  // 15: how long the county waits for an accepted patient (不到位), a province may set it
  {
    path: '/referralArrivalTimeoutDays',
    after: {
      key: 'referralArrivalTimeoutDays',
      title: {
        zh: '上转患者未到位（不到位）判定：县医院接收后天数',
        en: 'Referred patient not arrived (不到位): days after the county accepts',
      },
      type: 'integer',
      value: 7,
      unit: 'days',
      minimum: 1,
      maximum: 30,
      overridable: true,
    },
  },
  // 30: whether the suggested referral starts by itself, and when the yearly requirements are due soon
  {
    path: '/referralAutoStartAfterTwoUncontrolled',
    after: {
      key: 'referralAutoStartAfterTwoUncontrolled',
      title: {
        zh: '连续两次控制不满意时自动发起双向转诊流程（否：仅提示转诊建议）',
        en: 'Start the two-way referral automatically after two consecutive uncontrolled visits (no: suggest it only)',
      },
      type: 'boolean',
      value: false,
      overridable: true,
    },
  },
  {
    path: '/chronicYearlyDueSoonDays',
    after: {
      key: 'chronicYearlyDueSoonDays',
      title: {
        zh: '年度要求（每年至少4次面对面随访、年度健康体检）即将到期提醒：年末前天数',
        en: 'Yearly requirements (4 face-to-face visits, the health check): due soon this many days before the year ends',
      },
      type: 'integer',
      value: 91,
      unit: 'days',
      minimum: 0,
      maximum: 365,
      overridable: true,
    },
  },
  // 32: the national holiday table a schedule may keep its due dates off
  {
    path: '/holidayCalendar',
    after: {
      key: 'holidayCalendar',
      title: {
        zh: '法定节假日与调休上班日（按国务院办公厅每年公布的放假安排；随访计划可令到期日避开节假日和周末）',
        en: 'Public holidays and the weekend days worked in their place (as the State Council publishes them each year; a schedule may keep its due dates off holidays and weekends)',
      },
      type: 'string',
      value:
        'holidays: 2026-01-01..2026-01-03, 2026-02-15..2026-02-23, 2026-04-04..2026-04-06, 2026-05-01..2026-05-05, 2026-06-19..2026-06-21, 2026-09-25..2026-09-27, 2026-10-01..2026-10-07; workdays: 2026-01-04, 2026-02-14, 2026-02-28, 2026-05-09, 2026-09-20, 2026-10-10',
      overridable: true,
    },
  },
];

/** The corrections to each schedule. */
const SCHEDULES: Record<string, JsonDifference[]> = {};

/**
 * 30, 31: every schedule rewritten whole in the schedule model 2 (record sets, anchors, windows, what
 * satisfies an occurrence, ends, suggestions): a leaf-by-leaf difference from 3.0.0's first model
 * says nothing, so each is checked for its model, for keeping 3.0.0's occurrence ids, and for
 * what it does below and in definitions/src/schedules/nationalSchedules.test.ts.
 */
const REWRITTEN_SCHEDULES: Record<string, { added: string[] }> = {
  'hypertension-followup': { added: ['yearly-face-to-face', 'annual-health-check'] },
  'diabetes-followup': { added: ['yearly-face-to-face', 'annual-health-check'] },
  'prenatal-first': { added: [] },
  'prenatal-followup': { added: ['referral-outcome-check'] },
  'postpartum-visit': { added: [] },
  'postpartum-42day': { added: [] },
};

/** The corrections to each indicator. */
const INDICATORS: Record<string, JsonDifference[]> = {};

/**
 * 5–9: the indicators rewritten as FactIndicators (population, facts, numerator condition).
 * Only these parts of the model differ from 3.0.0: id, title, period, unit and groupBy do not.
 */
const REWRITTEN_INDICATORS = [
  'diabetes-control-rate',
  'diabetes-standard-management-rate',
  'early-pregnancy-registration-rate',
  'hypertension-control-rate',
  'hypertension-standard-management-rate',
  'postpartum-visit-rate',
];
const REWRITTEN_PARTS = [
  '/description',
  '/denominator',
  '/facts',
  '/numerator',
  '/dataElements',
  '/parameters',
];

/** 10: indicators 3.0.1 adds. */
const ADDED_INDICATORS = ['maternal-systematic-management-rate'];

/** The corrections to each workflow: lines (trimmed) removed and added, the namespace aside. */
const WORKFLOWS: Record<string, { removed: string[]; added: string[] }> = {
  // 4: the urgent branch compares urgency with the consult-urgency code the request form stores
  'remote-consultation': {
    removed: [
      '<bpmn:documentation>含病历摘要、邀请专家或专科、会诊目的、附件与知情同意；urgency = routine | urgent。</bpmn:documentation>',
      '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="jsonlogic">{"==":[{"var":"urgency"},"urgent"]}</bpmn:conditionExpression>',
    ],
    added: [
      '<bpmn:documentation>含病历摘要、邀请专家或专科、会诊目的、附件与知情同意；urgency 取代码表 consult-urgency 的代码：1 普通，2 紧急（紧急走 12 小时分诊）。urgency holds a consult-urgency code: 1 normal, 2 urgent (urgent goes to the 12 h triage).</bpmn:documentation>',
      '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="jsonlogic">{"==":[{"var":"urgency"},"2"]}</bpmn:conditionExpression>',
    ],
  },
};

/**
 * 14, 16: the workflows 3.0.1 rewrites or adds, compared as outlines (workflowOutline: each
 * start, task, gateway, boundary and end event with what the engine reads of it, and each flow
 * with its condition; documentation and the diagram aside). Each programme's follow-up of a
 * referral is one branch (followUpBranch).
 */
const FACE_TO_FACE =
  ' completeWhen={"in":[{"var":"visitMode"},["1","2"]]} completeWhenPath=/visitMode completeWhenMessage=转诊后随访须面对面进行（随访方式 1 门诊或 2 家庭），电话随访（3）不能完成此任务 / The follow-up of a referral is face to face (visit mode 1 clinic or 2 home): a phone call (3) does not complete it';
/** The programmes of referral-program: the follow-up form and whether it must be face to face. */
const FOLLOW_UPS = [
  ['hypertension', '1', 'hypertension-followup', true],
  ['diabetes', '2', 'diabetes-followup', true],
  ['prenatal', '3', 'prenatal-followup', false],
  ['postpartum', '4', 'postpartum-visit', false],
] as const;
/** One programme's follow-up of a referral: due in 14 days, with its overdue notice. */
const followUpBranch = ([p, code, form, face]: (typeof FOLLOW_UPS)[number]) => [
  `UserTask_followup_${p}: ${form} by township-phc${face ? FACE_TO_FACE : ''}`,
  `EndEvent_followed_up_${p}: endEvent`,
  `ServiceTask_escalate_${p}: notify`,
  `EndEvent_escalated_${p}: endEvent`,
  `Boundary_followup_${p}_due: on UserTask_followup_${p} after P14D, non-interrupting`,
  `Gateway_program → UserTask_followup_${p} if {"==":[{"var":"program"},"${code}"]}`,
  `UserTask_followup_${p} → EndEvent_followed_up_${p}`,
  `Boundary_followup_${p}_due → ServiceTask_escalate_${p}`,
  `ServiceTask_escalate_${p} → EndEvent_escalated_${p}`,
];
const REWRITTEN_WORKFLOWS: Record<string, { removed: string[]; added: string[] }> = {
  // 14: follow-up from the referral in parallel with the county, by programme; arrival timeout
  'two-way-referral': {
    removed: [
      'Gateway_program: exclusiveGateway default Flow_program_hypertension',
      'UserTask_followup_hypertension: hypertension-followup by township-phc',
      'UserTask_followup_diabetes: diabetes-followup by township-phc',
      'EndEvent_done: endEvent',
      'SendTask_notify_county → UserTask_decide',
      'SendTask_notify_return → Gateway_program',
      'Gateway_program → UserTask_followup_hypertension',
      'Gateway_program → UserTask_followup_diabetes if {"==":[{"var":"program"},"diabetes"]}',
      'UserTask_followup_hypertension → EndEvent_done',
      'UserTask_followup_diabetes → EndEvent_done',
    ],
    added: [
      'Gateway_referred: parallelGateway',
      'SendTask_notify_county → Gateway_referred',
      'Gateway_referred → UserTask_decide',
      'Gateway_referred → Gateway_program',
      'Boundary_arrival_timeout: on ReceiveTask_arrival after P7D durationParameter=referralArrivalTimeoutDays',
      'SendTask_notify_not_arrived: notify template=referral-not-arrived',
      'EndEvent_not_arrived: endEvent',
      'Boundary_arrival_timeout → SendTask_notify_not_arrived',
      'SendTask_notify_not_arrived → EndEvent_not_arrived',
      'EndEvent_returned: endEvent',
      'SendTask_notify_return → EndEvent_returned',
      'Gateway_program: exclusiveGateway',
      ...FOLLOW_UPS.flatMap(followUpBranch).filter(
        // The diabetes and hypertension escalations are as 3.0.0 had them.
        (line) =>
          !/^(Boundary_followup|ServiceTask_escalate|EndEvent_escalated)_(hypertension|diabetes)/.test(
            line,
          ),
      ),
    ],
  },
  // 16: new, the county refers down a patient never referred up
  'downward-referral': {
    removed: [],
    added: [
      'StartEvent_downward: start',
      'UserTask_return: referral-return by county-clinician',
      'SendTask_notify_township: notify',
      'Gateway_program: exclusiveGateway',
      'StartEvent_downward → UserTask_return',
      'UserTask_return → SendTask_notify_township',
      'SendTask_notify_township → Gateway_program',
      ...FOLLOW_UPS.flatMap(followUpBranch),
    ],
  },
};

/** 17: the triggers 3.0.1 declares (3.0.0 has none: the engine started the urgent referral). */
const ADDED_TRIGGERS = ['diabetes-urgent-referral', 'hypertension-urgent-referral'];

/** Differences in path order, so the lists above can follow the rows of CHANGES.md. */
const inPathOrder = (list: JsonDifference[]) =>
  [...list].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
const atVersion = <T extends { version?: string }>(definition: T): T => ({
  ...definition,
  version: PREVIOUS,
});
const byKey = (spec: typeof base) =>
  Object.fromEntries(spec.parameters.parameters.map((p) => [p.key, p]));

describe('national-phs 3.0.1: every definition passes the gates', () => {
  specGates(SPEC, VERSION, PREVIOUS);

  it.each(Object.keys(base.workflows))('given workflow %s, then it names 3.0.1', (key) => {
    expect(base.workflows[key]).toContain(`${NAMESPACE}${VERSION}"`);
  });

  it('given the corrections listed, then each names a definition of the spec', () => {
    for (const key of Object.keys(FORMS)) expect(base.forms, key).toHaveProperty([key]);
    for (const id of Object.keys(CODE_TABLES)) expect(base.codeTables, id).toHaveProperty([id]);
    for (const id of Object.keys(SCHEDULES)) expect(schedules.has(id), id).toBe(true);
    for (const id of Object.keys(INDICATORS)) expect(indicators.has(id), id).toBe(true);
    for (const id of [...REWRITTEN_INDICATORS, ...ADDED_INDICATORS])
      expect(indicators.has(id), id).toBe(true);
    for (const key of Object.keys(WORKFLOWS)) expect(base.workflows, key).toHaveProperty([key]);
  });
});

describe('national-phs 3.0.1: the differences from 3.0.0 are the corrections of CHANGES.md', () => {
  it.each(Object.keys(base.forms))(
    'given form %s, when compared with 3.0.0, then only the listed corrections differ',
    (key) => {
      expect(
        inPathOrder(jsonDifferences(previous.forms[key], atVersion(base.forms[key]!))),
      ).toEqual(inPathOrder(FORMS[key] ?? []));
    },
  );

  it.each(Object.keys(base.codeTables))(
    'given code table %s, when compared with 3.0.0, then only the listed corrections differ',
    (id) => {
      expect(
        inPathOrder(jsonDifferences(previous.codeTables[id], atVersion(base.codeTables[id]!))),
      ).toEqual(inPathOrder(CODE_TABLES[id] ?? []));
    },
  );

  it('given the parameters, when compared with 3.0.0, then only the listed corrections differ', () => {
    expect(base.parameters.id).toBe(previous.parameters.id);
    // The 3.0.0 parameters keep their order; new ones follow, each listed in PARAMETERS.
    const previousKeys = Object.keys(byKey(previous));
    expect(Object.keys(byKey(base)).slice(0, previousKeys.length)).toEqual(previousKeys);
    expect(inPathOrder(jsonDifferences(byKey(previous), byKey(base)))).toEqual(
      inPathOrder(PARAMETERS),
    );
  });

  it.each([...schedules.keys()].filter((id) => !(id in REWRITTEN_SCHEDULES)))(
    'given schedule %s, when compared with 3.0.0, then only the listed corrections differ',
    (id) => {
      expect(inPathOrder(jsonDifferences(previousSchedules.get(id), schedules.get(id)))).toEqual(
        inPathOrder(SCHEDULES[id] ?? []),
      );
    },
  );

  it.each(Object.keys(REWRITTEN_SCHEDULES))(
    'given schedule %s, rewritten in the schedule model 2 (30, 31), then it keeps the programme, the form and every 3.0.0 occurrence id, adding only those listed',
    (id) => {
      const [before, after] = [previousSchedules.get(id)!, schedules.get(id)!];
      expect(isScheduleV2(before)).toBe(false);
      expect(isScheduleV2(after)).toBe(true);
      expect([after.program, after.form]).toEqual([before.program, before.form]);
      const ids = (s: Schedule) => s.occurrences.map((o) => o.id);
      expect(ids(after).filter((o) => !ids(before).includes(o))).toEqual(
        REWRITTEN_SCHEDULES[id]!.added,
      );
      expect(ids(before).filter((o) => !ids(after).includes(o))).toEqual([]);
    },
  );

  const listed = [...REWRITTEN_INDICATORS, ...ADDED_INDICATORS];
  it.each([...indicators.keys()].filter((id) => !listed.includes(id)))(
    'given indicator %s, when compared with 3.0.0, then only the listed corrections differ',
    (id) => {
      expect(inPathOrder(jsonDifferences(previousIndicators.get(id), indicators.get(id)))).toEqual(
        inPathOrder(INDICATORS[id] ?? []),
      );
    },
  );

  it.each(REWRITTEN_INDICATORS)(
    'given indicator %s, rewritten as a FactIndicator, when compared with 3.0.0, then only its model differs (5–9)',
    (id) => {
      const indicator = indicators.get(id)!;
      expect(isFactIndicator(indicator)).toBe(true);
      const outside = jsonDifferences(previousIndicators.get(id), indicator).filter(
        (d) => !REWRITTEN_PARTS.some((part) => d.path === part || d.path.startsWith(`${part}/`)),
      );
      expect(outside).toEqual([]);
    },
  );

  it('given the indicators 3.0.1 adds, then 3.0.0 has none of them and each is a FactIndicator (10)', () => {
    for (const id of ADDED_INDICATORS) {
      expect(previousIndicators.has(id), id).toBe(false);
      expect(isFactIndicator(indicators.get(id)!), id).toBe(true);
    }
    expect([...indicators.keys()].filter((id) => !previousIndicators.has(id))).toEqual(
      ADDED_INDICATORS,
    );
  });

  it.each(Object.keys(base.workflows).filter((key) => !Object.hasOwn(REWRITTEN_WORKFLOWS, key)))(
    'given workflow %s, when compared with 3.0.0, then only the listed lines changed',
    (key) => {
      const renamespaced = base.workflows[key]!.replace(
        `${NAMESPACE}${VERSION}"`,
        `${NAMESPACE}${PREVIOUS}"`,
      );
      expect(lineDifferences(previous.workflows[key]!, renamespaced)).toEqual(
        WORKFLOWS[key] ?? { removed: [], added: [] },
      );
    },
  );
});

describe('national-phs 3.0.1: the workflows and triggers 3.0.1 rewrites or adds (14, 16, 17)', () => {
  it.each(Object.keys(REWRITTEN_WORKFLOWS))(
    'given workflow %s, when its outline is compared with 3.0.0, then only the listed elements and flows changed',
    (key) => {
      const before = previous.workflows[key] ? workflowOutline(previous.workflows[key]) : [];
      const after = workflowOutline(base.workflows[key]!);
      const { removed, added } = lineDifferences(before.join('\n'), after.join('\n'));
      const expected = REWRITTEN_WORKFLOWS[key]!;
      expect({ removed: removed.filter(Boolean), added: [...added].sort() }).toEqual({
        removed: expected.removed,
        added: [...expected.added].sort(),
      });
    },
  );

  it('given the workflows, then 3.0.1 adds exactly the downward referral', () => {
    expect(Object.keys(base.workflows).filter((key) => !previous.workflows[key])).toEqual([
      'downward-referral',
    ]);
  });

  it('given the triggers, then 3.0.0 has none and 3.0.1 declares the hypertension and diabetes urgent referrals', () => {
    expect(previous.triggers).toBeUndefined();
    expect(Object.keys(base.triggers ?? {}).sort()).toEqual(ADDED_TRIGGERS);
    for (const [program, form] of [
      ['1', 'hypertension-followup'],
      ['2', 'diabetes-followup'],
    ] as const) {
      const trigger = Object.values(base.triggers!).find((t) => t.form === form)!;
      expect(trigger).toMatchObject({
        condition: { '==': [{ var: 'urgentReferral' }, true] },
        workflow: 'two-way-referral',
        message: 'urgentReferral',
        variables: { urgency: '2', program, sbp: { var: 'sbp' }, dbp: { var: 'dbp' } },
      });
    }
  });
});

/**
 * A workflow as the engine reads it, one line per element (start, task, gateway, boundary and end
 * event, with its form, role, topic, timer and camunda properties) and per flow (source → target,
 * with its condition), in document order: what a spec test compares without the diagram.
 */
function workflowOutline(xml: string): string[] {
  const process = xml.slice(xml.indexOf('<bpmn:process'), xml.indexOf('</bpmn:process>'));
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  const lines: string[] = [];
  for (const m of process.matchAll(/<bpmn:(\w+) id="[^"]*"[^>]*?\/?>/g)) {
    const [tag, type] = m as unknown as [string, string];
    const id = attr(tag, 'id')!;
    const rest = process.slice(m.index + tag.length);
    const body = tag.endsWith('/>') ? '' : rest.slice(0, rest.indexOf(`</bpmn:${type}>`));
    const props = [...body.matchAll(/<camunda:property name="([^"]*)" value="([^"]*)"/g)]
      .map(([, k, v]) => ` ${k}=${v!.replace(/&quot;/g, '"')}`)
      .join('');
    const on = (name: string) => (attr(tag, name) ? ` on ${attr(tag, name)}` : '');
    if (type === 'sequenceFlow') {
      const condition = /language="jsonlogic">([^<]*)</.exec(body)?.[1];
      lines.push(
        `${attr(tag, 'sourceRef')} → ${attr(tag, 'targetRef')}${condition ? ` if ${condition}` : ''}`,
      );
    } else if (type === 'userTask') {
      lines.push(
        `${id}: ${attr(tag, 'camunda:formKey')} by ${attr(tag, 'camunda:candidateGroups')}${props}`,
      );
    } else if (type === 'boundaryEvent') {
      const timer = /<bpmn:timeDuration[^>]*>([^<]*)</.exec(body)?.[1];
      const interrupting = attr(tag, 'cancelActivity') === 'false' ? ', non-interrupting' : '';
      lines.push(`${id}:${on('attachedToRef')} after ${timer}${interrupting}${props}`);
    } else if (type === 'serviceTask' || type === 'sendTask') {
      lines.push(`${id}: ${attr(tag, 'camunda:topic')}${props}`);
    } else if (type === 'startEvent') {
      const message = /messageRef="([^"]*)"/.exec(body)?.[1];
      lines.push(`${id}: start${message ? ` on ${message}` : ''}`);
    } else if (/^(endEvent|exclusiveGateway|parallelGateway|receiveTask)$/.test(type)) {
      const fallback = attr(tag, 'default') ? ` default ${attr(tag, 'default')}` : '';
      lines.push(`${id}: ${type}${fallback}${on('messageRef')}`);
    }
  }
  return lines;
}

/** The JsonLogic condition of a sequence flow of a BPMN document. */
function flowCondition(xml: string, flowId: string): unknown {
  const match = new RegExp(
    `<bpmn:sequenceFlow id="${flowId}"[^>]*>\\s*<bpmn:conditionExpression[^>]*language="jsonlogic">([^<]*)<`,
  ).exec(xml);
  if (!match) throw new Error(`no condition on ${flowId}`);
  return JSON.parse(match[1]!) as unknown;
}

describe('national-phs 3.0.1: what the corrections change for the people who use it', () => {
  const parametersOf = (spec: typeof base) =>
    Object.fromEntries(spec.parameters.parameters.map((p) => [p.key, p.value]));
  /** 3.0.0's filter over the aggregates its description named in prose. */
  const filtered = (indicator: Indicator, data: Record<string, unknown>) =>
    evaluateRule((indicator as FilterIndicator).numerator.filter, {
      ...data,
      parameters: parametersOf(previous),
    });
  /** 3.0.1's indicator over one resident: is she in the numerator? */
  const met = (id: string, subject: Parameters<typeof evaluateIndicator>[1]['subjects'][0]) =>
    evaluateIndicator(indicators.get(id)!, {
      period: { start: '2026-01-01', end: '2026-12-31' },
      parameters: parametersOf(base),
      subjects: [subject],
    }).members[0]?.met;

  it('given a 70-year-old whose latest visit reads 145/85, when the control rate counts, then 3.0.1 counts her controlled (3.0.0 did not) and a 60-year-old with 145/85 is not', () => {
    const patient = (birthDate: string, sbp: number) => ({
      id: 'p',
      birthDate,
      enrollments: [{ id: 'e', program: 'hypertension', enrolledOn: '2024-01-01' }],
      submissions: [
        {
          id: 's',
          formKey: 'hypertension-followup',
          data: { visitDate: '2026-10-01', visitMode: '1', sbp, dbp: 85 },
        },
      ],
    });
    expect(met('hypertension-control-rate', patient('1956-06-01', 145))).toBe(true);
    expect(
      filtered(previousIndicators.get('hypertension-control-rate')!, {
        age: 70,
        latest: { sbp: 145, dbp: 85 },
      }),
    ).toBe(false);
    expect(met('hypertension-control-rate', patient('1966-06-01', 145))).toBe(false);
    expect(met('hypertension-control-rate', patient('1956-06-01', 150))).toBe(false);
  });

  it('given a mother visited 20 days after discharge, when the postpartum visit rate counts, then 3.0.1 counts her (3.0.0 did not), while the visit itself stays due within 7 days', () => {
    const mother = (visitDate: string) => ({
      id: 'm',
      enrollments: [{ id: 'e', program: 'pregnancy', enrolledOn: '2026-03-01' }],
      submissions: [
        {
          id: 's',
          formKey: 'postpartum-visit',
          enrollmentId: 'e',
          data: {
            visitDate,
            deliveryDate: '2026-09-28',
            dischargeDate: '2026-10-01',
            liveBirths: 1,
          },
        },
      ],
    });
    expect(met('postpartum-visit-rate', mother('2026-10-21'))).toBe(true);
    expect(
      filtered(previousIndicators.get('postpartum-visit-rate')!, {
        liveBirths: 1,
        first: { dischargeDate: '2026-10-01', visitDate: '2026-10-21' },
      }),
    ).toBe(false);
    expect(met('postpartum-visit-rate', mother('2026-10-29'))).toBe(true);
    expect(met('postpartum-visit-rate', mother('2026-10-30'))).toBe(false);
    const visitDue = computeDueItems(schedules.get('postpartum-visit')!, {
      enrollment: { enrolledOn: '2026-03-01' },
      records: [],
      facts: {
        delivery: [{ id: 'd', data: { deliveryDate: '2026-09-28', dischargeDate: '2026-10-01' } }],
      },
      parameters: parameterValues(base.parameters),
      clock: { today: () => '2026-10-09' },
    }).items;
    expect(visitDue).toEqual([
      expect.objectContaining({
        occurrence: 'within-7-days',
        dueDate: '2026-10-08',
        status: 'overdue',
      }),
    ]);
  });

  it('given the national targets, when a province sets them, then it may tighten but never loosen them', () => {
    const p = byKey(base);
    expect(p.bpTargetSystolic).toMatchObject({ value: 140, maximum: 140, overridable: true });
    expect(p.bpTargetDiastolic).toMatchObject({ value: 90, maximum: 90, overridable: true });
    expect(p.bpTargetSystolicElderly).toMatchObject({ value: 150, maximum: 150 });
    expect(p.elderlyAgeYears).toMatchObject({ value: 65, minimum: 65 });
    expect(p.postpartumVisitWindowDays).toMatchObject({ value: 28, overridable: false });
  });

  it('given a consultation request filled through the form, when its urgency code is 2, then it takes the urgent branch (12 h triage) and code 1 the routine one', () => {
    const xml = base.workflows['remote-consultation']!;
    const urgent = (variables: Record<string, unknown>) =>
      evaluateRule(flowCondition(xml, 'Flow_urgent'), variables);
    const field = (
      base.forms['consult-request']!.schema.properties as Record<string, Record<string, unknown>>
    ).urgency!;
    expect(field['x-code-table']).toBe('consult-urgency');
    expect(base.codeTables['consult-urgency']!.codes.map((c) => c.code)).toEqual(['1', '2']);
    expect(urgent({ urgency: '2' })).toBe(true);
    expect(urgent({ urgency: '1' })).toBe(false);
    // 3.0.0 compared with a value the form never stores.
    expect(
      evaluateRule(flowCondition(previous.workflows['remote-consultation']!, 'Flow_urgent'), {
        urgency: '2',
      }),
    ).toBe(false);
  });
});

describe('national-phs 3.0.1: the schedules as practised (30, 31)', () => {
  const due = (id: string, today: string, records: { id: string; form: string; data: object }[]) =>
    computeDueItems(schedules.get(id)!, {
      enrollment: { enrolledOn: '2025-01-01' },
      records: records.map((r) => ({ ...r, data: r.data as Record<string, unknown> })),
      parameters: parameterValues(base.parameters),
      clock: { today: () => today },
    });

  it('given an uncontrolled visit on 1 March and a recheck on 10 March, then 3.0.1 counts the recheck done within 14 days, where 3.0.0 wanted it on day 14 exactly', () => {
    const old = (previousSchedules.get('hypertension-followup') as ScheduleV1).occurrences.find(
      (o) => o.id === 'two-week-recheck',
    )!;
    expect([old.offsetDays, old.windowBeforeDays, old.windowAfterDays]).toEqual([14, 0, 0]);
    const visit = (id: string, visitDate: string, classification: string) => ({
      id,
      form: 'hypertension-followup',
      data: { visitDate, visitMode: '1', classification },
    });
    const recheck = due('hypertension-followup', '2026-03-11', [
      visit('v1', '2026-03-01', '2'),
      visit('v2', '2026-03-10', '1'),
    ]).items.find((i) => i.occurrence === 'two-week-recheck');
    expect(recheck).toMatchObject({
      windowStart: '2026-03-01',
      windowEnd: '2026-03-15',
      status: 'done',
    });
  });

  it('given two consecutive uncontrolled visits, then the referral is suggested nationally and started automatically only where a province sets the parameter', () => {
    expect(byKey(base).referralAutoStartAfterTwoUncontrolled).toMatchObject({
      type: 'boolean',
      value: false,
      overridable: true,
    });
    const visit = (id: string, visitDate: string) => ({
      id,
      form: 'diabetes-followup',
      data: { visitDate, visitMode: '1', classification: '2' },
    });
    const [suggestion] = due('diabetes-followup', '2026-03-15', [
      visit('v1', '2026-03-01'),
      visit('v2', '2026-03-14'),
    ]).suggestions;
    expect(suggestion).toMatchObject({ workflow: 'two-way-referral', startsAutomatically: false });
  });
});
