import type { PrintField } from './printDocument.js';

/**
 * The 双向转诊单 as the national spec prints it (国家基本公共卫生服务规范（第三版）, 附件): a stub
 * (存根) the sending institution keeps, cut off along a dashed line, and the slip the patient
 * carries, a letter to the receiving institution ("现有患者…因病情需要，需转入贵单位，请予以接诊")
 * signed by the doctor, with the institution and the date.
 *
 * Stand-in: the spec's forms do not declare their printed layout, so the two slips' layouts are
 * named here by form key and field name. A form version that lacks any field a layout names is
 * printed in the generic layout instead (every section, label and value).
 */
export interface SlipLayout {
  /** The message key of the slip's letter, with {patient}, {sex} and {age}. */
  letter: 'print.slip.letterOut' | 'print.slip.letterReturn';
  /** The stub's lines, each a list of fields. */
  stub: string[][];
  /** The fields the letter names. */
  patient: string;
  sex: string;
  age: string;
  /** The institution the slip is addressed to, and the one that sends it. */
  addressee: string;
  sender: string;
  /** The slip's date, under the sender. */
  date: string;
  /** The doctor who signs, and their phone. */
  signature: string[];
}

export const SLIP_LAYOUTS: Readonly<Record<string, SlipLayout>> = {
  'referral-out': {
    letter: 'print.slip.letterOut',
    stub: [
      ['patientName', 'sex', 'age', 'recordNumber'],
      ['address', 'phone'],
      ['referralDate', 'toInstitution', 'toDepartment', 'receivingDoctor'],
      ['referringDoctor'],
    ],
    patient: 'patientName',
    sex: 'sex',
    age: 'age',
    addressee: 'toInstitution',
    sender: 'fromInstitution',
    date: 'referralDate',
    signature: ['referringDoctor', 'referringDoctorPhone'],
  },
  'referral-return': {
    letter: 'print.slip.letterReturn',
    stub: [
      ['patientName', 'sex', 'age', 'inpatientNumber'],
      ['address', 'phone'],
      ['returnDate', 'toInstitution'],
      ['returningDoctor'],
    ],
    patient: 'patientName',
    sex: 'sex',
    age: 'age',
    addressee: 'toInstitution',
    sender: 'fromInstitution',
    date: 'returnDate',
    signature: ['returningDoctor', 'returningDoctorPhone'],
  },
};

/** A slip laid out for paper: every printed field of the record in its place. */
export interface SlipDocument {
  letter: SlipLayout['letter'];
  stub: PrintField[][];
  patient: PrintField;
  sex: PrintField;
  age: PrintField;
  addressee: PrintField;
  /** The record's other fields, in the form's order (初步印象, 主要现病史 …). */
  details: PrintField[];
  signature: PrintField[];
  sender: PrintField;
  date: PrintField;
}

/**
 * The slip of a record whose form has a slip layout, from its printed fields by name; undefined
 * when the form has none, or its version lacks a field the layout names.
 */
export function slipDocument(
  formKey: string,
  fields: ReadonlyMap<string, PrintField>,
): SlipDocument | undefined {
  const layout = SLIP_LAYOUTS[formKey];
  if (!layout) return undefined;
  const { stub, signature, letter, ...single } = layout;
  const named = [...stub.flat(), ...signature, ...Object.values(single)];
  if (!named.every((name) => fields.has(name))) return undefined;
  const field = (name: string) => fields.get(name)!;
  const inLetter = new Set([
    layout.patient,
    layout.sex,
    layout.age,
    layout.addressee,
    layout.sender,
    layout.date,
    ...signature,
  ]);
  return {
    letter,
    stub: stub.map((line) => line.map(field)),
    patient: field(layout.patient),
    sex: field(layout.sex),
    age: field(layout.age),
    addressee: field(layout.addressee),
    details: [...fields.entries()].filter(([name]) => !inLetter.has(name)).map(([, f]) => f),
    signature: signature.map(field),
    sender: field(layout.sender),
    date: field(layout.date),
  };
}
