/**
 * The small structural view of a bpmn-moddle element this lint needs. bpmn-moddle ships types
 * for the BPMN classes but not for its entry point, and the lint walks the tree generically
 * (by descriptor) anyway, so it reads elements through these guarded accessors only.
 */
export interface ModdlePropertyDescriptor {
  readonly name: string;
  readonly isAttr?: boolean;
  readonly isReference?: boolean;
  readonly ns?: { readonly prefix?: string; readonly localName?: string };
}

export interface ModdleElement {
  readonly $type: string;
  readonly $descriptor?: { readonly properties?: readonly ModdlePropertyDescriptor[] };
  readonly $attrs?: Readonly<Record<string, unknown>>;
  readonly $children?: readonly unknown[];
  readonly [property: string]: unknown;
}

export function isModdleElement(value: unknown): value is ModdleElement {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { $type?: unknown }).$type === 'string'
  );
}

/** The element's id, or null when it has none. */
export function idOf(element: ModdleElement): string | null {
  const id = element['id'];
  return typeof id === 'string' && id !== '' ? id : null;
}

export function stringProperty(element: ModdleElement, name: string): string | undefined {
  const value = element[name];
  return typeof value === 'string' ? value : undefined;
}

export function elementProperty(element: ModdleElement, name: string): ModdleElement | undefined {
  const value = element[name];
  return isModdleElement(value) ? value : undefined;
}

export function elementsProperty(element: ModdleElement, name: string): ModdleElement[] {
  const value = element[name];
  return Array.isArray(value) ? value.filter(isModdleElement) : [];
}

/** Whether the document set this property itself (not a default from the meta-model). */
export function isSet(element: ModdleElement, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(element, name) && element[name] !== undefined;
}

/** Properties of the element's meta-model type (attributes, children and references). */
export function descriptorProperties(element: ModdleElement): readonly ModdlePropertyDescriptor[] {
  const properties = element.$descriptor?.properties;
  return Array.isArray(properties) ? properties : [];
}

/** Child elements the element contains (not the ones it references), in document order. */
export function childElements(element: ModdleElement): ModdleElement[] {
  const children: ModdleElement[] = [];
  for (const property of descriptorProperties(element)) {
    if (property.isReference || property.isAttr) continue;
    const value = element[property.name];
    if (Array.isArray(value)) children.push(...value.filter(isModdleElement));
    else if (isModdleElement(value)) children.push(value);
  }
  if (Array.isArray(element.$children)) children.push(...element.$children.filter(isModdleElement));
  return children;
}
