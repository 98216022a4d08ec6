import type { Rule, RuleMatch } from '../rule.ts';
import { accessEvidence, compact, endpointResponseBody, executionEvidence, findExecution } from '../evidenceExcerpts.ts';
import { integrationUri, isLambdaIntegration } from '../signals.ts';
import { backendHost, requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';

/**
 * An HTTP backend answered 5xx and API Gateway passed it on: "Received response. Status: 503,
 * Integration latency: 12 ms" in REST execution logs, integrationStatus 5xx in access logs.
 */
const RECEIVED_5XX = /Received response\.\s*Status:\s*(5\d\d)/i;

export const backendErrorResponse: Rule = {
  id: 'backend-error-response',
  match(r): RuleMatch | undefined {
    if (isLambdaIntegration(r)) return undefined;
    const exec = findExecution(r, RECEIVED_5XX);
    const integrationStatus = r.access?.integrationStatus;
    const access5xx = integrationStatus !== undefined && integrationStatus >= 500;
    if (!exec && !access5xx) return undefined;
    const backend = integrationUri(r);
    const awsService = /amazonaws\.com|arn:aws[a-z-]*:apigateway:[a-z0-9-]+:[a-z0-9-]+:(action|path)\//i.test(backend ?? '');
    if (awsService) return undefined;
    const status = Number(exec?.match[1] ?? integrationStatus);
    const facts: RuleMatch['facts'] = { detail: String(status) };
    if (backend) facts.backend = backend;
    const body = endpointResponseBody(r);
    const known = Boolean(backend) || r.integration !== undefined;
    return {
      id: 'backend-error-response',
      confidence: exec ? 0.88 : known ? 0.8 : 0.6,
      reason: `the backend answered ${status}`,
      evidence: compact([exec && executionEvidence(r, exec.line), body && executionEvidence(r, body), accessEvidence(r)]),
      facts,
    };
  },
  summarise(f) {
    return `${f.facts.backend ?? 'The HTTP backend'} answered ${f.facts.detail ?? '5xx'} and API Gateway passed it on: ${requestsLabel(f.requestCount)} to ${routeLabel(f)}${sinceLabel(f)}.`;
  },
  remediate(f) {
    const host = backendHost(f);
    return [
      `The fault is in the backend${host ? ` ${host}` : ''}, not in API Gateway: look at its own logs and metrics for ${routeLabel(f)} from the onset (errors, saturation, a deploy).`,
      'Correlate with the backend using the request id API Gateway forwards (add $context.requestId as an integration request header if it is not there yet).',
      'If the backend is overloaded, shed load at the edge with stage or method throttling; if it is briefly unavailable during deploys, use health-checked rolling deploys behind the load balancer.',
    ];
  },
};
