import type { Rule, RuleMatch } from '../rule.ts';
import { compact, executionEvidence, findExecution, findLambda, lambdaEvidence, accessEvidence } from '../evidenceExcerpts.ts';
import { accessErrorTexts, defaultIntegrationTimeoutMs, gatewayTimeoutSignal, integrationTimeoutMs, matchWeight } from '../signals.ts';
import { functionLabel, regionArg, requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';

/**
 * The function ran past its own timeout. Lambda writes "Task timed out after 6.00 seconds" (and newer
 * runtimes "Status: timeout" in REPORT / platform.report); API Gateway quotes the same text in
 * "Lambda execution failed with status 200 due to customer function error: ...", and HTTP APIs in
 * $context.integrationErrorMessage: "The Lambda function returned the following error: RequestId: … Error:
 * Task timed out after 5.00 seconds. Check your Lambda function code and try again."
 */
const TASK_TIMED_OUT = /Task timed out after\s+([\d.]+)\s*seconds/i;

export const lambdaTimeout: Rule = {
  id: 'lambda-timeout',
  match(r, ctx): RuleMatch | undefined {
    const exec = findExecution(r, TASK_TIMED_OUT);
    const lambdaLine = findLambda(r, TASK_TIMED_OUT);
    const report = r.invocation?.report;
    const reportTimeout = report?.status?.toLowerCase() === 'timeout';
    const accessQuote = accessErrorTexts(r)
      .map((t) => TASK_TIMED_OUT.exec(t))
      .find((m): m is RegExpExecArray => m !== null);
    // Timeouts are whole seconds; Lambda reports the moment it stopped the function ("after 20.03
    // seconds"), so the configuration wins and the logged figure is rounded.
    const logged = Number(exec?.match[1] ?? lambdaLine?.match[1] ?? accessQuote?.[1] ?? Number.NaN);
    const timeoutSeconds = r.functionConfig?.timeoutSeconds ?? (Number.isFinite(logged) ? Math.max(1, Math.round(logged)) : Number.NaN);

    let confidence = 0;
    if (exec) confidence = 0.95;
    // The gateway quoting Lambda's own words about this request: direct, without the Lambda log.
    else if (accessQuote) confidence = 0.9;
    if (lambdaLine || reportTimeout) confidence = Math.max(confidence, 0.95 * matchWeight(r));

    // No log says so, but the request took as long as the function may run: a weak hint only.
    const latency = r.access?.integrationLatencyMs ?? r.access?.responseLatencyMs;
    const configured = r.functionConfig?.timeoutSeconds;
    if (confidence === 0 && configured !== undefined && latency !== undefined && r.status !== undefined && r.status >= 500) {
      const ratio = latency / (configured * 1000);
      if (ratio > 0.97 && ratio < 1.1 && configured * 1000 < integrationTimeoutMs(r, ctx)) confidence = 0.55;
    }
    if (confidence === 0) return undefined;

    // A function allowed to run longer than the gateway waits is cut off by the gateway first: the gateway
    // says so, or answered with its timeout status (504; HTTP APIs 503) while the function ran on.
    const gatewayLimit = integrationTimeoutMs(r, ctx);
    const gatewayGaveUp = gatewayTimeoutSignal(r) !== undefined || r.status === 504 || (r.status === 503 && ctx.apiType !== 'REST');
    if (Number.isFinite(timeoutSeconds) && timeoutSeconds * 1000 > gatewayLimit && gatewayGaveUp) confidence = Math.min(confidence, 0.5);

    const reportLine = r.invocation?.lines.find((l) => l.record.kind === 'report');
    const facts: RuleMatch['facts'] = {};
    if (r.functionName) facts.functionName = r.functionName;
    if (Number.isFinite(timeoutSeconds)) facts.timeoutSeconds = timeoutSeconds;
    if (report?.durationMs !== undefined) facts.durationMs = report.durationMs;
    if (r.functionConfig?.memorySizeMb) facts.memorySizeMb = r.functionConfig.memorySizeMb;
    facts.integrationTimeoutMs = gatewayLimit;
    return {
      id: 'lambda-timeout',
      confidence,
      reason: exec || lambdaLine || accessQuote ? 'the function logged "Task timed out"' : reportTimeout ? 'Lambda reported the invocation timed out' : 'latency equals the function timeout',
      evidence: compact([
        lambdaLine && lambdaEvidence(r, lambdaLine.line),
        !lambdaLine && reportTimeout && reportLine ? lambdaEvidence(r, reportLine) : undefined,
        exec && executionEvidence(r, exec.line),
        !exec && !lambdaLine ? accessEvidence(r) : undefined,
      ]),
      facts,
    };
  },
  summarise(f) {
    const t = f.facts.timeoutSeconds !== undefined ? ` of ${f.facts.timeoutSeconds} s` : '';
    return `${functionLabel(f)} hit its timeout${t} on ${requestsLabel(f.requestCount)} to ${routeLabel(f)}${sinceLabel(f)}; Lambda stopped it and API Gateway returned a 5xx.`;
  },
  remediate(f) {
    const fn = functionLabel(f);
    // The function's timeout must stay under what the gateway waits: the configured integration timeout, else the default.
    const limitS = Math.round((f.facts.integrationTimeoutMs ?? defaultIntegrationTimeoutMs(f.apiType)) / 1000);
    const t = f.facts.timeoutSeconds;
    const steps: string[] = [];
    steps.push(
      `Find what ${fn} waits on: open the X-Ray trace of a sampled request, or search its log group for the slow call just before "Task timed out" (a database, an HTTP API, a cold dependency).`,
    );
    if (t !== undefined) {
      const raised = Math.min(Math.max(Math.ceil(t * 2), t + 3), limitS - 1);
      steps.push(
        `If the work is legitimately slower than ${t} s, raise the timeout (it must stay below the API Gateway integration timeout of ${limitS} s): aws lambda update-function-configuration --function-name ${fn} --timeout ${raised}${regionArg(f)}`,
      );
    } else {
      steps.push(`Check ${fn}'s configured timeout (aws lambda get-function-configuration --function-name ${fn}) against its REPORT durations.`);
    }
    steps.push(`Set client timeouts on ${fn}'s outbound calls shorter than its own timeout, so that it fails fast with a clear error instead of being killed.`);
    const change = f.context.changes.find((c) => /UpdateFunctionConfiguration/i.test(c.eventName) && (!f.facts.functionName || c.resources.some((x) => x.includes(f.facts.functionName ?? '')) || c.what.includes(f.facts.functionName ?? '')));
    if (change) steps.unshift(`A configuration change shortly before the onset may have caused this: ${change.what} by ${change.who}. Revert it if it lowered the timeout or memory.`);
    return steps;
  },
};
