import fs from 'node:fs';
import { SigningInputError } from '../SigningInputError.js';

/** Where a command writes and what it reads from its environment (tests pass their own). */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

export const processIo: CommandIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  env: process.env,
};

/** Reads a file no larger than `limit` bytes, naming it when it is missing or too large. */
export function readInput(file: string, limit: number, what: string): Buffer {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new SigningInputError(
      'file_missing',
      `找不到${what}文件 ${file}`,
      `the ${what} file ${file} does not exist`,
    );
  }
  if (size > limit)
    throw new SigningInputError(
      'input_too_large',
      `${what}文件过大（${size} 字节，上限 ${limit}）`,
      `the ${what} file ${file} is too large (${size} bytes, at most ${limit})`,
    );
  return fs.readFileSync(file);
}
