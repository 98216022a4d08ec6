import type { BundleContext } from '../model/context.ts';
import type { EvidenceSource } from '../model/evidenceSource.ts';
import type { CollectedEvidence } from '../correlate/EvidenceCollector.ts';
import type { RequestEvidence } from '../correlate/requestEvidence.ts';
import type { Scope } from './resolveScope.ts';

export interface GapInput {
  source: EvidenceSource;
  context: BundleContext;
  collected: CollectedEvidence;
  requests: readonly RequestEvidence[];
  scope: Scope;
  outOfWindow: readonly RequestEvidence[];
  fromLambdaOnly: boolean;
  traceCount: number;
}

/**
 * What was missing or unreadable, each with how to turn it on. `missing` is the short list the
 * insufficient-evidence finding quotes.
 */
export function describeGaps(input: GapInput): { messages: string[]; missing: string[] } {
  const { source, context, collected, requests, scope, outOfWindow } = input;
  const messages: string[] = [];
  const missing: string[] = [];

  for (const p of source.problems) messages.push(p.message.startsWith(p.file) ? p.message : `${p.file}: ${p.message}`);

  // In scope only: another stage's execution logs say nothing about this one's logging.
  const hasExecution = collected.failingExecution.size > 0 || collected.counts.executionRequests > 0;
  const hasAccess = collected.counts.accessRecords > 0;
  if (scope.apiType !== 'HTTP' && !hasExecution) {
    const off = context.stage?.executionLoggingLevel === 'OFF';
    missing.push('execution logs');
    messages.push(
      off
        ? `Execution logging is OFF on stage ${scope.stage ?? ''}: the integration's own error messages are not recorded. Turn it on (ERROR, or INFO while investigating) in the stage's Logs/Tracing settings.`
        : 'No REST API execution log was found in the evidence (API-Gateway-Execution-Logs_<apiId>/<stage>); without it the integration error messages are unknown.',
    );
  }
  if (!hasAccess) {
    missing.push('access logs');
    messages.push(
      context.stage && !context.stage.accessLogDestinationArn
        ? `Access logging is not configured on stage ${scope.stage ?? ''}: failing requests are counted from other logs only. Add an access log with $context.requestId, $context.status and the error fields.`
        : 'No access log records were found in the evidence, so failing requests are counted from other logs only.',
    );
  }
  const lambdaRequests = requests.filter((r) => r.functionName || r.lambdaRequestId);
  const withoutInvocation = lambdaRequests.filter((r) => !r.invocation);
  if (lambdaRequests.length > 0 && collected.counts.lambdaEvents === 0) {
    const names = [...new Set(lambdaRequests.map((r) => r.functionName).filter(Boolean))];
    missing.push('Lambda logs');
    messages.push(`No Lambda log was found for ${names.length ? names.join(', ') : 'the integrated functions'}: add /aws/lambda/<function> (or the function's custom log group) to the evidence.`);
  } else if (withoutInvocation.length > 0) {
    // A request Lambda refused (403, 404, 429 from Invoke) never ran: no invocation is missing for it.
    const needed = withoutInvocation.filter((r) => r.lambdaRequestId && r.facts?.lambdaInvocationStatus === undefined).length;
    if (needed > 0) messages.push(`${needed} failing requests name a Lambda request id whose invocation is not in the Lambda logs read (outside the time range collected, another log group, or logs dropped).`);
  }
  if (input.traceCount === 0 && requests.length > 0) {
    missing.push('X-Ray traces');
    messages.push(
      context.stage?.tracingEnabled === false
        ? 'X-Ray tracing is off on the stage: no trace could confirm where time or faults went.'
        : 'No X-Ray trace was in the evidence (traces/*.json).',
    );
  }
  const loggingOff = context.changes.find((c) => /UpdateStage/i.test(c.eventName) && /loglevel[^,;]*OFF/i.test(c.what));
  if (loggingOff) messages.push(`Execution logging was turned off during the window (${loggingOff.what}, ${new Date(loggingOff.time).toISOString()}): requests after that have no execution log.`);
  if (!context.alarm) messages.push('No alarm in the evidence: the window is taken from the command line or from the failures found.');
  if (outOfWindow.length > 0) {
    messages.push(`${outOfWindow.length} failing requests outside the diagnosis window were set aside (an earlier or later incident is not this one).`);
  }
  for (const [what, n] of collected.setAside) messages.push(`Out of scope (${scope.apiId ?? '?'}/${scope.stage ?? '?'}): ${n} ${what} were set aside.`);
  for (const [file, n] of collected.unrecognisedByFile) {
    messages.push(`${file}: ${n} log events were not recognised as execution, access or Lambda logs and were not used.`);
  }
  if (input.fromLambdaOnly && requests.length > 0) {
    messages.push('No API Gateway log held a failing request: the findings come from failed Lambda invocations in the window, which may include invocations that were not API requests.');
  }
  return { messages, missing };
}
