import type { Rule, RuleMatch } from '../rule.ts';
import { accessEvidence, compact, endpointResponseBody, executionEvidence, findExecution } from '../evidenceExcerpts.ts';
import { functionLabel, requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';

/**
 * A proxy integration returned something other than {statusCode, headers, body-as-string}: REST
 * execution logs say "Execution failed due to configuration error: Malformed Lambda proxy response".
 */
const MALFORMED = /Malformed Lambda proxy response|Invalid (Lambda )?proxy response|malformed (integration )?response/i;

export const malformedProxyResponse: Rule = {
  id: 'malformed-proxy-response',
  match(r): RuleMatch | undefined {
    const exec = findExecution(r, MALFORMED);
    const accessText = [r.access?.integrationErrorMessage, r.access?.integrationError].find((m) => m !== undefined && MALFORMED.test(m));
    if (!exec && !accessText) return undefined;
    const facts: RuleMatch['facts'] = {};
    if (r.functionName) facts.functionName = r.functionName;
    const body = endpointResponseBody(r);
    if (body) facts.detail = body.text.replace(/^Endpoint response body before transformations:\s*/i, '').slice(0, 300);
    return {
      id: 'malformed-proxy-response',
      confidence: exec ? 0.95 : 0.85,
      reason: 'API Gateway could not read the proxy response',
      evidence: compact([exec && executionEvidence(r, exec.line), body && executionEvidence(r, body), !exec ? accessEvidence(r) : undefined]),
      facts,
    };
  },
  summarise(f) {
    return `${functionLabel(f)} returns a response API Gateway cannot read as a proxy response, so ${requestsLabel(f.requestCount)} to ${routeLabel(f)} got a 502${sinceLabel(f)}.`;
  },
  remediate(f) {
    const fn = functionLabel(f);
    const steps = [
      `Make ${fn} return exactly { "statusCode": <number>, "headers": { ... }, "body": "<string>" } (plus optional isBase64Encoded, multiValueHeaders): body must be a string — JSON.stringify / json.dumps it — and no other top-level keys.`,
    ];
    if (f.facts.detail) steps.push(`What it returned: ${f.facts.detail}`);
    steps.push(`Check every return path, error handlers included (a catch block that returns the error object or throws after a partial response is the usual culprit).`);
    return steps;
  },
};
