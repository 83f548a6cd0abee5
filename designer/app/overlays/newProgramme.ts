import type { OverlayOperation } from './overlayOperations.js';

/**
 * A whole new programme of a province, by configuration only: from what the configurator says
 * in the 新建服务项目 dialog — the programme, one code table, the visit form's coded item, the
 * visit schedule, who reviews a flagged visit — the overlay operations of `definitions` that make
 * it: add-code-table, add-form, add-program, add-schedule, add-workflow, add-trigger and
 * add-indicator. Nothing here runs: the engine checks each operation as it checks the base's own
 * metadata when the draft is saved. The form can then be refined in the form designer and the
 * workflow in the modeler.
 */

export interface NewProgramme {
  /** The programme's id, e.g. `fj-elderly-care`; the form, table, schedule, workflow take it. */
  id: string;
  title: { zh: string; en: string };
  /** The coded item every visit records (e.g. 生活自理能力) and its code table. */
  item: {
    label: { zh: string; en: string };
    codes: { code: string; label: { zh: string; en: string }; review: boolean }[];
  };
  /** The first visit falls due within this many days of enrolment. */
  firstVisitDays: number;
  /** Then a visit every this many days (a window of a week either side). */
  intervalDays: number;
  /** The role that reviews a visit whose item is one of the codes marked `review`. */
  reviewRole: string;
}

/** A programme id the engine accepts (as schedules and enrollments name it). */
export const PROGRAMME_ID = /^[a-z][a-z0-9-]{1,40}$/;

/** The ids each part of the programme gets. */
export function programmeIds(id: string) {
  return {
    codeTable: `${id}-levels`,
    form: `${id}-visit`,
    schedule: id,
    workflow: `${id}-review`,
    trigger: `${id}-review`,
    indicator: `${id}-visit-rate`,
    message: 'visitFlagged',
  };
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/** The review workflow: a flagged visit starts it; the role reviews it in a user task. */
function reviewBpmn(p: NewProgramme): string {
  const ids = programmeIds(p.id);
  const name = escapeXml(`${p.title.zh}：复核`);
  const task = escapeXml(`复核${p.item.label.zh}`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_${ids.workflow}" targetNamespace="http://formwork.local/bpmn">
  <bpmn:message id="Message_flagged" name="${ids.message}" />
  <bpmn:process id="${ids.workflow}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="Start_flagged" name="随访需复核">
      <bpmn:messageEventDefinition messageRef="Message_flagged" />
    </bpmn:startEvent>
    <bpmn:sequenceFlow id="Flow_review" sourceRef="Start_flagged" targetRef="Task_review" />
    <bpmn:userTask id="Task_review" name="${task}" camunda:formKey="${ids.form}" camunda:candidateGroups="${escapeXml(p.reviewRole)}" />
    <bpmn:sequenceFlow id="Flow_done" sourceRef="Task_review" targetRef="End_reviewed" />
    <bpmn:endEvent id="End_reviewed" name="复核完成" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_${ids.workflow}">
    <bpmndi:BPMNPlane id="Plane_${ids.workflow}" bpmnElement="${ids.workflow}">
      <bpmndi:BPMNShape id="Start_flagged_di" bpmnElement="Start_flagged">
        <dc:Bounds x="152" y="102" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_review_di" bpmnElement="Task_review">
        <dc:Bounds x="240" y="80" width="100" height="80" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="End_reviewed_di" bpmnElement="End_reviewed">
        <dc:Bounds x="392" y="102" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_review_di" bpmnElement="Flow_review">
        <di:waypoint x="188" y="120" />
        <di:waypoint x="240" y="120" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_done_di" bpmnElement="Flow_done">
        <di:waypoint x="340" y="120" />
        <di:waypoint x="392" y="120" />
      </bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

/** The operations that add the programme, in the order the engine applies them. */
export function programmeOperations(p: NewProgramme): OverlayOperation[] {
  const ids = programmeIds(p.id);
  const visitTitle = {
    zh: `${p.title.zh}随访记录表`,
    en: `${p.title.en} visit`,
  };
  const flagged = p.item.codes.filter((c) => c.review).map((c) => c.code);
  const window = (day: number) => ({
    start: { days: Math.max(0, day - 7) },
    end: { days: day + 7 },
  });
  const operations: OverlayOperation[] = [
    {
      op: 'add-code-table',
      codeTable: {
        id: ids.codeTable,
        version: '1.0.0',
        title: p.item.label,
        codes: p.item.codes.map(({ code, label }) => ({ code, label })),
      },
    },
    {
      op: 'add-form',
      definition: {
        key: ids.form,
        version: '1.0.0',
        title: visitTitle,
        schema: {
          type: 'object',
          required: ['visitDate', 'item', 'doctorSignature'],
          properties: {
            visitDate: {
              type: 'string',
              format: 'date',
              title: '随访日期',
              'x-title-en': 'Visit date',
            },
            item: {
              type: 'string',
              title: p.item.label.zh,
              'x-title-en': p.item.label.en,
              'x-code-table': ids.codeTable,
            },
            note: { type: 'string', maxLength: 500, title: '备注', 'x-title-en': 'Note' },
            doctorSignature: {
              type: 'string',
              maxLength: 50,
              title: '随访医生签名',
              'x-title-en': 'Doctor’s signature',
            },
          },
        },
        uiSchema: {
          'ui:order': ['visitDate', 'item', 'note', 'doctorSignature', '*'],
          item: { 'ui:widget': 'radio' },
          note: { 'ui:widget': 'textarea' },
        },
      },
    },
    { op: 'add-program', program: { id: p.id, title: p.title, forms: [ids.form] } },
    {
      op: 'add-schedule',
      schedule: {
        model: 2,
        id: ids.schedule,
        title: { zh: `${p.title.zh}随访`, en: `${p.title.en} visits` },
        program: p.id,
        form: ids.form,
        records: {
          enrollment: [{ from: 'enrollment', date: { var: 'enrolledOn' } }],
          visit: [{ from: 'form', key: ids.form, date: { var: 'visitDate' } }],
        },
        anchors: {
          enrolled: { kind: 'record', records: 'enrollment' },
          lastVisit: { kind: 'record', records: 'visit' },
        },
        reminders: {
          dueSoonDays: { parameter: 'reminderDueSoonDays' },
          overdueDays: { parameter: 'reminderOverdueDays' },
        },
        occurrences: [
          {
            id: 'first-visit',
            title: { zh: '入组后首次随访', en: 'First visit after enrolment' },
            anchor: 'enrolled',
            window: { start: { days: 0 }, end: { days: p.firstVisitDays } },
            satisfiedBy: { records: 'visit' },
          },
          {
            id: 'routine-visit',
            title: { zh: '定期随访', en: 'Routine visit' },
            anchor: 'lastVisit',
            window: window(p.intervalDays),
            satisfiedBy: { records: 'visit' },
          },
        ],
      },
    },
  ];
  if (flagged.length) {
    operations.push(
      { op: 'add-workflow', workflow: ids.workflow, bpmn: reviewBpmn(p) },
      {
        op: 'add-trigger',
        trigger: {
          id: ids.trigger,
          title: {
            zh: `${p.item.label.zh}为 ${flagged.join('、')} 时由 ${p.reviewRole} 复核`,
            en: `A visit with ${p.item.label.en} ${flagged.join(', ')} is reviewed by ${p.reviewRole}`,
          },
          form: ids.form,
          condition: { in: [{ var: 'item' }, flagged] },
          workflow: ids.workflow,
          message: ids.message,
        },
      },
    );
  }
  operations.push({
    op: 'add-indicator',
    indicator: {
      id: ids.indicator,
      title: { zh: `${p.title.zh}随访率`, en: `${p.title.en} visit rate` },
      description: {
        zh: '年内至少随访 1 次的管理对象 / 年内在管的管理对象 × 100%',
        en: 'Residents visited at least once in the year / residents managed in the year × 100%',
      },
      period: 'year',
      unit: 'percent',
      denominator: {
        of: 'subjects',
        program: p.id,
        description: { zh: '年内在管的管理对象', en: 'Residents managed during the year' },
      },
      facts: {
        visits: {
          aggregate: 'count',
          forms: [ids.form],
          date: 'visitDate',
          inPeriod: true,
          description: { zh: '年内的随访次数', en: 'Visits in the year' },
        },
      },
      numerator: {
        where: { '>=': [{ var: 'facts.visits' }, 1] },
        description: { zh: '年内至少随访 1 次', en: 'At least one visit in the year' },
      },
    },
  });
  return operations;
}
