import { SigningInputError } from '../SigningInputError.js';

/** Largest key, certificate or CRL file read (bytes): a CRL of ~100,000 entries fits. */
export const MAX_PEM_BYTES = 8 * 1024 * 1024;

/** One PEM block: its label (`CERTIFICATE`, `PRIVATE KEY` …) and its DER bytes. */
export interface PemBlock {
  label: string;
  der: Uint8Array;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Every PEM block in `text`, in order. A file with none is refused naming what was expected. */
export function readPem(text: string, what: string): PemBlock[] {
  if (text.length > MAX_PEM_BYTES)
    throw new SigningInputError(
      'input_too_large',
      `${what}文件过大`,
      `the ${what} file is too large`,
    );
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const body = match[2]!.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body))
      throw new SigningInputError(
        'pem_malformed',
        `${what}的 PEM 内容不是 base64`,
        `the ${what}'s PEM body is not base64`,
      );
    blocks.push({ label: match[1]!, der: new Uint8Array(Buffer.from(body, 'base64')) });
  }
  if (!blocks.length)
    throw new SigningInputError(
      'pem_missing',
      `没有找到 PEM 格式的${what}`,
      `no PEM-encoded ${what} found (expected -----BEGIN …-----)`,
    );
  return blocks;
}

/** PEM or DER: a file starting with `-----BEGIN` is PEM, anything else is taken as DER. */
export function readPemOrDer(bytes: Uint8Array, label: string, what: string): Uint8Array[] {
  if (bytes.length > MAX_PEM_BYTES)
    throw new SigningInputError(
      'input_too_large',
      `${what}文件过大`,
      `the ${what} file is too large`,
    );
  const text = Buffer.from(bytes.subarray(0, 11)).toString('latin1');
  if (text.startsWith('-----BEGIN')) {
    const blocks = readPem(Buffer.from(bytes).toString('latin1'), what).filter(
      (b) => b.label === label,
    );
    if (!blocks.length)
      throw new SigningInputError(
        'pem_missing',
        `没有找到 ${label} 块`,
        `no ${label} block found in the ${what} file`,
      );
    return blocks.map((b) => b.der);
  }
  return [bytes];
}

export function writePem(label: string, der: Uint8Array): string {
  const body = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}
