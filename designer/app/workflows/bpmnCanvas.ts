import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import Modeler from 'bpmn-js/lib/Modeler';
import camundaSchema from 'camunda-bpmn-moddle/resources/camunda.json';

/**
 * The bpmn-js modeler behind the workflow screen, loaded only when that screen opens (a dynamic
 * import: the designer's first JavaScript does not carry bpmn-js). It shows and edits only what
 * the engine runs: the palette is an allow-list, the replace menu drops what the engine cannot
 * run (STYLE #18), and every edit goes through bpmn-js's modeling commands, so each is one undo
 * step. The screen reads the selected element as a plain `ElementView` and edits it through the
 * methods here; no Vue in this file.
 */

// Loosely typed moddle objects: bpmn-js's own typings leave business objects as `any`.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Bo = any;
type Shape = { id: string; type: string; businessObject: Bo };

export type TimerKind = 'timeDuration' | 'timeDate' | 'timeCycle';

export interface ElementView {
  id: string;
  type: string;
  name: string;
  /** User task: camunda:formKey. */
  formKey?: string;
  /** User task: camunda:candidateGroups (the engine takes the first role key). */
  candidateRole?: string;
  /** Service or send task: camunda:topic, the registered service. */
  topic?: string;
  /** An event with a timer definition. */
  timer?: {
    kind: TimerKind | null;
    value: string;
    /** Boundary events: whether the timer interrupts its task. */
    interrupting?: boolean;
    /** The camunda:property naming a spec parameter whose value the engine runs instead. */
    durationParameter?: string;
  };
  /** An event with a message definition, or a receive task: the message's name. */
  message?: { name: string };
  /** A sequence flow: its JsonLogic condition where one belongs. */
  condition?: {
    /** The flow leaves an exclusive gateway: the only place a condition belongs. */
    allowed: boolean;
    /** The flow is the gateway's default (no condition). */
    isDefault: boolean;
    body: string;
    language: string;
  };
}

const SUPPORTED_PALETTE = new Set([
  'hand-tool',
  'lasso-tool',
  'space-tool',
  'global-connect-tool',
  'tool-separator',
  'create.start-event',
  'create.intermediate-event',
  'create.end-event',
  'create.exclusive-gateway',
  'create.task',
  'create.participant-expanded',
  'create.group',
]);

/**
 * Replace-menu entries for what the engine cannot run (script tasks, sub-processes, …). bpmn-js
 * names the business-rule task's entry `replace-with-rule-task`.
 */
const UNSUPPORTED_REPLACE =
  /script|business-rule|rule-task|call-activity|subprocess|sub-process|transaction|inclusive|complex|signal|conditional|escalation|error|compensat|link|loop|multi-instance|sequential|parallel-mi|toggle-adhoc|ad-hoc|data-|^task$/;

/** The palette as an allow-list; its generic task creates a user task (the engine's kind). */
function paletteAllowList(this: any, palette: any, create: any, elementFactory: any) {
  palette.registerProvider(500, {
    getPaletteEntries: () => (entries: Record<string, any>) => {
      const kept: Record<string, any> = {};
      for (const [id, entry] of Object.entries(entries))
        if (SUPPORTED_PALETTE.has(id)) kept[id] = entry;
      if (kept['create.task']) {
        const start = (event: Event) =>
          create.start(event, elementFactory.createShape({ type: 'bpmn:UserTask' }));
        kept['create.task'] = {
          ...kept['create.task'],
          className: 'bpmn-icon-user-task',
          action: { dragstart: start, click: start },
        };
      }
      return kept;
    },
  });
}
paletteAllowList.$inject = ['palette', 'create', 'elementFactory'];

function replaceMenuAllowList(this: any, popupMenu: any) {
  popupMenu.registerProvider('bpmn-replace', 500, {
    getPopupMenuEntries: () => (entries: Record<string, unknown>) => {
      const kept: Record<string, unknown> = {};
      for (const [id, entry] of Object.entries(entries))
        if (!UNSUPPORTED_REPLACE.test(id.replace(/^replace-with-/, ''))) kept[id] = entry;
      return kept;
    },
    getPopupMenuHeaderEntries: () => (entries: Record<string, unknown>) => {
      const kept: Record<string, unknown> = {};
      for (const [id, entry] of Object.entries(entries))
        if (!UNSUPPORTED_REPLACE.test(id)) kept[id] = entry;
      return kept;
    },
  });
}
replaceMenuAllowList.$inject = ['popupMenu'];

const allowListModule = {
  __init__: ['fwPaletteAllowList', 'fwReplaceMenuAllowList'],
  fwPaletteAllowList: ['type', paletteAllowList],
  fwReplaceMenuAllowList: ['type', replaceMenuAllowList],
};

const MARKERS = ['fw-lint-error', 'fw-lint-warning'] as const;

/** Runs several modeling commands as one undo step (diagram-js nests them in preExecute). */
class BatchHandler {
  preExecute(context: { run: () => void }): void {
    context.run();
  }
  execute(): unknown[] {
    return [];
  }
  revert(): unknown[] {
    return [];
  }
}

function is(bo: Bo, type: string): boolean {
  return typeof bo?.$instanceOf === 'function' && bo.$instanceOf(type);
}

function timerDefinitionOf(bo: Bo): Bo | undefined {
  return (bo.eventDefinitions ?? []).find((d: Bo) => is(d, 'bpmn:TimerEventDefinition'));
}

function messageDefinitionOf(bo: Bo): Bo | undefined {
  return (bo.eventDefinitions ?? []).find((d: Bo) => is(d, 'bpmn:MessageEventDefinition'));
}

function camundaProperties(bo: Bo): Record<string, string> {
  const found: Record<string, string> = {};
  for (const ext of bo.extensionElements?.values ?? [])
    if (is(ext, 'camunda:Properties'))
      for (const p of ext.values ?? []) if (p.name) found[p.name] = String(p.value ?? '');
  return found;
}

export class BpmnCanvas {
  readonly #modeler: any;
  #markers = new Map<string, string>();
  #overlays: string[] = [];
  #countOverlays: string[] = [];

  constructor(container: HTMLElement) {
    this.#modeler = new Modeler({
      container,
      moddleExtensions: { camunda: camundaSchema },
      additionalModules: [allowListModule],
    });
    this.#get('commandStack').registerHandler('fw.batch', BatchHandler);
  }

  #get<T = any>(name: string): T {
    return this.#modeler.get(name) as T;
  }

  /** Opens a diagram; bpmn-js's import warnings (unknown elements and the like) are returned. */
  async open(xml: string): Promise<string[]> {
    this.#markers.clear();
    this.#overlays = [];
    this.#countOverlays = [];
    const { warnings } = await this.#modeler.importXML(xml);
    // The whole diagram, with room on the left for the palette and a margin all round.
    const canvas = this.#get('canvas');
    canvas.zoom('fit-viewport', 'auto');
    const box = canvas.viewbox();
    const scale = box.scale || 1;
    canvas.viewbox({
      x: box.x - 90 / scale,
      y: box.y - 20 / scale,
      width: box.width + 110 / scale,
      height: box.height + 40 / scale,
    });
    return (warnings as { message: string }[]).map((w) => w.message);
  }

  async xml(): Promise<string> {
    const { xml } = await this.#modeler.saveXML({ format: true });
    return xml as string;
  }

  /** Calls `listener` after every edit (and undo/redo). */
  onChanged(listener: () => void): void {
    this.#get('eventBus').on('commandStack.changed', listener);
  }

  /** Calls `listener` with the selected element's id (undefined: none or several). */
  onSelected(listener: (id: string | undefined) => void): void {
    this.#get('eventBus').on('selection.changed', (event: { newSelection: Shape[] }) => {
      listener(event.newSelection.length === 1 ? event.newSelection[0]!.id : undefined);
    });
  }

  select(id: string): void {
    const element = this.#get('elementRegistry').get(id);
    if (!element) return;
    this.#get('selection').select(element);
    this.#get('canvas').scrollToElement(element);
  }

  /** Marks elements with lint problems (red for errors, amber for warnings) with a count badge. */
  mark(byElement: ReadonlyMap<string, 'error' | 'warning'>, counts: ReadonlyMap<string, number>) {
    const canvas = this.#get('canvas');
    const registry = this.#get('elementRegistry');
    const overlays = this.#get('overlays');
    for (const [id, marker] of this.#markers) if (registry.get(id)) canvas.removeMarker(id, marker);
    this.#markers.clear();
    for (const overlay of this.#overlays) overlays.remove(overlay);
    this.#overlays = [];
    for (const [id, severity] of byElement) {
      const element = registry.get(id);
      if (!element) continue;
      const marker = severity === 'error' ? MARKERS[0] : MARKERS[1];
      canvas.addMarker(id, marker);
      this.#markers.set(id, marker);
      const badge = document.createElement('span');
      badge.className = `fw-lint-badge fw-lint-badge-${severity}`;
      badge.dataset.test = `lint-badge-${id}`;
      badge.textContent = String(counts.get(id) ?? 1);
      this.#overlays.push(
        overlays.add(id, 'fw-lint', { position: { top: -10, right: 10 }, html: badge }),
      );
    }
  }

  /**
   * Shows how many running instances wait at each element (a badge at the element's bottom
   * left); elements the diagram lacks are left out. An empty map removes the badges.
   */
  showCounts(counts: Readonly<Record<string, number>>, title: (count: number) => string): void {
    const registry = this.#get('elementRegistry');
    const overlays = this.#get('overlays');
    for (const overlay of this.#countOverlays) overlays.remove(overlay);
    this.#countOverlays = [];
    for (const [id, count] of Object.entries(counts)) {
      const element = registry.get(id);
      if (!element || !count || element.type === 'label') continue;
      const badge = document.createElement('span');
      badge.className = 'fw-count-badge';
      badge.dataset.test = `instance-count-${id}`;
      badge.textContent = String(count);
      badge.title = title(count);
      badge.setAttribute('aria-label', title(count));
      this.#countOverlays.push(
        overlays.add(id, 'fw-count', { position: { bottom: 10, left: -10 }, html: badge }),
      );
    }
  }

  /** The selected element as the properties panel shows it. */
  view(id: string): ElementView | undefined {
    const element: Shape | undefined = this.#get('elementRegistry').get(id);
    if (!element || element.type === 'label') return undefined;
    const bo = element.businessObject;
    const view: ElementView = { id: bo.id, type: bo.$type, name: bo.name ?? '' };
    if (is(bo, 'bpmn:UserTask')) {
      view.formKey = bo.get('camunda:formKey') ?? '';
      const groups: string = bo.get('camunda:candidateGroups') ?? '';
      view.candidateRole = groups.split(',')[0]!.trim();
    }
    if (is(bo, 'bpmn:ServiceTask') || is(bo, 'bpmn:SendTask'))
      view.topic = bo.get('camunda:topic') ?? '';
    const timer = timerDefinitionOf(bo);
    if (timer) {
      const kind = (['timeDuration', 'timeDate', 'timeCycle'] as const).find((k) => timer[k]);
      view.timer = {
        kind: kind ?? null,
        value: kind ? String(timer[kind].body ?? '') : '',
      };
      if (is(bo, 'bpmn:BoundaryEvent')) view.timer.interrupting = bo.cancelActivity !== false;
      const parameter = camundaProperties(bo).durationParameter;
      if (parameter) view.timer.durationParameter = parameter;
    }
    const messageDef = messageDefinitionOf(bo);
    if (messageDef) view.message = { name: messageDef.messageRef?.name ?? '' };
    if (is(bo, 'bpmn:ReceiveTask')) view.message = { name: bo.messageRef?.name ?? '' };
    if (is(bo, 'bpmn:SequenceFlow')) {
      const source = bo.sourceRef;
      const condition = bo.conditionExpression;
      view.condition = {
        allowed: is(source, 'bpmn:ExclusiveGateway'),
        isDefault: source?.default === bo,
        body: condition ? String(condition.body ?? '') : '',
        language: condition ? String(condition.language ?? '') : '',
      };
    }
    return view;
  }

  /** Message names of the diagram (bpmn:Message), sorted. */
  messageNames(): string[] {
    // After a failed import the canvas has only its implicit root, with no business object.
    const definitions = this.#get('canvas').getRootElement()?.businessObject?.$parent;
    return (definitions?.rootElements ?? [])
      .filter((e: Bo) => is(e, 'bpmn:Message') && e.name)
      .map((e: Bo) => String(e.name))
      .sort();
  }

  #element(id: string): Shape {
    const element = this.#get('elementRegistry').get(id);
    if (!element) throw new Error(`no element ${id}`);
    return element;
  }

  #update(id: string, properties: Record<string, unknown>): void {
    this.#get('modeling').updateProperties(this.#element(id), properties);
  }

  setName(id: string, name: string): void {
    this.#update(id, { name: name || undefined });
  }

  setFormKey(id: string, formKey: string): void {
    this.#update(id, { 'camunda:formKey': formKey || undefined });
  }

  setCandidateRole(id: string, role: string): void {
    this.#update(id, { 'camunda:candidateGroups': role || undefined });
  }

  /** A registered service: camunda:topic with camunda:type="external", nothing else. */
  setTopic(id: string, topic: string): void {
    this.#update(id, {
      'camunda:topic': topic || undefined,
      'camunda:type': topic ? 'external' : undefined,
    });
  }

  /** Sets the timer to exactly one of duration, date or cycle with a fixed ISO 8601 value. */
  setTimer(id: string, kind: TimerKind, value: string): void {
    const element = this.#element(id);
    const timer = timerDefinitionOf(element.businessObject);
    if (!timer) return;
    const expression = this.#get('bpmnFactory').create('bpmn:FormalExpression', { body: value });
    this.#get('modeling').updateModdleProperties(element, timer, {
      timeDuration: kind === 'timeDuration' ? expression : undefined,
      timeDate: kind === 'timeDate' ? expression : undefined,
      timeCycle: kind === 'timeCycle' ? expression : undefined,
    });
  }

  setInterrupting(id: string, interrupting: boolean): void {
    this.#update(id, { cancelActivity: interrupting });
  }

  /** A JsonLogic condition (language="jsonlogic"); empty removes it. */
  setCondition(id: string, body: string): void {
    const expression = body.trim()
      ? this.#get('bpmnFactory').create('bpmn:FormalExpression', {
          body,
          language: 'jsonlogic',
        })
      : undefined;
    this.#update(id, { conditionExpression: expression });
  }

  /** Points the event or receive task at the message called `name`, creating it if new. */
  setMessage(id: string, name: string): void {
    const element = this.#element(id);
    const bo = element.businessObject;
    const definitions = this.#get('canvas').getRootElement().businessObject.$parent;
    let message = (definitions.rootElements ?? []).find(
      (e: Bo) => is(e, 'bpmn:Message') && e.name === name,
    );
    const commands = this.#get('commandStack');
    const modeling = this.#get('modeling');
    commands.execute('fw.batch', {
      run: () => {
        if (!message) {
          message = this.#get('bpmnFactory').create('bpmn:Message', { name });
          modeling.updateModdleProperties(element, definitions, {
            rootElements: [...(definitions.rootElements ?? []), message],
          });
        }
        const target = messageDefinitionOf(bo) ?? bo;
        modeling.updateModdleProperties(element, target, { messageRef: message });
      },
    });
  }

  destroy(): void {
    this.#modeler.destroy();
  }
}
