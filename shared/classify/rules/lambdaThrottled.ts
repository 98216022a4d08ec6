import type { Rule, RuleMatch } from '../rule.ts';
import { accessEvidence, compact, executionEvidence, findGatewayExecution } from '../evidenceExcerpts.ts';
import { isFunctionErrorQuote, isLambdaIntegration } from '../signals.ts';
import { functionLabel, regionArg, requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';

/**
 * Lambda refused the invocation with 429 (reserved concurrency, account concurrency, burst): REST
 * execution logs say "Lambda invocation failed with status: 429" / TooManyRequestsException /
 * "Rate Exceeded."; API Gateway answers 500 to the client (a 429 cannot be passed through).
 */
const THROTTLED = /invocation failed with status:?\s*429|TooManyRequestsException|Rate Exceeded|ReservedFunctionConcurrentInvocationLimitExceeded|ConcurrentInvocationLimitExceeded|function is throttled|Throttl(ed|ing)/i;

export const lambdaThrottled: Rule = {
  id: 'lambda-throttled',
  match(r): RuleMatch | undefined {
    // A throttle the function's own code met (DynamoDB, SSM: "ThrottlingException: Rate exceeded") is quoted
    // by the gateway as a function error; that is not Lambda refusing the invoke.
    const exec = findGatewayExecution(r, THROTTLED);
    const accessThrottle =
      isLambdaIntegration(r) &&
      (r.access?.integrationStatus === 429 ||
        [r.access?.integrationErrorMessage, r.access?.integrationError].some((m) => m !== undefined && THROTTLED.test(m) && !isFunctionErrorQuote(m)));
    if (!exec && !accessThrottle) return undefined;
    // The throttled function never ran: no invocation may be correlated to this request.
    const ran = r.invocationMatch === 'request-id' && r.invocation?.report !== undefined;
    const confidence = (exec ? 0.92 : 0.8) * (ran ? 0.6 : 1);
    const facts: RuleMatch['facts'] = {};
    if (r.functionName) facts.functionName = r.functionName;
    if (r.functionConfig?.reservedConcurrency !== undefined) facts.reservedConcurrency = r.functionConfig.reservedConcurrency;
    return {
      id: 'lambda-throttled',
      confidence,
      reason: 'Lambda answered 429 to API Gateway',
      evidence: compact([exec && executionEvidence(r, exec.line), accessEvidence(r)]),
      facts,
    };
  },
  summarise(f) {
    const rc = f.facts.reservedConcurrency;
    const why = rc === 0 ? ' because its reserved concurrency is 0' : rc !== undefined ? ` at its reserved concurrency of ${rc}` : '';
    return `Lambda throttled ${functionLabel(f)}${why}: ${requestsLabel(f.requestCount)} to ${routeLabel(f)} were refused before the code ran${sinceLabel(f)}.`;
  },
  remediate(f) {
    const fn = functionLabel(f);
    const steps: string[] = [];
    const change = f.context.changes.find((c) => /PutFunctionConcurrency|DeleteFunctionConcurrency|PutProvisionedConcurrency/i.test(c.eventName));
    if (change) steps.push(`A concurrency change preceded the onset: ${change.what} by ${change.who}. Revert it if it was not intended.`);
    if (f.facts.reservedConcurrency === 0) {
      steps.push(`Reserved concurrency 0 stops every invocation of ${fn}: remove it (aws lambda delete-function-concurrency --function-name ${fn}${regionArg(f)}) or set a positive value.`);
    } else if (f.facts.reservedConcurrency !== undefined) {
      steps.push(`Raise ${fn}'s reserved concurrency above its peak ConcurrentExecutions: aws lambda put-function-concurrency --function-name ${fn} --reserved-concurrent-executions ${Math.max(10, f.facts.reservedConcurrency * 2)}${regionArg(f)}`);
    } else {
      steps.push(`Compare ${fn}'s ConcurrentExecutions with the account's unreserved concurrency (aws lambda get-account-settings${regionArg(f)}); reserve concurrency for ${fn} or request a higher account limit.`);
    }
    steps.push(`Protect the function with stage or method throttling on API Gateway (or a usage plan), so that excess traffic gets a 429 at the edge instead of a 500.`);
    return steps;
  },
};
