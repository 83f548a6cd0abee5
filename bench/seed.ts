/**
 * The demo-data generator behind `formwork seed --demo`: residents/s and visits/s generated,
 * streaming (one resident in memory at a time), no database. The shares of uncontrolled and
 * overdue residents are printed as sanity figures.
 *   npm run bench -- seed        (SEED_PATIENTS=100000, SEED=1)
 */
import { demoVillages } from '../engine/src/seeding/seedPatients.js';
import { generatePatients, PatientTally } from '../engine/src/seeding/patients/index.js';
import { Report } from './lib/report.js';

const count = Number(process.env.SEED_PATIENTS ?? 100_000);
const seed = Number(process.env.SEED ?? 1);
const today = new Date().toISOString().slice(0, 10);
const tally = new PatientTally(today);
const report = new Report('seed');

const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
for (const patient of generatePatients({ seed, count, villages: demoVillages(), today })) {
  tally.add(patient);
}
const seconds = (performance.now() - started) / 1000;
const summary = tally.summary();

report.add('residents', summary.residents, 'residents');
report.add('residents_per_second', summary.residents / seconds, 'residents/s');
report.add('visits_per_second', summary.visits / seconds, 'visits/s');
report.add('visits_per_enrolled_resident', summary.visits / summary.enrolled, 'visits');
report.add('share_uncontrolled', summary.uncontrolledShare, 'ratio');
report.add('share_overdue', summary.overdueShare, 'ratio');
report.add(
  'heap_growth',
  Math.max(0, process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024,
  'MiB',
);
report.printTable();
