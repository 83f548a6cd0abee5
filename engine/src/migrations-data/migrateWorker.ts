import { parentPort, workerData } from 'node:worker_threads';
import {
  FormCompiler,
  type CodeTable,
  type FormDefinition,
  type MigrationPlan,
} from '@formwork/definitions';
import { migrateBatch, type BatchInput } from './migrateBatch.js';

/** What a migration worker is started with: the plan and the target form to compile. */
export interface MigrateWorkerData {
  plan: MigrationPlan;
  definition: FormDefinition;
  codeTables: Record<string, CodeTable>;
}

const data = workerData as MigrateWorkerData;
const target = new FormCompiler({ codeTables: data.codeTables }).compile(data.definition);

parentPort!.on('message', (message: { seq: number; today: string; input: BatchInput }) => {
  try {
    const output = migrateBatch(data.plan, target, { today: () => message.today }, message.input);
    parentPort!.postMessage({ seq: message.seq, output });
  } catch (err) {
    parentPort!.postMessage({ seq: message.seq, error: (err as Error).message });
  }
});
