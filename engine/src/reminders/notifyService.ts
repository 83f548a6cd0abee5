import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database/Database.js';
import type { WorkflowService } from '../workflows/ServiceRegistry.js';
import type { NotificationService } from './NotificationService.js';

/** "中文 English" (a BPMN element's name) as zh and en; one language serves as both. */
export function bilingualName(name: string): { zh: string; en: string } {
  const match = /^(.*?[^\x20-\x7e].*?)\s+([A-Za-z][\x20-\x7e]*)$/.exec(name.trim());
  return match ? { zh: match[1]!, en: match[2]! } : { zh: name, en: name };
}

/**
 * The built-in workflow service `notify`: writes an in-app notification, in the step's
 * transaction, titled with the task's name (or its `title` property, "中文 / English"), naming
 * the instance's resident. Who gets it, by the task's properties:
 *
 * - `recipientRole`: every active user holding that role (a grant not revoked) at the instance's
 *   org unit or above it — e.g. the township's public-health lead;
 * - otherwise the user who started the instance (the doctor who asked for a consultation) and
 *   the responsible doctors of the resident's active enrollments, each once.
 *
 * The history line (`notified`, with the template and how many were notified) stays.
 */
export function notifyService(deps: {
  database: Database;
  notifications: NotificationService;
}): WorkflowService {
  return async (call) => {
    const work = async (transaction: Transaction) => {
      const select = <T extends object>(sql: string, bind: unknown[]) =>
        deps.database.sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT, transaction });
      const [instance] = await select<{ org_path: string; started_by: string | null }>(
        'SELECT org_path, started_by FROM workflow_instances WHERE id = $1',
        [call.instanceId],
      );
      const subjectId =
        typeof call.variables.subjectId === 'string' ? call.variables.subjectId : null;
      let recipients: string[] = [];
      const role = call.properties.recipientRole;
      if (role) {
        const orgPath =
          instance?.org_path ??
          (subjectId
            ? (
                await select<{ org_path: string }>('SELECT org_path FROM subjects WHERE id = $1', [
                  subjectId,
                ])
              )[0]?.org_path
            : undefined);
        if (orgPath)
          recipients = (
            await select<{ id: string }>(
              `SELECT DISTINCT u.id FROM users u JOIN role_grants g ON g.user_id = u.id
               WHERE u.active AND g.revoked_at IS NULL AND g.role = $1
                 AND $2 LIKE g.org_path || '%' ORDER BY u.id`,
              [role, orgPath],
            )
          ).map((r) => r.id);
      } else {
        if (subjectId)
          recipients = (
            await select<{ id: string }>(
              `SELECT DISTINCT responsible_user_id AS id FROM enrollments
               WHERE subject_id = $1 AND ended_on IS NULL AND responsible_user_id IS NOT NULL
               ORDER BY 1`,
              [subjectId],
            )
          ).map((r) => r.id);
        if (instance?.started_by && !recipients.includes(instance.started_by))
          recipients = [instance.started_by, ...recipients];
      }
      const title = call.properties.title
        ? bilingualTitle(call.properties.title)
        : bilingualName(call.elementName ?? call.elementId);
      await deps.notifications.write(
        recipients.map((recipientUserId) => ({
          recipientUserId,
          kind: 'workflow' as const,
          title,
          subjectId,
          workflowInstanceId: call.instanceId,
        })),
        transaction,
      );
      return recipients.length;
    };
    const current = deps.database.currentTransaction;
    const notified = current ? await work(current) : await deps.database.transaction(work);
    call.record('notified', {
      ...(call.properties.template ? { template: call.properties.template } : {}),
      recipients: notified,
    });
  };
}

/** A `title` property, "中文 / English" (or one text for both). */
function bilingualTitle(text: string): { zh: string; en: string } {
  const [zh, en] = text.split(' / ');
  return { zh: zh!.trim(), en: (en ?? zh!).trim() };
}
