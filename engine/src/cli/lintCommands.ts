import fs from 'node:fs';
import {
  FormCompiler,
  FormDefinitionError,
  lintBpmn,
  type CodeTable,
  type DefinitionProblem,
} from '@formwork/definitions';

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Code tables from files holding one table or an array of them, by id. */
function loadCodeTables(files: readonly string[]): Record<string, CodeTable> {
  const tables: Record<string, CodeTable> = {};
  for (const file of files) {
    const content = readJson(file);
    for (const table of Array.isArray(content) ? content : [content]) {
      tables[(table as CodeTable).id] = table as CodeTable;
    }
  }
  return tables;
}

/** `formwork lint-form FILE…`: compiles each form definition and prints one JSON result per file. */
export function lintFormCommand(
  files: readonly string[],
  codeTableFiles: readonly string[],
): number {
  const compiler = new FormCompiler({ codeTables: loadCodeTables(codeTableFiles) });
  let failed = 0;
  for (const file of files) {
    let problems: DefinitionProblem[] = [];
    let fields: number | undefined;
    try {
      fields = compiler.compile(readJson(file) as { key: string; version: string }).fields.length;
    } catch (err) {
      problems =
        err instanceof FormDefinitionError
          ? err.problems
          : [
              {
                path: '',
                code: err instanceof SyntaxError ? 'json-invalid' : 'unreadable',
                message: { zh: '无法读取文件', en: (err as Error).message },
              },
            ];
    }
    if (problems.length) failed++;
    process.stdout.write(
      `${JSON.stringify({ file, ok: problems.length === 0, ...(fields !== undefined ? { fields } : {}), problems })}\n`,
    );
  }
  return failed ? 1 : 0;
}

/** `formwork lint-bpmn FILE…`: lints each BPMN file and prints one JSON result per file. */
export async function lintBpmnCommand(files: readonly string[]): Promise<number> {
  let failed = 0;
  for (const file of files) {
    let xml: string;
    try {
      xml = fs.readFileSync(file, 'utf8');
    } catch (err) {
      failed++;
      process.stdout.write(
        `${JSON.stringify({ file, ok: false, errors: [{ elementId: null, code: 'unreadable', message: { zh: '无法读取文件', en: (err as Error).message } }], warnings: [] })}\n`,
      );
      continue;
    }
    const result = await lintBpmn(xml);
    if (!result.ok) failed++;
    process.stdout.write(`${JSON.stringify({ file, ...result })}\n`);
  }
  return failed ? 1 : 0;
}
