import type { Rule, RuleMatch } from '../rule.ts';
import { compact, findFunctionErrorQuote, findLambdaLine, lambdaEvidence, traceEvidence } from '../evidenceExcerpts.ts';
import { functionOutcome, matchWeight } from '../signals.ts';
import { functionLabel, requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';

/**
 * A dependency the function calls failed, timed out or throttled, in the words the SDKs and drivers use:
 * DynamoDB ProvisionedThroughputExceededException / ThrottlingException, "Rate exceeded", connection
 * errors (ECONNREFUSED, ETIMEDOUT, ECONNRESET, getaddrinfo ENOTFOUND, "Connection refused",
 * psycopg2.OperationalError, "too many connections"), and 5xx from a third-party HTTP API — in the function's
 * log, its trace (not API Gateway's own Lambda subsegment), or API Gateway's quote of its error.
 */
const DEPENDENCY =
  /ProvisionedThroughputExceeded|ThrottlingException|TooManyRequestsException|RequestLimitExceeded|Rate exceeded|SlowDown|RequestThrottled|TransactionConflict|ServiceUnavailable(Exception)?|InternalServerError(Exception)?|ECONNREFUSED|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|EAI_AGAIN|getaddrinfo ENOTFOUND|socket hang up|Connection refused|Connection reset|connection timed out|Connect(ion)?TimeoutError|ReadTimeout|timeout exceeded|Knex: Timeout acquiring a connection|too many connections|remaining connection slots are reserved|OperationalError|could not connect to server|CommunicationsException|Communications link failure|Request failed with status code 5\d\d|status(Code)?["']?\s*[:=]\s*5\d\d|upstream[^\n]*(fail|error|unavailable|timed out)|Service Unavailable|Bad Gateway|Gateway Timeout|circuit (breaker )?open/i;

/** The function's own proxy response logged as data ({"statusCode":500,...,"body":...}): its status, not a dependency's. */
const OWN_RESPONSE = /"statusCode"\s*:\s*"?5\d\d[^\n]*"body"\s*:|"body"\s*:[^\n]*"statusCode"\s*:\s*"?5\d\d/;

export const downstreamDependencyFailure: Rule = {
  id: 'downstream-dependency-failure',
  match(r): RuleMatch | undefined {
    const line = findLambdaLine(r, (raw) => {
      const m = DEPENDENCY.exec(raw);
      return m !== null && !(/^status/i.test(m[0]) && OWN_RESPONSE.test(raw));
    });
    // API Gateway's own call to the function (a subsegment of the stage segment) is not the function's dependency.
    const gateway = new Set(r.segments.filter((s) => /ApiGateway/i.test(s.origin ?? '')).map((s) => s.id));
    const seg = r.segments.find(
      (s) =>
        (s.namespace === 'aws' || s.namespace === 'remote') &&
        !(s.parentId !== undefined && gateway.has(s.parentId)) &&
        (s.fault || s.throttle || (s.httpStatus !== undefined && s.httpStatus >= 500) || s.exceptions.some((e) => DEPENDENCY.test(`${e.type ?? ''} ${e.message ?? ''}`))),
    );
    // No log or trace of the function read: API Gateway's quote of its error may still name the dependency.
    const quote = !line && !seg ? findFunctionErrorQuote(r, DEPENDENCY) : undefined;
    if (!line && !seg && !quote) return undefined;
    const text = line?.raw ?? quote?.text ?? '';
    const outcome = functionOutcome(r);
    const facts: RuleMatch['facts'] = {};
    if (r.functionName) facts.functionName = r.functionName;
    // The trace names the dependency's own error (ProvisionedThroughputExceededException); the function's
    // log often only paraphrases it ("service unavailable"): prefer the trace's words.
    const segText = seg ? seg.exceptions.map((e) => `${e.type ?? ''} ${e.message ?? ''}`).join(' ') : '';
    const rawToken = DEPENDENCY.exec(segText)?.[0] ?? DEPENDENCY.exec(text)?.[0];
    // A bare status ("statusCode":503) names no dependency: say who answered it when the line does
    // (a URL's host, a client library's module path, the message's subject), else "an HTTP dependency".
    const token =
      rawToken && /^status/i.test(rawToken)
        ? `${/https?:\/\/([a-z0-9.-]+)/i.exec(text)?.[1] ?? /node_modules\/((?:@[\w.-]+\/)?[\w.-]+)\//.exec(text)?.[1] ?? /site-packages\/([\w.-]+)\//.exec(text)?.[1] ?? 'an HTTP dependency'} answered ${/5\d\d/.exec(rawToken)?.[0] ?? '5xx'}`
        : rawToken;
    const dep = seg ? `${seg.name}${seg.awsOperation ? ` ${seg.awsOperation}` : ''}` : undefined;
    facts.dependency = [dep, token].filter(Boolean).join(': ') || 'a dependency';
    if (seg?.name) facts.service = seg.name;
    // host:port, or libpq's 'host "db" (10.20.3.41) ... port 5432'; never a stack frame's file:line.
    const hostPort =
      /(\d{1,3}(?:\.\d{1,3}){3}:\d+|[a-z0-9.-]+\.(?!(?:js|mjs|cjs|ts|py|java|rb|go|cs|kt)\b)[a-z]{2,}:\d+)/i.exec(text.replace(/^\s*at .*$/gm, ''))?.[1] ??
      (() => {
        const m = /host "?([^"\s]+)"?\s*(?:\(([\d.]+)\))?[^\n]*?port (\d+)/i.exec(text);
        return m ? `${m[2] ?? m[1]}:${m[3]}` : undefined;
      })();
    if (hostPort) facts.backend = hostPort;
    // The line that names the failure (a traceback's last line), not the first line of the message.
    const detail = (segText || text).split(/\r?\n/).find((l) => DEPENDENCY.test(l))?.trim().slice(0, 300);
    if (detail) facts.detail = detail;
    return {
      id: 'downstream-dependency-failure',
      confidence: quote ? 0.8 : (line && seg ? 0.88 : 0.82) * (line ? matchWeight(r) : 0.9),
      reason: `the function's call to ${facts.dependency} failed`,
      evidence: compact([line && lambdaEvidence(r, line), seg && traceEvidence(r, seg), quote?.evidence]),
      facts,
      alternatives: [{ id: outcome === 'unhandled' ? 'lambda-unhandled-error' : 'function-error-response', confidence: 0.3 }],
    };
  },
  summarise(f) {
    const what = f.facts.dependency ?? 'a call to a dependency';
    return `A dependency of ${functionLabel(f)} is failing${f.facts.backend ? ` (${f.facts.backend})` : ''} — ${what} — so ${requestsLabel(f.requestCount)} to ${routeLabel(f)} failed${sinceLabel(f)}.`;
  },
  remediate(f) {
    const dep = f.facts.dependency ?? 'the dependency';
    const steps: string[] = [];
    if (/Throughput|Throttl|TooManyRequests|Rate exceeded|RequestLimit|SlowDown/i.test(dep)) {
      steps.push(`${dep} is throttling: check the table's or service's consumed vs provisioned capacity in the window (switch DynamoDB to on-demand or raise capacity, look for a hot partition key), and make sure the SDK retries with backoff.`);
    } else if (/ETIMEDOUT|timed out|Timeout|EHOSTUNREACH/i.test(`${dep} ${f.facts.detail ?? ''}`)) {
      steps.push(`${functionLabel(f)} cannot reach ${f.facts.backend ?? 'its dependency'} in time: check the VPC route (NAT gateway or VPC endpoint), security groups and NACLs between them (a recent change to them is the usual cause), DNS, and the dependency's health.`);
    } else if (/ECONNREFUSED|Connection refused|too many connections|slots|OperationalError|could not connect|Communications/i.test(dep)) {
      steps.push(`The database or service at ${f.facts.backend ?? 'the dependency'} refuses connections: check that it is up, its connection limit (Lambda concurrency × pool size), and use RDS Proxy or a smaller pool per function instance.`);
    } else if (/ENOTFOUND|EAI_AGAIN/i.test(dep)) {
      // (Timeouts and EHOSTUNREACH were caught by the branch above.)
      steps.push(`${functionLabel(f)} cannot reach ${f.facts.backend ?? 'its dependency'} in time: check DNS, the VPC route (NAT gateway or VPC endpoint), security groups, and the dependency's health.`);
    } else {
      steps.push(`Check the health of the failing dependency (${dep}) for the window — its status page, metrics and logs: it is the failing component, not API Gateway.`);
    }
    steps.push(`In ${functionLabel(f)}, set timeouts and retries with backoff on that call, and return a 503 with Retry-After instead of a generic 500 when the dependency is down.`);
    return steps;
  },
};
