import type { Rule, RuleMatch } from '../rule.ts';
import { accessEvidence, compact, executionEvidence, findExecution, findGatewayExecution } from '../evidenceExcerpts.ts';
import { accessErrorTexts, integrationAnswered, integrationUri, isLambdaIntegration, sentToHttpEndpoint } from '../signals.ts';
import { backendHost, requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';

/**
 * An HTTP or VPC-link backend could not be reached: "Invalid endpoint address", "Network error
 * communicating with endpoint", DNS failures, refused or reset connections, connect timeouts, a VPC link
 * with no healthy targets ("There was an internal error while executing your request" after the
 * 10 s connect attempt, on an HTTP integration).
 */
const UNREACHABLE =
  /Invalid endpoint address|Network error communicating with endpoint|Connection refused|connect(ion)? timed out|connect timeout|Connection reset|reset by peer|UnknownHostException|Unknown host|Name or service not known|could not resolve|unable to resolve|no healthy|VPC link[^\n]*(not|fail|error|unavailable|invalid)|Unable to connect|ECONNREFUSED|EHOSTUNREACH|ENOTFOUND|NoHttpResponseException|Host is unreachable|Service Unavailable: Back-end server is at capacity/i;
/** An unreachable-backend phrase on a line that says something failed. */
const UNREACHABLE_FAILURE = new RegExp(
  `^(?=[^]*(?:fail|error|refused|reset|unknown|unable|invalid|no healthy|timed out|timeout|unreachable|not known|capacity))[^]*(?:${UNREACHABLE.source})`,
  'i',
);
const INTERNAL_WHILE_SENDING = /There was an internal error while executing your request/i;

export const backendUnreachable: Rule = {
  id: 'backend-unreachable',
  match(r, ctx): RuleMatch | undefined {
    if (isLambdaIntegration(r)) return undefined;
    // API Gateway's own lines only: a body such as Envoy's "no healthy upstream" means the backend answered.
    const execFailure = findGatewayExecution(r, UNREACHABLE_FAILURE, { skipPayloads: true });
    const accessText = accessErrorTexts(r).find((t) => UNREACHABLE.test(t));
    // The generic internal error counts only when the request was sent to an HTTP backend and nothing came back.
    const httpIntegration = /^http/i.test(r.integration?.type ?? '') || r.integration?.connectionType === 'VPC_LINK';
    const sentToHttp = httpIntegration || sentToHttpEndpoint(r);
    const internal = !execFailure && sentToHttp && !integrationAnswered(r) ? findExecution(r, INTERNAL_WHILE_SENDING) : undefined;
    // HTTP APIs log nothing about a backend they never reached: a fast 500 with no integration status
    // or latency on an HTTP integration is the footprint (weak on its own).
    const a = r.access;
    const neverReached =
      !execFailure && !accessText && !internal && httpIntegration && !r.integration?.authorizer && a !== undefined && a.status === 500 &&
      a.integrationStatus === undefined && a.integrationLatencyMs === undefined && (r.execution?.lines.length ?? 0) === 0;
    // A load balancer with no healthy target answers 503 itself within milliseconds (an ALB's own page);
    // HealthyHostCount at 0 in the window makes it certain.
    const integrationStatus = a?.integrationStatus ?? r.facts?.integrationStatus;
    const integrationLatency = a?.integrationLatencyMs ?? r.facts?.integrationLatencyMs;
    const behindLoadBalancer =
      r.integration?.connectionType === 'VPC_LINK' || /elasticloadbalancing|\.elb\.amazonaws\.com|:listener\//i.test(r.integration?.uri ?? r.facts?.endpointUri ?? '');
    const noTargets = ctx.context.metrics.some(
      (m) => m.metricName === 'HealthyHostCount' && m.points.some((p) => p.value === 0 && Math.abs(p.timestamp - r.time) < 10 * 60_000),
    );
    const lbNoTargets =
      !execFailure && !accessText && !internal && behindLoadBalancer && integrationStatus === 503 && integrationLatency !== undefined && integrationLatency < 50;
    if (!execFailure && !accessText && !internal && !neverReached && !lbNoTargets) return undefined;
    const facts: RuleMatch['facts'] = {
      detail: (
        execFailure?.line.text ??
        accessText ??
        internal?.line.text ??
        (lbNoTargets
          ? `the load balancer answered 503 in ${integrationLatency} ms${noTargets ? ' while its HealthyHostCount was 0' : ''}: no healthy targets`
          : 'no response from the integration: status 500 with no integration status or latency')
      ).slice(0, 300),
    };
    const backend = integrationUri(r);
    if (backend) facts.backend = backend;
    if (r.integration?.connectionType) facts.service = r.integration.connectionType;
    return {
      id: 'backend-unreachable',
      confidence: execFailure ? 0.9 : accessText ? 0.82 : lbNoTargets ? (noTargets ? 0.85 : 0.65) : internal ? 0.68 : 0.55,
      reason: 'the backend could not be reached',
      evidence: compact([execFailure && executionEvidence(r, execFailure.line), internal && executionEvidence(r, internal.line), accessEvidence(r)]),
      facts,
    };
  },
  summarise(f) {
    return `API Gateway cannot reach ${f.facts.backend ?? 'the backend'} (${f.facts.detail ?? 'connection failed'}): ${requestsLabel(f.requestCount)} to ${routeLabel(f)} failed${sinceLabel(f)}.`;
  },
  remediate(f) {
    const host = backendHost(f);
    const steps: string[] = [];
    if (/resolve|unknown host|not known|ENOTFOUND|Invalid endpoint address/i.test(f.facts.detail ?? '')) {
      steps.push(`The backend host${host ? ` ${host}` : ''} does not resolve or is not a valid endpoint: check the integration URI (and any stage variable in it) and the DNS record.`);
    }
    if (f.facts.service === 'VPC_LINK' || /VPC link|healthy/i.test(f.facts.detail ?? '')) {
      steps.push('Check the VPC link status (aws apigateway get-vpc-links / aws apigatewayv2 get-vpc-links) and the target group health of its load balancer (aws elbv2 describe-target-health): unhealthy or deregistered targets and security groups that do not allow the NLB are the usual causes.');
    }
    steps.push(`Check that the backend${host ? ` ${host}` : ''} listens on the port in the integration URI and accepts connections from API Gateway (security groups, NACLs, WAF/allow-lists), and that it was not scaled to zero or redeployed at the onset.`);
    steps.push(`From a host in the same network: curl -sv ${f.facts.backend ?? 'https://BACKEND/'} -o /dev/null`);
    return steps;
  },
};
