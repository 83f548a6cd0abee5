/**
 * A test-only hook: kills the process (SIGKILL, no shutdown) inside a transaction before it
 * commits, when NODE_ENV is test and FORMWORK_TEST_CRASH_BEFORE_COMMIT names this point. The
 * process-level crash tests use it (crashRecovery.test.ts, reminderProcesses.test.ts).
 */
export function crashBeforeCommit(point: string): void {
  if (process.env.NODE_ENV === 'test' && process.env.FORMWORK_TEST_CRASH_BEFORE_COMMIT === point) {
    process.kill(process.pid, 'SIGKILL');
  }
}
