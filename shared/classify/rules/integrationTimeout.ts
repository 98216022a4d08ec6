import type { Rule, RuleMatch } from '../rule.ts';
import { accessEvidence, compact, executionEvidence, findExecution } from '../evidenceExcerpts.ts';
import { defaultIntegrationTimeoutMs, gatewayTimeoutSignal, integrationTimeoutMs, integrationUri } from '../signals.ts';
import { functionLabel, requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';

/**
 * API Gateway stopped waiting for the backend: "Execution failed due to a timeout error" in REST
 * execution logs, INTEGRATION_TIMEOUT / a 504 with ~29 s integration latency in access logs.
 */
const GATEWAY_TIMEOUT = /Execution failed due to a timeout error|Endpoint request timed out|Integration timeout/i;

export const integrationTimeout: Rule = {
  id: 'integration-timeout',
  match(r, ctx): RuleMatch | undefined {
    const limit = integrationTimeoutMs(r, ctx);
    const exec = findExecution(r, GATEWAY_TIMEOUT);
    const signal = gatewayTimeoutSignal(r);
    const latency = r.access?.integrationLatencyMs ?? r.access?.responseLatencyMs;
    const nearLimit = latency !== undefined && latency >= limit * 0.97 && latency <= limit * 1.2;
    // The backend answered with its own status: that is not the gateway giving up.
    if (r.access?.integrationStatus !== undefined && r.access.integrationStatus >= 500 && signal === undefined) return undefined;
    let confidence = 0;
    if (exec) confidence = 0.9;
    else if (signal) confidence = 0.8;
    else if (r.status === 504 && nearLimit) confidence = 0.75;
    // HTTP APIs answer 503 "Service Unavailable" when their 30 s limit passes.
    else if (r.status === 503 && nearLimit && ctx.apiType !== 'REST') confidence = 0.72;
    else if (r.status === 504) confidence = 0.5;
    if (confidence === 0) return undefined;
    if (confidence < 0.9 && nearLimit) confidence = Math.min(0.88, confidence + 0.08);

    const facts: RuleMatch['facts'] = { integrationTimeoutMs: limit };
    if (r.functionName) facts.functionName = r.functionName;
    if (latency !== undefined) facts.integrationLatencyMs = latency;
    if (r.functionConfig?.timeoutSeconds !== undefined) facts.timeoutSeconds = r.functionConfig.timeoutSeconds;
    const backend = integrationUri(r);
    if (backend && !r.functionName) facts.backend = backend;
    return {
      id: 'integration-timeout',
      confidence,
      reason: exec ? 'the execution log says the integration timed out' : 'the gateway answered 504 after its integration timeout',
      evidence: compact([exec && executionEvidence(r, exec.line), accessEvidence(r)]),
      facts,
    };
  },
  summarise(f) {
    const limit = `${Math.round((f.facts.integrationTimeoutMs ?? defaultIntegrationTimeoutMs(f.apiType)) / 1000)} s`;
    const behind = f.facts.functionName ?? f.facts.backend ?? 'the backend';
    return `API Gateway gave up after its ${limit} integration timeout waiting for ${behind} on ${requestsLabel(f.requestCount)} to ${routeLabel(f)}${sinceLabel(f)}, and answered 504.`;
  },
  remediate(f) {
    const steps: string[] = [];
    const limit = f.facts.integrationTimeoutMs ?? defaultIntegrationTimeoutMs(f.apiType);
    if (f.facts.functionName) {
      const fn = functionLabel(f);
      steps.push(`Find why ${fn} takes over ${Math.round(limit / 1000)} s: its REPORT durations and X-Ray subsegments show the slow call.`);
      if (f.facts.timeoutSeconds !== undefined && f.facts.timeoutSeconds * 1000 > limit) {
        steps.push(
          `${fn}'s own timeout (${f.facts.timeoutSeconds} s) is longer than the gateway waits: lower it below ${Math.round(limit / 1000)} s (aws lambda update-function-configuration --function-name ${fn} --timeout ${Math.max(1, Math.floor(limit / 1000) - 1)}) so it fails with a clear error, and return early from slow work.`,
        );
      }
    } else {
      steps.push(`Find why ${f.facts.backend ?? 'the backend'} answers slower than ${Math.round(limit / 1000)} s on ${routeLabel(f)}: check its own latency metrics and logs for the window.`);
    }
    steps.push(
      f.apiType === 'HTTP'
        ? 'HTTP APIs cannot wait longer than 30 s: move long work to an asynchronous pattern (queue + polling, or a Step Functions workflow) and answer 202.'
        : 'For long work, answer 202 and process asynchronously (SQS, Step Functions); a Regional or private REST API can raise the integration timeout above 29 s through a Service Quotas request, at the cost of throttle quota.',
    );
    return steps;
  },
};
