import type { ProblemCollector } from './ProblemCollector.js';

export const DEFAULT_MAX_BYTES = 1024 * 1024;

/**
 * DTD markup declarations: a DOCTYPE, or the entity (and element, attribute-list, notation)
 * declarations it holds. External entities (XXE) and nested entity expansion ("billion laughs")
 * both need them, so rejecting them before parsing means no entity is ever expanded.
 */
const DTD_DECLARATION = /<!\s*(?:doctype|entity|element|attlist|notation)/i;

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** Whether `text` is longer than `limit` bytes in UTF-8 (counting stops at the limit). */
function utf8LengthOver(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
    if (bytes > limit) return true;
  }
  return false;
}

/**
 * The checks that run before any parser sees the input. Returns the text to parse (without a
 * byte-order mark), or null when the input was rejected.
 */
export function screenInput(
  input: unknown,
  maxBytes: number,
  problems: ProblemCollector,
): string | null {
  if (typeof input !== 'string') {
    problems.add('xml-invalid', null, {
      zh: `输入不是字符串（实际类型 ${typeof input}）`,
      en: `input is not a string (got ${typeof input})`,
    });
    return null;
  }
  if (utf8LengthOver(input, maxBytes)) {
    problems.add('too-large', null, {
      zh: `BPMN 文件超过 ${maxBytes} 字节上限，未解析`,
      en: `BPMN input is over the ${maxBytes}-byte limit; not parsed`,
    });
    return null;
  }
  const declaration = DTD_DECLARATION.exec(input)?.[0].replace(/\s+/g, ' ');
  if (declaration) {
    problems.add('doctype-forbidden', null, {
      zh: `BPMN 文件不允许 DOCTYPE 或实体声明（发现 "${declaration}"），未解析`,
      en: `BPMN input may not contain a DOCTYPE or entity declaration (found "${declaration}"); not parsed`,
    });
    return null;
  }
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  if (text.trim() === '') {
    problems.add('xml-invalid', null, {
      zh: 'BPMN 文件为空',
      en: 'BPMN input is empty',
    });
    return null;
  }
  return text;
}
