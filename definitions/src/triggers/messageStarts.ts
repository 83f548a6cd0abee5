import { parseBpmn } from '../bpmn/parseBpmn.js';
import { ProblemCollector } from '../bpmn/ProblemCollector.js';
import {
  elementProperty,
  elementsProperty,
  stringProperty,
  type ModdleElement,
} from '../bpmn/moddleElement.js';

/**
 * The names of the messages a BPMN document's message start events wait for (what a trigger may
 * name as its `message`), in document order; null when the document cannot be read.
 */
export async function messageStartNames(xml: string): Promise<string[] | null> {
  const root = await parseBpmn(xml, new ProblemCollector());
  if (!root) return null;
  const names: string[] = [];
  const visit = (container: ModdleElement) => {
    for (const element of elementsProperty(container, 'flowElements')) {
      if (element.$type === 'bpmn:StartEvent') {
        for (const definition of elementsProperty(element, 'eventDefinitions')) {
          if (definition.$type !== 'bpmn:MessageEventDefinition') continue;
          const message = elementProperty(definition, 'messageRef');
          const name =
            message && (stringProperty(message, 'name') ?? stringProperty(message, 'id'));
          if (name && !names.includes(name)) names.push(name);
        }
      }
    }
  };
  for (const element of elementsProperty(root, 'rootElements'))
    if (element.$type === 'bpmn:Process') visit(element);
  return names;
}
