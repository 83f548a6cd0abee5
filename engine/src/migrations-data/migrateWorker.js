// Worker-thread entry of the migration job: the engine is TypeScript run through tsx, and a
// worker does not inherit the main thread's loader, so it registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./migrateWorker.ts');
