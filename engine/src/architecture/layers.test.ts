import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;

/** Lints one line as if it lived at `filePath` and returns the import-restriction messages. */
async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(`${source}\nexport const x = y;\n`, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('dependency direction (ARCHITECTURE.md) is enforced by the lint', () => {
  it.each([
    ['definitions/src/x.ts', "import y from '@formwork/engine';"],
    ['definitions/src/x.ts', "import y from 'node:fs';"],
    ['definitions/src/x.ts', "import y from '../../engine/src/index.js';"],
    ['engine/src/x.ts', "import y from '@formwork/plugin-devices';"],
    ['engine/src/x.ts', "import y from '@formwork/runtime';"],
    ['engine/src/x.ts', "import y from 'node:vm';"],
    ['plugins/devices/src/x.ts', "import y from '@formwork/engine';"],
    ['plugins/devices/src/x.ts', "import y from '../../../engine/src/database/Database.js';"],
    ['runtime/src/x.ts', "import y from '@formwork/engine';"],
    ['runtime/src/x.ts', "import y from '@formwork/designer';"],
    ['designer/src/x.ts', "import y from '@formwork/engine/plugin-api';"],
    ['designer/src/x.ts', "import y from '@formwork/plugin-ca-signing';"],
  ])('%s may not `%s`', async (filePath, source) => {
    expect(await restrictedImports(filePath, source)).toHaveLength(1);
  });

  it.each([
    ['engine/src/x.ts', "import y from '@formwork/definitions';"],
    ['plugins/devices/src/x.ts', "import y from '@formwork/engine/plugin-api';"],
    ['plugins/devices/src/x.ts', "import y from '@formwork/definitions';"],
    ['runtime/src/x.ts', "import y from '@formwork/definitions';"],
    ['designer/src/x.ts', "import y from '@formwork/runtime';"],
  ])('%s may `%s`', async (filePath, source) => {
    expect(await restrictedImports(filePath, source)).toEqual([]);
  });
});
