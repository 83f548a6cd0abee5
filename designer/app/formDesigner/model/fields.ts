import type { FormDefinition } from '@formwork/definitions';
import { fail, problem } from './DesignProblem.js';
import { getIn, isObject, type JsonObject } from './immutable.js';
import { fieldSegments, schemaKeys, toPointer, uiKeys } from './pointer.js';

/**
 * Where fields live: the form itself (`''`), a group (an object field such as 转诊, `/referral`)
 * or a repeating group (an array of objects such as 用药情况, `/medications`, whose fields are
 * `/medications/-/…`).
 */
export interface Container {
  /** The container's own field path ('' for the form). */
  path: string;
  kind: 'form' | 'group' | 'repeating-group';
  /** Keys from the schema root to the object schema whose `properties` hold the fields. */
  objectKeys: string[];
  /** Keys from the UI schema root to the UI object whose `ui:order` orders the fields. */
  uiKeys: string[];
  /** Segments a field of this container starts with. */
  segments: string[];
  /** Inside a repeating group (no visibility or calculation there). */
  inArray: boolean;
}

/** An existing field of a definition. */
export interface FieldAt {
  path: string;
  name: string;
  segments: string[];
  schema: JsonObject;
  container: Container;
  required: boolean;
}

const schemaOf = (definition: Readonly<FormDefinition>) => definition.schema as JsonObject;

/** The container at a field path ('' → the form), or undefined when it is no container. */
export function containerAt(
  definition: Readonly<FormDefinition>,
  path: string,
): Container | undefined {
  if (path === '') {
    return {
      path,
      kind: 'form',
      objectKeys: [],
      uiKeys: [],
      segments: [],
      inArray: false,
    };
  }
  const segments = fieldSegments(path);
  const keys = schemaKeys(segments);
  const schema = getIn(schemaOf(definition), keys);
  if (!isObject(schema)) return undefined;
  const inArray = segments.includes('-');
  if (schema.type === 'object' || (schema.type === undefined && isObject(schema.properties))) {
    return {
      path,
      kind: 'group',
      objectKeys: keys,
      uiKeys: uiKeys(segments),
      segments,
      inArray,
    };
  }
  if (schema.type === 'array' && isObject(schema.items) && schema.items.type === 'object') {
    return {
      path,
      kind: 'repeating-group',
      objectKeys: [...keys, 'items'],
      uiKeys: [...uiKeys(segments), 'items'],
      segments: [...segments, '-'],
      inArray: true,
    };
  }
  return undefined;
}

/** The container a field path belongs to (`/medications/-/drugName` → `/medications`). */
export function containerPathOf(path: string): string {
  const segments = fieldSegments(path);
  segments.pop();
  if (segments[segments.length - 1] === '-') segments.pop();
  return toPointer(segments);
}

/** The field at a path, or undefined. */
export function fieldAt(definition: Readonly<FormDefinition>, path: string): FieldAt | undefined {
  const segments = fieldSegments(path);
  const name = segments[segments.length - 1];
  if (name === undefined || name === '-') return undefined;
  const container = containerAt(definition, containerPathOf(path));
  if (!container) return undefined;
  const parent = getIn(schemaOf(definition), container.objectKeys);
  if (!isObject(parent) || !isObject(parent.properties)) return undefined;
  if (!Object.hasOwn(parent.properties, name)) return undefined;
  const schema = parent.properties[name];
  if (!isObject(schema)) return undefined;
  const required = Array.isArray(parent.required) && parent.required.includes(name);
  return { path, name, segments, schema, container, required };
}

/** The field at a path, or a `field-unknown` DesignError. */
export function requireField(definition: Readonly<FormDefinition>, path: string): FieldAt {
  return (
    fieldAt(definition, path) ??
    fail(
      'not_found',
      problem('field-unknown', path, `表单中没有字段 ${path}`, `the form has no field ${path}`, {
        field: path,
      }),
    )
  );
}

/** The container at a path, or a `container-unknown` DesignError. */
export function requireContainer(definition: Readonly<FormDefinition>, path: string): Container {
  return (
    containerAt(definition, path) ??
    fail(
      'not_found',
      problem(
        'container-unknown',
        path,
        `${path} 不是分组或重复组，不能放入字段`,
        `${path} is neither a group nor a repeating group: fields cannot be placed in it`,
      ),
    )
  );
}

/** The names of a container's fields (in the schema's order). */
export function fieldNames(definition: Readonly<FormDefinition>, container: Container): string[] {
  const parent = getIn(schemaOf(definition), container.objectKeys);
  return isObject(parent) && isObject(parent.properties) ? Object.keys(parent.properties) : [];
}

/** A field's title as zh/en (the English falls back to the Chinese, then to its name). */
export function labelOf(schema: JsonObject, name: string): { zh: string; en: string } {
  const zh = typeof schema.title === 'string' ? schema.title : name;
  const en = typeof schema['x-title-en'] === 'string' ? schema['x-title-en'] : zh;
  return { zh, en };
}

/** `收缩压（/sbp）` / `Systolic BP (/sbp)`: how messages name a field. */
export function fieldName(field: Pick<FieldAt, 'schema' | 'name' | 'path'>): {
  zh: string;
  en: string;
} {
  const label = labelOf(field.schema, field.name);
  return { zh: `${label.zh}（${field.path}）`, en: `${label.en} (${field.path})` };
}
