import type { LocalizedText } from './BpmnLintResult.js';

/** Marks "an event with no event definition" in `eventDefinitions`. */
export const NONE_EVENT = 'none';

export interface SupportedBpmnElement {
  notes: LocalizedText;
  /** Events only: the definitions it may carry (at most one); `none` = a plain event. */
  eventDefinitions?: readonly string[];
  /** `camunda:` attributes it may carry besides IGNORED_CAMUNDA_ATTRIBUTES (local names). */
  camundaAttributes?: readonly string[];
  /** Accepted so diagrams from modelling tools load, but the engine does nothing with it. */
  ignored?: boolean;
}

const text = (zh: string, en: string): LocalizedText => ({ zh, en });

/**
 * The BPMN Formwork runs, element type → notes. Anything else is `unsupported-element`;
 * BPMNDI (diagram interchange: shapes, edges, labels) is not listed and never checked.
 */
export const SUPPORTED_BPMN_SUBSET: Readonly<Record<string, SupportedBpmnElement>> = {
  'bpmn:Definitions': { notes: text('文件根元素。', 'Document root.') },
  'bpmn:Process': {
    notes: text(
      '必须 isExecutable="true"，且至少有一个开始事件和一个结束事件。',
      'Must be isExecutable="true" with at least one start event and one end event.',
    ),
    camundaAttributes: [
      'historyTimeToLive',
      'versionTag',
      'isStartableInTasklist',
      'candidateStarterGroups',
      'candidateStarterUsers',
      'taskPriority',
    ],
  },
  'bpmn:Collaboration': { notes: text('泳池与消息流的容器。', 'Holds pools and message flows.') },
  'bpmn:Participant': { notes: text('泳池（机构）。', 'Pool (an institution).') },
  'bpmn:LaneSet': { notes: text('泳道容器。', 'Holds lanes.') },
  'bpmn:Lane': {
    notes: text('泳道（岗位或机构层级），仅用于展示。', 'Lane (role or level), for display.'),
  },
  'bpmn:MessageFlow': {
    notes: text('泳池之间的消息，仅用于展示。', 'Message between pools, for display.'),
  },
  'bpmn:Message': {
    notes: text(
      '接收任务、消息事件按 messageRef 关联消息。',
      'Receive tasks and message events name one through messageRef.',
    ),
  },
  'bpmn:StartEvent': {
    notes: text(
      '空、定时器或消息开始事件；可有 camunda:formKey（发起表单）。',
      'None, timer or message start; may carry camunda:formKey (start form).',
    ),
    eventDefinitions: [NONE_EVENT, 'bpmn:TimerEventDefinition', 'bpmn:MessageEventDefinition'],
    camundaAttributes: ['formKey', 'initiator'],
  },
  'bpmn:EndEvent': {
    notes: text('空、终止或消息结束事件。', 'None, terminate or message end.'),
    eventDefinitions: [NONE_EVENT, 'bpmn:TerminateEventDefinition', 'bpmn:MessageEventDefinition'],
  },
  'bpmn:IntermediateCatchEvent': {
    notes: text('定时器或消息中间捕获事件。', 'Timer or message catch.'),
    eventDefinitions: ['bpmn:TimerEventDefinition', 'bpmn:MessageEventDefinition'],
  },
  'bpmn:IntermediateThrowEvent': {
    notes: text('仅空中间事件（标记里程碑）。', 'None only (a milestone).'),
    eventDefinitions: [NONE_EVENT],
  },
  'bpmn:BoundaryEvent': {
    notes: text(
      '定时器或消息边界事件，附着在用户任务、服务任务或接收任务上；可中断或不中断。',
      'Timer or message, attached to a user, service or receive task; interrupting or not.',
    ),
    eventDefinitions: ['bpmn:TimerEventDefinition', 'bpmn:MessageEventDefinition'],
  },
  'bpmn:TimerEventDefinition': {
    notes: text(
      '恰好一个 timeDuration（P2D、PT48H）、timeDate（2026-01-01T08:00:00+08:00）或 timeCycle（R3/PT1H）；不允许表达式。',
      'Exactly one of timeDuration (P2D, PT48H), timeDate (2026-01-01T08:00:00+08:00) or timeCycle (R3/PT1H); no expressions.',
    ),
  },
  'bpmn:MessageEventDefinition': {
    notes: text('必须有 messageRef。', 'Must have a messageRef.'),
  },
  'bpmn:TerminateEventDefinition': {
    notes: text('仅用于结束事件。', 'End events only.'),
  },
  'bpmn:UserTask': {
    notes: text(
      '必须有 camunda:formKey（表单）；可有 assignee、candidateGroups 等分派属性。',
      'Must have camunda:formKey (the form); may carry assignee, candidateGroups and the like.',
    ),
    camundaAttributes: [
      'formKey',
      'assignee',
      'candidateUsers',
      'candidateGroups',
      'dueDate',
      'followUpDate',
      'priority',
    ],
  },
  'bpmn:ServiceTask': {
    notes: text(
      '用 camunda:topic 指定已注册服务（camunda:type 如写须为 external）；不允许 Java 类或表达式。',
      'Names a registered service with camunda:topic (camunda:type, if present, must be external); no Java class or expression.',
    ),
    camundaAttributes: ['topic', 'type', 'taskPriority'],
  },
  'bpmn:SendTask': {
    notes: text('同服务任务：camunda:topic。', 'Like a service task: camunda:topic.'),
    camundaAttributes: ['topic', 'type', 'taskPriority'],
  },
  'bpmn:ReceiveTask': {
    notes: text('必须有 messageRef。', 'Must have a messageRef.'),
  },
  'bpmn:ManualTask': {
    notes: text('线下完成的工作，引擎直接通过。', 'Work done offline; the engine passes through.'),
  },
  'bpmn:ExclusiveGateway': {
    notes: text(
      '出口顺序流用 JsonLogic 条件；可有一条无条件的默认流。',
      'Outgoing flows carry JsonLogic conditions; one default flow without a condition.',
    ),
  },
  'bpmn:ParallelGateway': { notes: text('并行分支与汇合。', 'Parallel split and join.') },
  'bpmn:EventBasedGateway': {
    notes: text(
      '出口通向定时器/消息捕获事件或接收任务。',
      'Leads to timer/message catch events or receive tasks.',
    ),
  },
  'bpmn:SequenceFlow': {
    notes: text(
      '条件仅写在排他网关的出口上：<conditionExpression xsi:type="bpmn:tFormalExpression" language="jsonlogic">{…}</conditionExpression>。',
      'Conditions only on flows leaving an exclusive gateway: <conditionExpression xsi:type="bpmn:tFormalExpression" language="jsonlogic">{…}</conditionExpression>.',
    ),
  },
  'bpmn:FormalExpression': {
    notes: text(
      '仅作 JsonLogic 条件或定时器取值。',
      'Only as a JsonLogic condition or a timer value.',
    ),
  },
  'bpmn:Expression': {
    notes: text('仅作定时器取值。', 'Only as a timer value.'),
  },
  'bpmn:Documentation': { notes: text('说明文字。', 'Documentation text.'), ignored: true },
  'bpmn:TextAnnotation': { notes: text('注释。', 'Annotation.'), ignored: true },
  'bpmn:Association': { notes: text('注释连线。', 'Annotation link.'), ignored: true },
  'bpmn:Group': { notes: text('分组框。', 'Group box.'), ignored: true },
  'bpmn:Category': { notes: text('分组的类别。', 'Category of a group.'), ignored: true },
  'bpmn:CategoryValue': { notes: text('分组的名称。', 'Name of a group.'), ignored: true },
  'bpmn:DataObject': { notes: text('数据对象，忽略。', 'Data object, ignored.'), ignored: true },
  'bpmn:DataObjectReference': {
    notes: text('数据对象引用，忽略。', 'Data object reference, ignored.'),
    ignored: true,
  },
  'bpmn:DataStoreReference': {
    notes: text('数据存储引用，忽略。', 'Data store reference, ignored.'),
    ignored: true,
  },
  'bpmn:DataStore': { notes: text('数据存储，忽略。', 'Data store, ignored.'), ignored: true },
  'bpmn:DataInputAssociation': {
    notes: text('数据连线，忽略。', 'Data association, ignored.'),
    ignored: true,
  },
  'bpmn:DataOutputAssociation': {
    notes: text('数据连线，忽略。', 'Data association, ignored.'),
    ignored: true,
  },
  'bpmn:Property': {
    notes: text('数据连线的占位属性，忽略。', 'Placeholder of a data association, ignored.'),
    ignored: true,
  },
  'bpmn:ItemDefinition': {
    notes: text('数据类型声明，忽略。', 'Item definition, ignored.'),
    ignored: true,
  },
  'bpmn:ExtensionElements': {
    notes: text('仅可包含 camunda:properties。', 'May hold camunda:properties only.'),
  },
  'camunda:Properties': {
    notes: text(
      '名/值扩展属性（例如表单版本、提醒设置），由引擎按名称读取。',
      'Name/value extension properties (form version, reminder settings), read by name.',
    ),
  },
  'camunda:Property': { notes: text('一个名/值对。', 'One name/value pair.') },
};

/**
 * `camunda:` attributes accepted anywhere the Camunda meta-model puts them; the engine ignores
 * them (bpmn-engine has no job executor to make asynchronous).
 */
export const IGNORED_CAMUNDA_ATTRIBUTES: readonly string[] = [
  'async',
  'asyncBefore',
  'asyncAfter',
  'exclusive',
  'jobPriority',
  'modelerTemplate',
  'modelerTemplateVersion',
  'diagramRelationId',
];

/** `camunda:` attributes that name Java classes or expressions to run: `service-task-code`. */
export const CODE_CAMUNDA_ATTRIBUTES: readonly string[] = [
  'class',
  'expression',
  'delegateExpression',
  'formHandlerClass',
  'variableMappingClass',
  'variableMappingDelegateExpression',
];

/** Why common elements outside the subset are left out; used in messages and the README. */
export const UNSUPPORTED_BPMN_REASONS: Readonly<Record<string, LocalizedText>> = {
  'bpmn:Task': text(
    '请选择用户、服务、发送、接收或手工任务',
    'choose a user, service, send, receive or manual task',
  ),
  'bpmn:ScriptTask': text('平台不执行任何脚本', 'the platform never runs scripts'),
  'bpmn:BusinessRuleTask': text(
    '不支持 DMN；请用排他网关加 JsonLogic 条件',
    'no DMN; use an exclusive gateway with JsonLogic conditions',
  ),
  'bpmn:InclusiveGateway': text(
    '汇合语义依赖上游令牌分析，各引擎实现不一；请用并行网关加排他网关',
    'its join depends on upstream token analysis and differs between engines; use parallel plus exclusive gateways',
  ),
  'bpmn:ComplexGateway': text('激活条件是任意表达式', 'its activation condition is an expression'),
  'bpmn:SubProcess': text(
    '子流程与事件子流程暂不支持，请展开到主流程',
    'sub-processes and event sub-processes are not supported; inline them',
  ),
  'bpmn:Transaction': text('不支持事务与补偿', 'no transactions or compensation'),
  'bpmn:AdHocSubProcess': text('不支持自由子流程', 'no ad-hoc sub-processes'),
  'bpmn:CallActivity': text(
    '不调用其他流程定义；请用消息在实例之间协作',
    'no calls into other definitions; instances cooperate through messages',
  ),
  'bpmn:Signal': text(
    '信号会广播给所有等待的实例，而引擎按实例持久化；请用消息点对点通知',
    'a signal broadcasts to every waiting instance, which the per-instance runner does not do; use a message',
  ),
  'bpmn:SignalEventDefinition': text('请用消息代替信号', 'use a message instead of a signal'),
  'bpmn:ConditionalEventDefinition': text(
    '条件事件需持续求值条件',
    'conditional events need conditions evaluated continuously',
  ),
  'bpmn:ErrorEventDefinition': text(
    '服务失败由引擎处理，不建模为错误事件',
    'service failures are handled by the engine, not modelled as error events',
  ),
  'bpmn:EscalationEventDefinition': text(
    '请用定时器边界事件升级',
    'escalate with a timer boundary event',
  ),
  'bpmn:CompensateEventDefinition': text('不支持补偿', 'no compensation'),
  'bpmn:LinkEventDefinition': text('请直接连线', 'connect the flow directly'),
  'bpmn:MultiInstanceLoopCharacteristics': text('不支持多实例', 'no multi-instance'),
  'bpmn:StandardLoopCharacteristics': text('不支持循环标记', 'no loop markers'),
  'bpmn:Import': text('不加载外部文件', 'no external files are loaded'),
  'camunda:InputOutput': text(
    '变量映射可含脚本与表达式；数据由表单与 JsonLogic 处理',
    'mappings can hold scripts and expressions; data is handled by forms and JsonLogic',
  ),
  'camunda:Connector': text('请用 camunda:topic 指定服务', 'name a service with camunda:topic'),
  'camunda:FormData': text(
    '表单由 Formwork 表单定义提供，请用 camunda:formKey',
    'forms come from Formwork form definitions; use camunda:formKey',
  ),
};
