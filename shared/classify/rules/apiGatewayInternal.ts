import type { Rule, RuleMatch } from '../rule.ts';
import { accessEvidence, compact, executionEvidence, findExecution } from '../evidenceExcerpts.ts';
import { integrationAnswered, isLambdaIntegration, sentToHttpEndpoint } from '../signals.ts';
import { requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';

/**
 * API Gateway's own internal error, with no fault visible behind it: "Execution failed due to an
 * internal error" in the execution log, no integration response, no function error. Without an
 * execution log a bare "Internal server error" decides nothing (that is insufficient-evidence).
 */
const INTERNAL = /Execution failed due to an internal error|Internal server error|InternalServerErrorException|internal failure/i;

export const apiGatewayInternal: Rule = {
  id: 'api-gateway-internal',
  match(r): RuleMatch | undefined {
    const exec = findExecution(r, INTERNAL);
    if (!exec) return undefined;
    // A response from the integration, or a function that failed, means the fault is behind the gateway.
    const sentToHttp = sentToHttpEndpoint(r) && !isLambdaIntegration(r);
    if (integrationAnswered(r) || sentToHttp || r.invocation?.notable) return undefined;
    return {
      id: 'api-gateway-internal',
      confidence: 0.6,
      reason: 'API Gateway reported an internal error with no fault behind it',
      evidence: compact([executionEvidence(r, exec.line), accessEvidence(r)]),
      facts: { detail: exec.line.text.slice(0, 300) },
    };
  },
  summarise(f) {
    return `API Gateway reported internal errors on ${requestsLabel(f.requestCount)} to ${routeLabel(f)}${sinceLabel(f)}, with no failure visible in the integration.`;
  },
  remediate(f) {
    return [
      'Check the AWS Health Dashboard (aws health describe-events --filter services=APIGATEWAY) for an API Gateway event in this region during the window.',
      `Internal errors are usually short and transient: have clients retry idempotent calls with backoff. If they persist on ${routeLabel(f)}, open an AWS Support case quoting the sampled request ids and extended request ids.`,
      'Recent changes to the API (deployments, custom domain, WAF, resource policy) can also surface as internal errors: compare with the suspect changes.',
    ];
  },
};
