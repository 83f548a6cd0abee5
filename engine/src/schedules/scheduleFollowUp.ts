import { evaluateRule, RuleError } from '@formwork/definitions';
import { ruleClock, type Clock } from '../clock.js';
import type { Database } from '../database/Database.js';
import type { WorkflowService } from '../workflows/ServiceRegistry.js';
import type { DueItemWriter } from './DueItemWriter.js';

/**
 * The built-in workflow service `schedule-follow-up`: writes the due item the BPMN names, for the
 * instance's resident, in the step's transaction. The service task says which with its
 * properties: `schedule` and `occurrence` (ids of the release's schedule), and optionally
 * `anchorDate`, JsonLogic over the instance variables giving the date it counts from (default
 * today), e.g. `{"var":"referralDate"}`. The item is the occurrence counted from that date on the
 * resident's active enrollment that runs the schedule (dueItemAt), pinned to the instance: it
 * stays on the worklist until a record satisfies it. A resident with no such enrollment, or an
 * occurrence whose condition does not hold, is recorded in the history and the workflow goes on;
 * a BPMN that names no schedule, or an anchor that is no date, fails the step (an incident).
 */
export function scheduleFollowUp(deps: {
  writer: DueItemWriter;
  database: Database;
  clock: Clock;
}): WorkflowService {
  return async (call) => {
    const { schedule, occurrence, anchorDate } = call.properties;
    if (!schedule || !occurrence)
      throw new Error(
        `schedule-follow-up at ${call.elementId} names no schedule and occurrence (camunda:property schedule, occurrence)`,
      );
    const subjectId = call.variables.subjectId;
    if (typeof subjectId !== 'string')
      throw new Error(`schedule-follow-up at ${call.elementId}: the instance has no subjectId`);
    const clock = ruleClock(deps.clock);
    let date = clock.today();
    if (anchorDate !== undefined) {
      let value: unknown;
      try {
        value = evaluateRule(JSON.parse(anchorDate) as unknown, call.variables, clock);
      } catch (err) {
        const reason = err instanceof RuleError ? err.reason : (err as Error).message;
        throw new Error(`schedule-follow-up at ${call.elementId}: anchorDate: ${reason}`);
      }
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value))
        throw new Error(
          `schedule-follow-up at ${call.elementId}: anchorDate gave no date (${JSON.stringify(value)})`,
        );
      date = value.slice(0, 10);
    }
    const request = {
      subjectId,
      scheduleId: schedule,
      occurrenceId: occurrence,
      anchorDate: date,
      instanceId: call.instanceId,
    };
    const current = deps.database.currentTransaction;
    const pinned = current
      ? await deps.writer.pin(request, current)
      : await deps.database.transaction((transaction) => deps.writer.pin(request, transaction));
    if (pinned.outcome === 'scheduled') {
      const { item } = pinned;
      call.record('follow-up-scheduled', {
        schedule,
        occurrence,
        dueItemId: item.id,
        enrollmentId: item.enrollment_id,
        anchorDate: item.anchor_date,
        dueDate: item.due_date,
        status: item.status,
      });
    } else
      call.record('follow-up-not-scheduled', {
        schedule,
        occurrence,
        anchorDate: date,
        reason: pinned.outcome,
      });
  };
}
