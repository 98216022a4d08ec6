import type { Rule, RuleMatch } from '../rule.ts';
import type { LambdaLine } from '../../correlate/invocation.ts';
import { accessEvidence, compact, executionEvidence, findExecution, lambdaEvidence } from '../evidenceExcerpts.ts';
import { accessErrorTexts, functionOutcome, matchWeight } from '../signals.ts';
import { functionLabel, requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';

/**
 * The function's code threw: API Gateway logs "Lambda execution failed with status 200 due to customer
 * function error: <errorMessage>" and sees X-Amz-Function-Error=Unhandled; the runtime logs the error
 * ("Invoke Error", "[ERROR] KeyError: ...", {"errorType","errorMessage","stackTrace"}); HTTP APIs write
 * "The Lambda function returned the following error: <errorMessage>. Check your Lambda function code and
 * try again." in $context.integrationErrorMessage.
 */
const CUSTOMER_ERROR = /(?:Lambda execution failed with status \d+ due to customer function error|customer function error):?\s*(.*)/i;
/** HTTP APIs' $context.integrationErrorMessage for a function error. */
const HTTP_API_FUNCTION_ERROR = /The Lambda function returned the following error:\s*([^]*?)(?:\.?\s*Check your Lambda function code and try again\.?)?$/i;

/** The line that best says what was thrown: one with an errorType, else an ERROR-level line. */
export function decisiveErrorLine(lines: readonly LambdaLine[]): LambdaLine | undefined {
  return (
    lines.find((l) => l.record.kind === 'app' && l.record.errorType !== undefined) ??
    // Rust and Go say what failed in the panic line, before the runtime's generic ERROR line.
    lines.find((l) => /thread '[^']*' panicked at|^panic: /m.test(l.raw)) ??
    lines.find((l) => l.record.kind === 'app' && (l.record.level === 'ERROR' || l.record.level === 'FATAL')) ??
    lines.find((l) => l.record.kind === 'platform')
  );
}

export const lambdaUnhandledError: Rule = {
  id: 'lambda-unhandled-error',
  match(r): RuleMatch | undefined {
    if (functionOutcome(r) !== 'unhandled') return undefined;
    const exec = findExecution(r, CUSTOMER_ERROR);
    const line = r.invocation ? decisiveErrorLine(r.invocation.lines) : undefined;
    const facts: RuleMatch['facts'] = {};
    if (r.functionName) facts.functionName = r.functionName;
    if (line?.record.kind === 'app') {
      if (line.record.errorType) facts.errorType = line.record.errorType;
      const msg = line.record.errorMessage ?? line.record.text;
      // One line: a Rust panic spans three (location, message, the RUST_BACKTRACE note).
      if (msg) facts.errorMessage = msg.replace(/\s*note: run with `RUST_BACKTRACE[^\n]*/, '').replace(/\s*\n\s*/g, ' ').trim().slice(0, 300);
    }
    if (!facts.errorMessage && exec?.match[1]) facts.errorMessage = exec.match[1].slice(0, 300);
    const quoted = accessErrorTexts(r)
      .map((t) => HTTP_API_FUNCTION_ERROR.exec(t)?.[1])
      .find((m): m is string => m !== undefined);
    if (!facts.errorMessage && quoted) facts.errorMessage = quoted.slice(0, 300);
    // API Gateway quoting the function's error in the access log is direct, but says less than the execution log.
    const confidence = exec && line ? 0.9 : exec ? 0.85 : quoted && !line ? 0.8 : 0.85 * matchWeight(r);
    return {
      id: 'lambda-unhandled-error',
      confidence,
      reason: 'the function threw an error',
      evidence: compact([line && lambdaEvidence(r, line), exec && executionEvidence(r, exec.line), !exec && !line ? accessEvidence(r) : undefined]),
      facts,
    };
  },
  summarise(f) {
    const what = f.facts.errorType ? `${f.facts.errorType}${f.facts.errorMessage ? `: ${f.facts.errorMessage}` : ''}` : f.facts.errorMessage ?? 'an error';
    return `${functionLabel(f)} throws ${what} on ${requestsLabel(f.requestCount)} to ${routeLabel(f)}${sinceLabel(f)}.`;
  },
  remediate(f) {
    const fn = functionLabel(f);
    const steps = [
      `Fix the error in ${fn}${f.facts.errorType ? ` (${f.facts.errorType})` : ''}: the stack trace in the evidence points at the line; reproduce it with the failing request's event.`,
    ];
    const deploy = f.context.changes.find((c) => /UpdateFunctionCode|UpdateAlias|PublishVersion|UpdateFunctionConfiguration/i.test(c.eventName));
    if (deploy) steps.unshift(`A change to the function preceded the onset: ${deploy.what} by ${deploy.who}. Roll it back first if the error is new.`);
    steps.push(`Catch expected failures in ${fn} and return a proper response (4xx for bad input), so that a client error does not become a 502/500.`);
    return steps;
  },
};
