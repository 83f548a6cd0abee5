import type { LocalizedText } from './BpmnLintResult.js';

export interface BpmnProblemCodeInfo {
  severity: 'error' | 'warning';
  /**
   * Whether the problem by itself makes the document unsupported (`supported: false`): it uses
   * something outside the subset rather than misusing something inside it.
   */
  unsupported: boolean;
  summary: LocalizedText;
}

/** Every code the BPMN lint reports. Codes are stable: designers and tests key on them. */
export const BPMN_PROBLEM_CODES = {
  'too-large': {
    severity: 'error',
    unsupported: true,
    summary: { zh: '文件超过大小上限，未解析', en: 'input over the size limit; not parsed' },
  },
  'doctype-forbidden': {
    severity: 'error',
    unsupported: true,
    summary: {
      zh: '含 DOCTYPE 或实体声明（XXE、实体膨胀），未解析',
      en: 'DOCTYPE or entity declaration (XXE, entity expansion); not parsed',
    },
  },
  'xml-invalid': {
    severity: 'error',
    unsupported: true,
    summary: { zh: '不是可读取的 BPMN 2.0 XML', en: 'not readable BPMN 2.0 XML' },
  },
  'parser-warning': {
    severity: 'error',
    unsupported: false,
    summary: {
      zh: 'BPMN 解析器警告（引用无法解析、未知元素或属性等）',
      en: 'BPMN parser warning (unresolved reference, unknown element or attribute, …)',
    },
  },
  'duplicate-id': {
    severity: 'error',
    unsupported: false,
    summary: { zh: '元素 id 重复', en: 'duplicate element id' },
  },
  'lint-failed': {
    severity: 'error',
    unsupported: true,
    summary: { zh: '检查过程意外失败', en: 'the lint failed unexpectedly' },
  },
  'no-process': {
    severity: 'error',
    unsupported: true,
    summary: { zh: '文件中没有流程', en: 'the document has no process' },
  },
  'not-executable': {
    severity: 'error',
    unsupported: true,
    summary: { zh: '流程未标记为可执行', en: 'process is not marked executable' },
  },
  'no-start-event': {
    severity: 'error',
    unsupported: false,
    summary: { zh: '流程没有开始事件', en: 'process has no start event' },
  },
  'no-end-event': {
    severity: 'error',
    unsupported: false,
    summary: { zh: '流程没有结束事件', en: 'process has no end event' },
  },
  'unsupported-element': {
    severity: 'error',
    unsupported: true,
    summary: { zh: '元素不在支持的子集内', en: 'element outside the supported subset' },
  },
  'unsupported-attribute': {
    severity: 'error',
    unsupported: true,
    summary: {
      zh: '扩展属性不在支持的子集内',
      en: 'extension attribute outside the supported subset',
    },
  },
  'script-task': {
    severity: 'error',
    unsupported: true,
    summary: { zh: '脚本任务（不执行任何脚本）', en: 'script task (no script is ever run)' },
  },
  'script-condition': {
    severity: 'error',
    unsupported: true,
    summary: {
      zh: '条件是脚本或表达式，或未写 language',
      en: 'condition is a script or expression, or has no language',
    },
  },
  'script-listener': {
    severity: 'error',
    unsupported: true,
    summary: {
      zh: '监听器或 camunda:script（会执行代码）',
      en: 'listener or camunda:script (would run code)',
    },
  },
  'service-task-code': {
    severity: 'error',
    unsupported: true,
    summary: {
      zh: '用 Java 类或表达式实现（不执行）',
      en: 'implemented by a Java class or an expression (never run)',
    },
  },
  'condition-not-jsonlogic': {
    severity: 'error',
    unsupported: false,
    summary: {
      zh: '条件不是允许的 JsonLogic',
      en: 'condition is not allowed JsonLogic',
    },
  },
  'condition-invalid-json': {
    severity: 'error',
    unsupported: false,
    summary: { zh: 'JsonLogic 条件不是合法 JSON', en: 'JsonLogic condition is not valid JSON' },
  },
  'condition-misplaced': {
    severity: 'error',
    unsupported: false,
    summary: {
      zh: '条件只能写在排他网关的出口顺序流上',
      en: 'conditions belong only on flows leaving an exclusive gateway',
    },
  },
  'user-task-without-form': {
    severity: 'error',
    unsupported: false,
    summary: { zh: '用户任务没有 camunda:formKey', en: 'user task without camunda:formKey' },
  },
  'service-task-without-service': {
    severity: 'error',
    unsupported: false,
    summary: {
      zh: '服务/发送任务没有用 camunda:topic 指定已注册服务',
      en: 'service/send task does not name a registered service with camunda:topic',
    },
  },
  'message-ref-missing': {
    severity: 'error',
    unsupported: false,
    summary: {
      zh: '接收任务或消息事件没有 messageRef',
      en: 'receive task or message event without messageRef',
    },
  },
  'expression-forbidden': {
    severity: 'error',
    unsupported: false,
    summary: {
      zh: '属性值含 ${…} / #{…} 表达式',
      en: 'attribute value contains a ${…} / #{…} expression',
    },
  },
  'timer-invalid': {
    severity: 'error',
    unsupported: false,
    summary: {
      zh: '定时器不是恰好一个 ISO 8601 时长、时刻或重复区间',
      en: 'timer is not exactly one ISO 8601 duration, date-time or repeating interval',
    },
  },
  'boundary-attachment-invalid': {
    severity: 'error',
    unsupported: true,
    summary: {
      zh: '边界事件只能附着在用户、服务或接收任务上',
      en: 'boundary events attach only to user, service or receive tasks',
    },
  },
  'sequence-flow-incomplete': {
    severity: 'error',
    unsupported: false,
    summary: { zh: '顺序流缺少起点或终点', en: 'sequence flow without source or target' },
  },
  'default-flow-with-condition': {
    severity: 'error',
    unsupported: false,
    summary: { zh: '默认顺序流带有条件', en: 'default flow carries a condition' },
  },
  'default-flow-invalid': {
    severity: 'error',
    unsupported: false,
    summary: {
      zh: '默认顺序流不是该网关的出口',
      en: 'default flow does not leave that gateway',
    },
  },
  'event-gateway-target-invalid': {
    severity: 'error',
    unsupported: false,
    summary: {
      zh: '事件网关的出口必须通向定时器/消息捕获事件或接收任务',
      en: 'an event-based gateway must lead to timer/message catch events or receive tasks',
    },
  },
  'gateway-condition-missing': {
    severity: 'warning',
    unsupported: false,
    summary: {
      zh: '排他网关的非默认出口没有条件',
      en: 'non-default flow out of an exclusive gateway has no condition',
    },
  },
  'loop-without-wait': {
    severity: 'error',
    unsupported: false,
    summary: {
      zh: '循环中没有等待点（用户任务、人工任务、接收任务或捕获事件），会无限运行',
      en: 'a loop with no wait state (user, manual or receive task, catch event) would run for ever',
    },
  },
  unreachable: {
    severity: 'warning',
    unsupported: false,
    summary: { zh: '从开始事件无法到达', en: 'not reachable from a start event' },
  },
} as const satisfies Record<string, BpmnProblemCodeInfo>;

export type BpmnProblemCode = keyof typeof BPMN_PROBLEM_CODES;
