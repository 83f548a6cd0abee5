/**
 * The form compiler on a 200-field form: compile time, validations/s through CompiledForm.process
 * (recompute, drop hidden, validate, rules) against bare Ajv validation of the same schema as the
 * ceiling, and the compiled-form cache hit rate on a realistic stream of requests.
 *   npm run bench -- validate        (BENCH_SECONDS=3)
 */
import {
  createAjv,
  FormCompiler,
  type CodeTable,
  type FormDefinition,
} from '@formwork/definitions';
import { Report } from './lib/report.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const FIELDS = 200;

const yesNo: CodeTable = {
  id: 'yes-no',
  version: '1.0.0',
  title: { zh: '有无', en: 'Yes/no' },
  codes: [
    { code: '1', label: { zh: '无', en: 'No' } },
    { code: '2', label: { zh: '有', en: 'Yes' } },
  ],
};

function bigForm(version: string): FormDefinition {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (let i = 0; i < FIELDS; i++) {
    const name = `f${i}`;
    switch (i % 5) {
      case 0:
        properties[name] = {
          type: 'integer',
          minimum: 0,
          maximum: 300,
          title: `数值${i}`,
          'x-unit': 'mmHg',
        };
        required.push(name);
        break;
      case 1:
        properties[name] = { type: 'string', 'x-code-table': 'yes-no', title: `有无${i}` };
        break;
      case 2:
        properties[name] = {
          type: 'string',
          maxLength: 200,
          title: `说明${i}`,
          'x-visible': { '==': [{ var: `f${i - 1}` }, '2'] },
        };
        break;
      case 3:
        properties[name] = { type: 'string', format: 'date', title: `日期${i}` };
        break;
      case 4:
        properties[name] = {
          type: 'number',
          title: `计算${i}`,
          'x-calculated': { '+': [{ var: `f${i - 4}` }, 1] },
        };
        break;
    }
  }
  return {
    key: 'bench-200',
    version,
    title: { zh: '200 字段表单', en: '200-field form' },
    schema: { type: 'object', required, properties },
    rules: [
      {
        id: 'f0-below-f5',
        assert: { '<=': [{ var: 'f0' }, { '+': [{ var: 'f5' }, 300] }] },
        path: '/f0',
        message: { zh: '比较', en: 'compare' },
      },
    ],
  };
}

function record(seed: number): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (let i = 0; i < FIELDS; i++) {
    const name = `f${i}`;
    switch (i % 5) {
      case 0:
        data[name] = (seed * 7 + i) % 320; // about one in 16 out of range
        break;
      case 1:
        data[name] = (seed + i) % 2 ? '1' : '2';
        break;
      case 2:
        data[name] = '头晕乏力';
        break;
      case 3:
        data[name] = '2026-11-20';
        break;
    }
  }
  return data;
}

const report = new Report('validate');
const codeTables = { 'yes-no': yesNo };

// Compile time: fresh versions, so every compile is a miss.
const compileTimes: number[] = [];
const timingCompiler = new FormCompiler({ codeTables });
for (let i = 0; i < 20; i++) {
  const start = performance.now();
  timingCompiler.compile(bigForm(`1.0.${i}`));
  compileTimes.push(performance.now() - start);
}
compileTimes.sort((a, b) => a - b);
report.add('compile_time_median', compileTimes[10]!, 'ms');

const compiled = timingCompiler.compile(bigForm('1.0.0'));
const records = Array.from({ length: 1000 }, (_, i) => record(i));
const clock = { today: () => '2026-11-23' };

function throughput(work: (data: Record<string, unknown>) => unknown): number {
  let n = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) work(records[(n + i) % records.length]!);
    n += 100;
  }
  return n / seconds;
}

// Ceiling: bare Ajv on the same (code-table-resolved) schema: no calculation, visibility or rules.
const bare = createAjv().compile(structuredClone(compiled.schema));
throughput((d) => bare(d)); // warm-up
const ceiling = throughput((d) => bare(d));
throughput((d) => compiled.process(d, clock));
const processed = throughput((d) => compiled.process(d, clock));
report.add('validations_per_second', processed, 'records/s', ceiling);
const valid = records.filter((d) => compiled.process(d, clock).valid).length;
report.add('valid_share_of_sample', valid / records.length, 'ratio');

// Cache: 10,000 requests over 12 published versions (most traffic on the newest) plus one
// draft edited every 500 requests.
const cacheCompiler = new FormCompiler({ codeTables });
const versions = Array.from({ length: 12 }, (_, i) => bigForm(`3.${i}.0`));
let draft = bigForm('4.0.0-draft');
for (let i = 0; i < 10_000; i++) {
  if (i % 500 === 0) draft = { ...draft, title: { zh: `草稿 ${i}`, en: `draft ${i}` } };
  const pick =
    i % 10 === 0
      ? draft
      : versions[Math.min(11, Math.floor(-Math.log(((i * 7919) % 997) / 997 + 1e-9)))]!;
  cacheCompiler.compile(pick);
}
const { hits, misses } = cacheCompiler.stats;
report.add('cache_hit_rate', hits / (hits + misses), 'ratio');
report.add('cache_misses', misses, 'compiles');
report.printTable();
