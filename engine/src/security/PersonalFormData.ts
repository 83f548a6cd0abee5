import {
  mapPersonalValues,
  maskPersonalValue,
  PERSONAL_KINDS,
  personalFields,
  restoreMaskedValues,
  withoutPersonalValues,
  type CompiledForm,
  type PersonalField,
  type PersonalKind,
} from '@formwork/definitions';
import type { PersonalDataCipher } from './PersonalDataCipher.js';

/** A personal value at rest: `{ "$sealed": "<envelope>", "kind": "phone" }`. */
interface Sealed {
  $sealed: string;
  kind: PersonalKind;
}

function isSealed(value: unknown): value is Sealed {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.$sealed === 'string' &&
    (PERSONAL_KINDS as readonly unknown[]).includes(v.kind) &&
    Object.keys(v).length === 2
  );
}

/** Stored data opened: the clear data, and where sealed values were (pointer → kind). */
export interface OpenedData {
  data: Record<string, unknown>;
  sealed: ReadonlyMap<string, PersonalKind>;
}

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Personal data inside form data: the fields a form marks `x-sensitive` as a name, ID number,
 * phone or address. At rest each such value is sealed — `{ "$sealed": <PersonalDataCipher
 * envelope of its JSON text>, "kind": <its kind> }`, the kind authenticated as the envelope's
 * context — wherever the data is kept: submissions, revisions, drafts, the outbox, idempotent
 * answers. Answers show it masked unless the reader may see personal data, and workflow variables
 * never carry it.
 *
 * Data is sealed on its way into the database (by its form's fields) and opened on its way out
 * (wherever a sealed value is, whatever the form version: migrations move fields). Everything in
 * between — validation, rules, migrations — sees clear values. A value at a personal field that is
 * not sealed was stored before sealing existed: it is read as it is and masked like the rest.
 */
export class PersonalFormData {
  readonly #fields = new WeakMap<CompiledForm, PersonalField[]>();

  constructor(private readonly cipher: PersonalDataCipher) {}

  /** The personal fields of a compiled form (computed once per form). */
  fieldsOf(form: CompiledForm): PersonalField[] {
    let fields = this.#fields.get(form);
    if (!fields) {
      fields = personalFields(form.fields);
      this.#fields.set(form, fields);
    }
    return fields;
  }

  /** The data as it is stored: every personal value of the form sealed. */
  seal(form: CompiledForm, data: Record<string, unknown>): Record<string, unknown> {
    return mapPersonalValues(data, this.fieldsOf(form), (value, field) =>
      value === null || value === undefined || isSealed(value)
        ? value
        : ({
            $sealed: this.cipher.encrypt(JSON.stringify(value), context(field.kind)),
            kind: field.kind,
          } satisfies Sealed),
    );
  }

  /** Stored data with every sealed value decrypted, and where they were. */
  open(stored: Record<string, unknown>): OpenedData {
    const sealed = new Map<string, PersonalKind>();
    const visit = (node: unknown, pointer: string): unknown => {
      if (isSealed(node)) {
        sealed.set(pointer, node.kind);
        return JSON.parse(this.cipher.decrypt(node.$sealed, context(node.kind))) as unknown;
      }
      if (Array.isArray(node)) {
        let copy: unknown[] | undefined;
        node.forEach((item, i) => {
          const next = visit(item, `${pointer}/${i}`);
          if (next !== item) (copy ??= [...node])[i] = next;
        });
        return copy ?? node;
      }
      if (typeof node === 'object' && node !== null) {
        let copy: Record<string, unknown> | undefined;
        for (const [key, value] of Object.entries(node)) {
          const next = visit(value, `${pointer}/${escape(key)}`);
          if (next !== value) (copy ??= { ...(node as Record<string, unknown>) })[key] = next;
        }
        return copy ?? node;
      }
      return node;
    };
    return { data: visit(stored, '') as Record<string, unknown>, sealed };
  }

  /**
   * Clear data as a reader sees it: as it is when `reveal`, else every personal value masked —
   * those that were sealed (`sealed`, from `open`) by their own kind, the form's personal fields by
   * theirs.
   */
  present(
    form: CompiledForm | undefined,
    data: Record<string, unknown>,
    reveal: boolean,
    sealed: ReadonlyMap<string, PersonalKind> = new Map(),
  ): Record<string, unknown> {
    if (reveal) return data;
    const mask = (value: unknown, kind: PersonalKind) =>
      value === null || value === undefined ? value : maskPersonalValue(kind, value);
    let masked = data;
    for (const [pointer, kind] of sealed) masked = replaceAt(masked, pointer, (v) => mask(v, kind));
    if (form) {
      masked = mapPersonalValues(masked, this.fieldsOf(form), (value, field, pointer) =>
        sealed.has(pointer) ? value : mask(value, field.kind),
      );
    }
    return masked;
  }

  /** Stored data as a reader sees it (opened, then masked unless `reveal`). */
  view(form: CompiledForm | undefined, stored: Record<string, unknown>, reveal: boolean) {
    const opened = this.open(stored);
    return this.present(form, opened.data, reveal, opened.sealed);
  }

  /** Data sent back after being shown masked: unchanged masks keep the stored clear values. */
  restore(form: CompiledForm, incoming: unknown, storedClear: Record<string, unknown>): unknown {
    if (typeof incoming !== 'object' || incoming === null || Array.isArray(incoming))
      return incoming;
    return restoreMaskedValues(
      incoming as Record<string, unknown>,
      storedClear,
      this.fieldsOf(form),
    );
  }

  /** The data without its personal values (what a workflow instance may keep). */
  withoutPersonal(form: CompiledForm, data: Record<string, unknown>) {
    return withoutPersonalValues(data, this.fieldsOf(form));
  }
}

const context = (kind: PersonalKind) => `form-field:${kind}`;

/** A copy of `data` with the value at `pointer` replaced (parts off the path shared). */
function replaceAt(
  data: Record<string, unknown>,
  pointer: string,
  replace: (value: unknown) => unknown,
): Record<string, unknown> {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const visit = (node: unknown, depth: number): unknown => {
    if (depth === segments.length) return replace(node);
    const key = segments[depth]!;
    if (Array.isArray(node)) {
      const copy = [...node];
      copy[Number(key)] = visit(node[Number(key)], depth + 1);
      return copy;
    }
    if (typeof node === 'object' && node !== null) {
      return { ...node, [key]: visit((node as Record<string, unknown>)[key], depth + 1) };
    }
    return node;
  };
  return visit(data, 0) as Record<string, unknown>;
}
