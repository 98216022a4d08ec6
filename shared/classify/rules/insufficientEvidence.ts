import type { FindingFacts } from '../rule.ts';
import { requestsLabel, routeLabel } from '../findingText.ts';

/**
 * Not a matcher: what is said about requests no rule could explain. Its remediation is the list of
 * evidence to turn on, which the engine knows from the gaps it found.
 */
export const insufficientEvidence = {
  id: 'insufficient-evidence' as const,
  summarise(f: FindingFacts, missing: readonly string[]): string {
    const what = missing.length > 0 ? ` Missing: ${missing.join('; ')}.` : '';
    return `${requestsLabel(f.requestCount)} to ${routeLabel(f)} failed, but the evidence read does not say why.${what}`;
  },
  remediate(f: FindingFacts, missing: readonly string[]): string[] {
    const steps: string[] = [];
    if (f.apiType !== 'HTTP' && missing.some((m) => /execution log/i.test(m))) {
      steps.push(
        `Turn on execution logging at ERROR (or INFO while investigating) for stage ${f.stage ?? 'STAGE'}: aws apigateway update-stage --rest-api-id ${f.apiId ?? 'API_ID'} --stage-name ${f.stage ?? 'STAGE'} --patch-operations op=replace,path=/*/*/logging/loglevel,value=ERROR`,
      );
    }
    if (missing.some((m) => /access log/i.test(m))) {
      steps.push(
        'Turn on access logging with the error fields: include $context.requestId, $context.status, $context.integrationStatus, $context.integrationErrorMessage (REST) or $context.integration.error (HTTP), $context.error.message, $context.error.responseType and $context.integrationLatency in the format.',
      );
    }
    if (missing.some((m) => /Lambda log/i.test(m))) steps.push('Add the Lambda function log groups of the integrated functions to the evidence (collect them, or check that the functions may write logs).');
    if (missing.some((m) => /X-Ray|trace/i.test(m))) steps.push('Turn on X-Ray tracing on the stage and the functions, so that each failing request has a trace.');
    steps.push('Then run the diagnosis again on the next occurrence, or widen the window if the failures are older than the logs read.');
    return steps;
  },
};
