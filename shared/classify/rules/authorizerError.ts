import type { Rule, RuleMatch } from '../rule.ts';
import { accessEvidence, compact, executionEvidence, findExecution } from '../evidenceExcerpts.ts';
import { requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';

/**
 * A Lambda authorizer crashed, timed out or returned an invalid policy: REST execution logs say
 * "Execution failed due to configuration error: Authorizer error" / "Invalid JSON in authorizer
 * response" / "AuthorizerConfigurationException"; access logs carry $context.authorizer.error and
 * error.responseType AUTHORIZER_FAILURE / AUTHORIZER_CONFIGURATION_ERROR; HTTP APIs say "The response
 * from the Lambda Authorizer function doesn't match the format that API Gateway expects".
 */
const AUTHORIZER =
  /Authorizer error|AuthorizerConfigurationException|Invalid JSON in authorizer response|authorizer response|Unable to parse (the )?authorizer|Lambda Authorizer|Authorizer (function )?(failed|execution failed|timed out)|AUTHORIZER_(FAILURE|CONFIGURATION_ERROR)|Authorization failed due to/i;

export const authorizerError: Rule = {
  id: 'authorizer-error',
  match(r): RuleMatch | undefined {
    const exec = findExecution(r, AUTHORIZER);
    const execFailure = exec && /error|fail|invalid|unable|timed out|exception|doesn't match/i.test(exec.line.text) ? exec : undefined;
    const a = r.access;
    const accessSignal =
      (a?.authorizerError !== undefined && a.authorizerError !== '' && a.authorizerError !== '-') ||
      (a?.errorResponseType !== undefined && /AUTHORIZER_(FAILURE|CONFIGURATION_ERROR)/i.test(a.errorResponseType)) ||
      [a?.errorMessage, a?.integrationErrorMessage].some((m) => m !== undefined && AUTHORIZER.test(m)) ||
      (a?.authorizerStatus !== undefined && a.authorizerStatus >= 500);
    // HTTP APIs often log no error field at all for a failing authorizer: a 500 on a route with an
    // authorizer where the integration was never called (no integration status or latency) is the footprint.
    const neverReached =
      Boolean(r.integration?.authorizer) && a !== undefined && a.status === 500 && a.integrationStatus === undefined &&
      a.integrationLatencyMs === undefined && !r.execution && !r.invocation;
    if (!execFailure && !accessSignal && !neverReached) return undefined;
    const facts: RuleMatch['facts'] = {};
    const auth = r.integration?.authorizer;
    if (auth) facts.authorizer = auth;
    const authorizerFn = r.invocation && r.functionName ? r.functionName : undefined;
    if (authorizerFn) facts.functionName = authorizerFn;
    facts.detail = (execFailure?.line.text ?? a?.authorizerError ?? a?.errorMessage ?? '').slice(0, 300);
    return {
      id: 'authorizer-error',
      confidence: execFailure ? 0.9 : accessSignal ? 0.82 : 0.6,
      reason: execFailure || accessSignal ? 'the Lambda authorizer failed' : 'a 500 on an authorized route before the integration was called',
      evidence: compact([execFailure && executionEvidence(r, execFailure.line), accessEvidence(r)]),
      facts,
    };
  },
  summarise(f) {
    return `The Lambda authorizer${f.facts.authorizer ? ` ${f.facts.authorizer}` : ''} fails, so ${requestsLabel(f.requestCount)} to ${routeLabel(f)} got a 500 before reaching the integration${sinceLabel(f)}.`;
  },
  remediate(f) {
    const name = f.facts.authorizer ?? 'the authorizer';
    const fn = f.context.api?.authorizers.find((a) => a.name === f.facts.authorizer)?.functionName;
    return [
      `Open ${fn ? `the logs of ${fn}` : `${name}'s function logs`} for the sampled requests: a crash, a timeout or an init error there is the cause.`,
      f.apiType === 'HTTP'
        ? 'The authorizer must return the format it is configured for: with simple responses {"isAuthorized": true|false, "context": {...}}, otherwise an IAM policy document; payload version must match.'
        : 'The authorizer must return {"principalId": "...", "policyDocument": {"Version": "2012-10-17", "Statement": [{"Action": "execute-api:Invoke", "Effect": "Allow|Deny", "Resource": "<methodArn>"}]}} with context values that are strings, numbers or booleans only.',
      'Check that API Gateway may invoke the authorizer function (its resource policy or the authorizer credentials role) and that its timeout is short — the authorizer and the integration share the request time.',
    ];
  },
};
