import type { PluginSignatures, WorkflowService } from '@formwork/engine/plugin-api';

/**
 * The remote consultation's `sign-report` step: the expert's report (the submission of the task
 * completed just before) is signed with the expert's certificate and stored beside it. No report
 * or a signer that fails throws, which opens an incident: never a silent "signed".
 */
export function signReportService(signatures: PluginSignatures): WorkflowService {
  return async (call) => {
    const task = call.lastTask;
    if (!task?.submissionId)
      throw new Error(
        '没有可签名的会诊报告 / no report to sign: the step before sign-report stored no form',
      );
    const signature = await signatures.signSubmission(task.submissionId, {
      kind: 'user',
      userId: task.completedBy.userId,
      username: task.completedBy.username,
    });
    call.record('report-signed', {
      submissionId: task.submissionId,
      signer: signature.signer,
      signedAt: signature.signedAt,
    });
    return {
      reportSigned: true,
      reportSignedBy: signature.signer,
      reportSignedAt: signature.signedAt,
    };
  };
}
