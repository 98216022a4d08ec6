import type { Rule, RuleMatch } from '../rule.ts';
import { accessEvidence, compact, endpointResponseBody, executionEvidence, lambdaEvidence } from '../evidenceExcerpts.ts';
import { functionOutcome, isLambdaIntegration } from '../signals.ts';
import { decisiveErrorLine } from './lambdaUnhandledError.ts';
import { functionLabel, requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';

/**
 * The function handled a failure and returned a 5xx itself: the invocation ended normally (no function
 * error), and its response — "Endpoint response body before transformations: {"statusCode":500,...}" in
 * REST execution logs, or integrationStatus 200 with a 5xx status in an access log — is a 5xx. The
 * reason is whatever the function logged at ERROR/WARN, when it logged one.
 */
export const functionErrorResponse: Rule = {
  id: 'function-error-response',
  match(r): RuleMatch | undefined {
    if (!isLambdaIntegration(r) || functionOutcome(r) !== 'handled') return undefined;
    const body = endpointResponseBody(r);
    const reason = r.invocation ? decisiveErrorLine(r.invocation.lines) : undefined;
    const facts: RuleMatch['facts'] = {};
    if (r.functionName) facts.functionName = r.functionName;
    if (reason?.record.kind === 'app') {
      facts.errorMessage = (reason.record.errorMessage ?? reason.record.text).slice(0, 300);
      if (reason.record.errorType) facts.errorType = reason.record.errorType;
    }
    if (r.status !== undefined) facts.detail = String(r.status);
    const direct = r.invocationMatch === 'request-id' || r.invocationMatch === 'trace' || body !== undefined;
    return {
      id: 'function-error-response',
      confidence: reason ? (direct ? 0.8 : 0.65) : direct ? 0.65 : 0.5,
      reason: reason ? 'the function returned a 5xx and logged why' : 'the function returned a 5xx without logging a reason',
      evidence: compact([reason && lambdaEvidence(r, reason), body && executionEvidence(r, body), accessEvidence(r)]),
      facts,
    };
  },
  summarise(f) {
    const why = f.facts.errorMessage ? ` Its own log gives the reason: ${f.facts.errorMessage}` : ' It logged no reason.';
    return `${functionLabel(f)} ran and returned ${f.facts.detail ?? 'a 5xx'} itself on ${requestsLabel(f.requestCount)} to ${routeLabel(f)}${sinceLabel(f)}.${why}`;
  },
  remediate(f) {
    const fn = functionLabel(f);
    const steps: string[] = [];
    if (f.facts.errorMessage) {
      steps.push(`Fix what ${fn} reports: "${f.facts.errorMessage}".`);
    } else {
      steps.push(`${fn} returns ${f.facts.detail ?? '5xx'} without logging why: add a log line with the reason on every error path, then reproduce with a sampled request.`);
    }
    const change = f.context.changes.find((c) => /UpdateFunctionCode|UpdateFunctionConfiguration|UpdateAlias/i.test(c.eventName));
    if (change) steps.unshift(`A change to the function preceded the onset: ${change.what} by ${change.who}.`);
    steps.push(`Check the function's environment and configuration it depends on (environment variables, secrets, feature flags) — a handled 5xx is often a missing or wrong setting.`);
    return steps;
  },
};
