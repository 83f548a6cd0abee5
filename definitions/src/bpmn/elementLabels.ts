import type { LocalizedText } from './BpmnLintResult.js';
import { idOf, stringProperty, type ModdleElement } from './moddleElement.js';

/** How messages name element types, supported or not. */
const LABELS: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  'bpmn:Definitions': ['定义', 'definitions'],
  'bpmn:Process': ['流程', 'process'],
  'bpmn:Collaboration': ['协作', 'collaboration'],
  'bpmn:Participant': ['泳池', 'pool'],
  'bpmn:LaneSet': ['泳道集', 'lane set'],
  'bpmn:Lane': ['泳道', 'lane'],
  'bpmn:MessageFlow': ['消息流', 'message flow'],
  'bpmn:Message': ['消息', 'message'],
  'bpmn:Signal': ['信号', 'signal'],
  'bpmn:Error': ['错误', 'error'],
  'bpmn:Escalation': ['升级', 'escalation'],
  'bpmn:StartEvent': ['开始事件', 'start event'],
  'bpmn:EndEvent': ['结束事件', 'end event'],
  'bpmn:IntermediateCatchEvent': ['中间捕获事件', 'intermediate catch event'],
  'bpmn:IntermediateThrowEvent': ['中间抛出事件', 'intermediate throw event'],
  'bpmn:BoundaryEvent': ['边界事件', 'boundary event'],
  'bpmn:Task': ['任务', 'task'],
  'bpmn:UserTask': ['用户任务', 'user task'],
  'bpmn:ServiceTask': ['服务任务', 'service task'],
  'bpmn:SendTask': ['发送任务', 'send task'],
  'bpmn:ReceiveTask': ['接收任务', 'receive task'],
  'bpmn:ManualTask': ['手工任务', 'manual task'],
  'bpmn:ScriptTask': ['脚本任务', 'script task'],
  'bpmn:BusinessRuleTask': ['业务规则任务', 'business rule task'],
  'bpmn:CallActivity': ['调用活动', 'call activity'],
  'bpmn:SubProcess': ['子流程', 'sub-process'],
  'bpmn:AdHocSubProcess': ['自由子流程', 'ad-hoc sub-process'],
  'bpmn:Transaction': ['事务子流程', 'transaction'],
  'bpmn:ExclusiveGateway': ['排他网关', 'exclusive gateway'],
  'bpmn:ParallelGateway': ['并行网关', 'parallel gateway'],
  'bpmn:EventBasedGateway': ['事件网关', 'event-based gateway'],
  'bpmn:InclusiveGateway': ['包容网关', 'inclusive gateway'],
  'bpmn:ComplexGateway': ['复杂网关', 'complex gateway'],
  'bpmn:SequenceFlow': ['顺序流', 'sequence flow'],
  'bpmn:TextAnnotation': ['文本注释', 'text annotation'],
  'bpmn:Association': ['关联', 'association'],
  'bpmn:Group': ['组', 'group'],
  'bpmn:DataObject': ['数据对象', 'data object'],
  'bpmn:DataObjectReference': ['数据对象引用', 'data object reference'],
  'bpmn:DataStoreReference': ['数据存储引用', 'data store reference'],
  'bpmn:TimerEventDefinition': ['定时器定义', 'timer definition'],
  'bpmn:MessageEventDefinition': ['消息定义', 'message definition'],
  'bpmn:TerminateEventDefinition': ['终止定义', 'terminate definition'],
  'bpmn:SignalEventDefinition': ['信号定义', 'signal definition'],
  'bpmn:ErrorEventDefinition': ['错误定义', 'error definition'],
  'bpmn:EscalationEventDefinition': ['升级定义', 'escalation definition'],
  'bpmn:CompensateEventDefinition': ['补偿定义', 'compensation definition'],
  'bpmn:ConditionalEventDefinition': ['条件定义', 'conditional definition'],
  'bpmn:LinkEventDefinition': ['链接定义', 'link definition'],
  'bpmn:CancelEventDefinition': ['取消定义', 'cancel definition'],
  'bpmn:MultiInstanceLoopCharacteristics': ['多实例设置', 'multi-instance marker'],
  'bpmn:StandardLoopCharacteristics': ['循环设置', 'loop marker'],
  'bpmn:Import': ['外部导入', 'import'],
  'camunda:TaskListener': ['任务监听器', 'task listener'],
  'camunda:ExecutionListener': ['执行监听器', 'execution listener'],
  'camunda:Script': ['脚本', 'script'],
  'camunda:InputOutput': ['输入输出映射', 'input/output mapping'],
  'camunda:Connector': ['连接器', 'connector'],
  'camunda:FormData': ['Camunda 表单字段', 'Camunda form data'],
  'camunda:Properties': ['扩展属性', 'extension properties'],
  'camunda:Property': ['扩展属性项', 'extension property'],
};

export function typeLabel(type: string): LocalizedText {
  const label = LABELS[type];
  return label ? { zh: label[0], en: label[1] } : { zh: type, en: type };
}

/** 用户任务「填写转诊单」（Task_1） / user task "填写转诊单" (Task_1). */
export function describeElement(element: ModdleElement): LocalizedText {
  const label = typeLabel(element.$type);
  const id = idOf(element);
  const name = stringProperty(element, 'name')?.trim().slice(0, 80);
  return {
    zh: `${label.zh}${name ? `「${name}」` : ''}${id ? `（${id}）` : ''}`,
    en: `${label.en}${name ? ` "${name}"` : ''}${id ? ` (${id})` : ''}`,
  };
}
