// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- types for bpmn-moddle's entry, wherever this file is compiled
/// <reference path="./bpmn-moddle.d.ts" />
import { BpmnModdle, type BpmnModdleWarning } from 'bpmn-moddle';
import camundaSchema from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import type { LocalizedText } from './BpmnLintResult.js';
import { describeElement } from './elementLabels.js';
import { idOf, isModdleElement, type ModdleElement } from './moddleElement.js';
import type { ProblemCollector } from './ProblemCollector.js';

let moddle: BpmnModdle | undefined;

/** One reader for every call: BPMN 2.0 plus the Camunda extensions (formKey, topic, …). */
function reader(): BpmnModdle {
  moddle ??= new BpmnModdle({ camunda: camundaSchema as Record<string, unknown> });
  return moddle;
}

const MAX_DETAIL = 200;

const clip = (text: string): string =>
  text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;

interface ParsedDiagnostic {
  /** What went wrong, in the parser's (English) words. */
  detail: string;
  line?: number;
  column?: number;
}

/** Splits moddle-xml's "unparsable content … line: … column: … nested error: …" text. */
function parseDiagnostic(message: string): ParsedDiagnostic {
  const match = /\n\tline: (\d+)\n\tcolumn: (\d+)\n\tnested error: ([\s\S]*)$/.exec(message);
  if (!match) return { detail: clip(message.trim()) };
  return { detail: clip(match[3]!.trim()), line: Number(match[1]), column: Number(match[2]) };
}

function position(diagnostic: ParsedDiagnostic): LocalizedText {
  if (diagnostic.line === undefined || diagnostic.column === undefined) return { zh: '', en: '' };
  const line = diagnostic.line + 1;
  const column = diagnostic.column + 1;
  return { zh: `（第 ${line} 行第 ${column} 列）`, en: ` (line ${line}, column ${column})` };
}

/**
 * The id attribute of the tag that starts at the parser's (zero-based) line and column, so a
 * warning about an element the parser dropped still names it.
 */
function idAtPosition(xml: string, diagnostic: ParsedDiagnostic): string | null {
  if (diagnostic.line === undefined || diagnostic.column === undefined) return null;
  let offset = 0;
  for (let line = 0; line < diagnostic.line; line++) {
    offset = xml.indexOf('\n', offset);
    if (offset < 0) return null;
    offset++;
  }
  offset += diagnostic.column;
  if (xml[offset] !== '<') return null;
  const end = xml.indexOf('>', offset);
  const tag = xml.slice(offset, end < 0 ? offset + 2000 : Math.min(end, offset + 2000));
  return /\sid\s*=\s*(["'])([^"'<>]*)\1/.exec(tag)?.[2] || null;
}

function reportWarning(xml: string, warning: BpmnModdleWarning, problems: ProblemCollector): void {
  const message = typeof warning.message === 'string' ? warning.message : String(warning.message);
  const element = isModdleElement(warning.element) ? warning.element : undefined;
  const elementId = element ? idOf(element) : null;
  const what = element ? describeElement(element) : undefined;

  const unresolved = /^unresolved reference <([\s\S]*)>$/.exec(message);
  if (unresolved) {
    const property = typeof warning.property === 'string' ? warning.property : 'reference';
    const target = clip(unresolved[1]!);
    problems.add('parser-warning', elementId, {
      zh: `${what?.zh ?? '元素'}的 ${property} 引用了不存在的元素 "${target}"`,
      en: `${what?.en ?? 'element'}: ${property} refers to "${target}", which does not exist`,
    });
    return;
  }
  const unknownAttribute = /^unknown attribute <([\s\S]*)>$/.exec(message);
  if (unknownAttribute) {
    const attribute = clip(unknownAttribute[1]!);
    problems.add(
      'parser-warning',
      elementId,
      {
        zh: `${what?.zh ?? '元素'}有未知属性 ${attribute}`,
        en: `${what?.en ?? 'element'} has an unknown attribute ${attribute}`,
      },
      true,
    );
    return;
  }

  const diagnostic = parseDiagnostic(message);
  const where = position(diagnostic);
  const duplicate = /^duplicate ID <([\s\S]*)>$/.exec(diagnostic.detail);
  if (duplicate) {
    const id = duplicate[1]!;
    problems.add('duplicate-id', id, {
      zh: `id "${id}" 被多个元素使用${where.zh}；后出现的元素被丢弃`,
      en: `id "${id}" is used by more than one element${where.en}; the later one is dropped`,
    });
    return;
  }
  const illegal = /^illegal ID <([\s\S]*)>$/.exec(diagnostic.detail);
  const unknownElement = /^(?:unknown type|unrecognized element) <([\s\S]*)>$/.exec(
    diagnostic.detail,
  );
  const id = illegal ? illegal[1]! : (elementId ?? idAtPosition(xml, diagnostic));
  const named: LocalizedText = id
    ? { zh: `（id "${id}"）`, en: ` (id "${id}")` }
    : { zh: '', en: '' };
  if (unknownElement) {
    problems.add(
      'parser-warning',
      id,
      {
        zh: `未知元素 <${unknownElement[1]}>${named.zh}${where.zh}不在 BPMN 2.0 或 Camunda 扩展中，已被忽略`,
        en: `unknown element <${unknownElement[1]}>${named.en}${where.en} is not BPMN 2.0 or a Camunda extension and was skipped`,
      },
      true,
    );
    return;
  }
  problems.add('parser-warning', id, {
    zh: `BPMN 解析器警告${named.zh}：${diagnostic.detail}${where.zh}`,
    en: `BPMN parser warning${named.en}: ${diagnostic.detail}${where.en}`,
  });
}

function reportFailure(error: unknown, problems: ProblemCollector): void {
  const message = error instanceof Error ? error.message : String(error);
  const warnings = (error as { warnings?: unknown } | null)?.warnings;
  const first = Array.isArray(warnings)
    ? (warnings[0] as BpmnModdleWarning | undefined)
    : undefined;
  let diagnostic = parseDiagnostic(message);
  let detail: LocalizedText = { zh: diagnostic.detail, en: diagnostic.detail };
  if (/^failed to parse document as/.test(message) && typeof first?.message === 'string') {
    diagnostic = parseDiagnostic(first.message);
    const root = /^unexpected element <([\s\S]*)>$/.exec(diagnostic.detail);
    detail = root
      ? {
          zh: `根元素应为 bpmn:definitions，实际是 <${root[1]}>`,
          en: `the root element must be bpmn:definitions, not <${root[1]}>`,
        }
      : { zh: diagnostic.detail, en: diagnostic.detail };
  }
  const where = position(diagnostic);
  problems.add('xml-invalid', null, {
    zh: `不是可读取的 BPMN 2.0 XML：${detail.zh}${where.zh}`,
    en: `not readable BPMN 2.0 XML: ${detail.en}${where.en}`,
  });
}

/**
 * Reads BPMN 2.0 XML (with Camunda extensions) into a moddle tree. Every parser warning becomes
 * an error; a document that cannot be read at all gives `xml-invalid` and null.
 */
export async function parseBpmn(
  xml: string,
  problems: ProblemCollector,
): Promise<ModdleElement | null> {
  let result;
  try {
    result = await reader().fromXML(xml, 'bpmn:Definitions');
  } catch (error) {
    reportFailure(error, problems);
    return null;
  }
  for (const warning of result.warnings) reportWarning(xml, warning, problems);
  if (!isModdleElement(result.rootElement)) {
    problems.add('xml-invalid', null, {
      zh: '不是可读取的 BPMN 2.0 XML：没有 bpmn:definitions 根元素',
      en: 'not readable BPMN 2.0 XML: no bpmn:definitions root element',
    });
    return null;
  }
  return result.rootElement;
}
