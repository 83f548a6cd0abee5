/** Audit actions a resident's access log names, each with the message key saying it in words. */
const ACTION_KEYS: Record<string, string> = {
  'subject.view': 'audit.subjectView',
  'subject.view-personal-data': 'audit.subjectViewPersonalData',
  'subject.create': 'audit.subjectCreate',
  'subject.update': 'audit.subjectUpdate',
  'enrollment.create': 'audit.enrollmentCreate',
  'enrollment.end': 'audit.enrollmentEnd',
  'enrollment.reassign': 'audit.enrollmentReassign',
  'submission.create': 'audit.submissionCreate',
  'submission.update': 'audit.submissionUpdate',
  'access.denied': 'audit.accessDenied',
  export: 'audit.export',
};

/** The message key of an audit action, or undefined for one the app has no words for yet. */
export function auditActionKey(action: string): string | undefined {
  return ACTION_KEYS[action];
}
