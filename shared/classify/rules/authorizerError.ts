import type { Rule, RuleMatch } from '../rule.ts';
import type { EvidenceItem } from '../../model/diagnosis.ts';
import type { LambdaLine } from '../../correlate/invocation.ts';
import { accessEvidence, compact, executionEvidence, findExecution, trimExcerpt } from '../evidenceExcerpts.ts';
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

/** The authorizer function's line that says how it failed: a timeout, a runtime error record, an ERROR line. */
function decisiveAuthorizerLine(lines: readonly LambdaLine[]): LambdaLine | undefined {
  return (
    lines.find((l) => /Task timed out after/i.test(l.raw)) ??
    lines.find((l) => l.record.kind === 'app' && l.record.errorType !== undefined) ??
    lines.find((l) => l.record.kind === 'app' && (l.record.level === 'ERROR' || l.record.level === 'FATAL')) ??
    lines.find((l) => l.record.kind === 'platform')
  );
}

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
    const authorizerFn = r.authorizerFunction ?? (r.invocation && r.functionName ? r.functionName : undefined);
    if (authorizerFn) facts.functionName = authorizerFn;
    // The authorizer's own log says how it failed (a timeout, a crash): tied by time, so it confirms
    // the gateway's footprint rather than standing alone.
    const own = r.authorizerInvocation ? decisiveAuthorizerLine(r.authorizerInvocation.lines) : undefined;
    const ownText = own?.raw.split(/\r?\n/)[0]?.trim();
    facts.detail = (execFailure?.line.text ?? (a?.authorizerError && a.authorizerError !== '-' ? a.authorizerError : undefined) ?? ownText ?? a?.errorMessage ?? '').slice(0, 300);
    const timeout = own ? /Task timed out after\s+([\d.]+)\s*seconds/i.exec(own.raw) : null;
    if (timeout?.[1]) facts.timeoutSeconds = Math.round(Number(timeout[1]));
    const base = execFailure ? 0.9 : accessSignal ? 0.82 : 0.6;
    const ownEvidence: EvidenceItem | undefined =
      own && r.authorizerInvocation
        ? {
            source: 'lambda-log',
            ...(r.requestId ? { requestId: r.requestId } : {}),
            lambdaRequestId: r.authorizerInvocation.requestId,
            ...(authorizerFn ? { functionName: authorizerFn } : {}),
            excerpt: trimExcerpt(own.raw),
            timestamp: new Date(own.timestamp).toISOString(),
            file: r.authorizerInvocation.file,
            ...(r.authorizerInvocation.logGroup ? { logGroup: r.authorizerInvocation.logGroup } : {}),
          }
        : undefined;
    return {
      id: 'authorizer-error',
      confidence: own ? Math.max(base, 0.78) : base,
      reason: execFailure || accessSignal || own ? 'the Lambda authorizer failed' : 'a 500 on an authorized route before the integration was called',
      evidence: compact([execFailure && executionEvidence(r, execFailure.line), ownEvidence, accessEvidence(r)]),
      facts,
    };
  },
  summarise(f) {
    const how = f.facts.timeoutSeconds !== undefined ? ` times out (after ${f.facts.timeoutSeconds} s)` : ' fails';
    const fn = f.facts.functionName && f.facts.functionName !== f.facts.authorizer ? ` (function ${f.facts.functionName})` : '';
    return `The Lambda authorizer${f.facts.authorizer ? ` ${f.facts.authorizer}` : ''}${fn}${how}, so ${requestsLabel(f.requestCount)} to ${routeLabel(f)} got a 500 before reaching the integration${sinceLabel(f)}.`;
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
