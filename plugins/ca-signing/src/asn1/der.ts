/**
 * A minimal DER reader and writer: enough to slice the exact signed bytes out of certificates and
 * CRLs, read and write SM2 signature values and the PBES2 parameters of encrypted keys. Anything
 * malformed (a length past the end, an indefinite length, a truncated header) throws a
 * DerError; nothing here trusts its input.
 */
export class DerError extends Error {
  override name = 'DerError';
}

/** One TLV: its tag byte, where its value lies in the input, and the whole encoding. */
export interface DerNode {
  tag: number;
  /** The value's bytes (a view into the input). */
  value: Uint8Array;
  /** Tag, length and value: the exact encoded bytes (a view into the input). */
  raw: Uint8Array;
}

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
} as const;

/** Reads the TLV at `offset`; returns it and the offset after it. */
export function readNode(input: Uint8Array, offset = 0): { node: DerNode; next: number } {
  if (offset + 2 > input.length) throw new DerError('truncated DER: no room for a tag and length');
  const tag = input[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte DER tags are not supported');
  let length = input[offset + 1]!;
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0) throw new DerError('indefinite DER lengths are not allowed');
    if (count > 4) throw new DerError('DER length too large');
    if (offset + 2 + count > input.length) throw new DerError('truncated DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + input[offset + 2 + i]!;
    if (length < 0x80 || (count > 1 && input[offset + 2] === 0))
      throw new DerError('DER length not in its shortest form');
    header += count;
  }
  const end = offset + header + length;
  if (end > input.length) throw new DerError('DER value runs past the end of the input');
  return {
    node: {
      tag,
      value: input.subarray(offset + header, end),
      raw: input.subarray(offset, end),
    },
    next: end,
  };
}

/** Reads exactly one TLV that spans the whole input. */
export function readOne(input: Uint8Array, expectedTag?: number): DerNode {
  const { node, next } = readNode(input, 0);
  if (next !== input.length) throw new DerError('trailing bytes after the DER value');
  if (expectedTag !== undefined && node.tag !== expectedTag)
    throw new DerError(`expected DER tag 0x${hex2(expectedTag)}, found 0x${hex2(node.tag)}`);
  return node;
}

/** The children of a constructed value (SEQUENCE, SET, context tags). */
export function children(node: DerNode): DerNode[] {
  if (!(node.tag & 0x20)) throw new DerError(`DER tag 0x${hex2(node.tag)} is not constructed`);
  const out: DerNode[] = [];
  let offset = 0;
  while (offset < node.value.length) {
    const { node: child, next } = readNode(node.value, offset);
    out.push(child);
    offset = next;
  }
  return out;
}

/** A positive INTEGER's value as a bigint (rejects negative and non-minimal encodings). */
export function readUnsignedInteger(node: DerNode): bigint {
  if (node.tag !== TAG.INTEGER) throw new DerError('expected an INTEGER');
  const v = node.value;
  if (v.length === 0) throw new DerError('empty INTEGER');
  if (v[0]! & 0x80) throw new DerError('negative INTEGER');
  if (v.length > 1 && v[0] === 0 && !(v[1]! & 0x80))
    throw new DerError('INTEGER not in its shortest form');
  let n = 0n;
  for (const byte of v) n = (n << 8n) | BigInt(byte);
  return n;
}

/** Dotted form of an OBJECT IDENTIFIER. */
export function readOid(node: DerNode): string {
  if (node.tag !== TAG.OID || node.value.length === 0) throw new DerError('expected an OID');
  const parts: number[] = [];
  let n = 0;
  for (const byte of node.value) {
    n = n * 128 + (byte & 0x7f);
    if (n > Number.MAX_SAFE_INTEGER) throw new DerError('OID arc too large');
    if (!(byte & 0x80)) {
      if (parts.length === 0) parts.push(n < 80 ? Math.floor(n / 40) : 2, n < 80 ? n % 40 : n - 80);
      else parts.push(n);
      n = 0;
    }
  }
  if (node.value[node.value.length - 1]! & 0x80) throw new DerError('truncated OID');
  return parts.join('.');
}

export function encode(tag: number, value: Uint8Array): Uint8Array {
  const length = value.length;
  let header: number[];
  if (length < 0x80) header = [tag, length];
  else {
    const bytes: number[] = [];
    for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
    header = [tag, 0x80 | bytes.length, ...bytes];
  }
  const out = new Uint8Array(header.length + length);
  out.set(header, 0);
  out.set(value, header.length);
  return out;
}

export function sequence(...items: Uint8Array[]): Uint8Array {
  return encode(TAG.SEQUENCE, concat(items));
}

export function unsignedInteger(n: bigint): Uint8Array {
  if (n < 0n) throw new DerError('negative integers are not encoded here');
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  return encode(TAG.INTEGER, Buffer.from(hex, 'hex'));
}

export function concat(items: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(items.reduce((sum, item) => sum + item.length, 0));
  let offset = 0;
  for (const item of items) {
    out.set(item, offset);
    offset += item.length;
  }
  return out;
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}
