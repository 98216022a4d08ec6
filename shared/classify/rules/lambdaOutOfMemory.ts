import type { Rule, RuleMatch } from '../rule.ts';
import { compact, executionEvidence, findExecution, findLambda, lambdaEvidence } from '../evidenceExcerpts.ts';
import { matchWeight } from '../signals.ts';
import { functionLabel, regionArg, requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';

/**
 * The function was killed for exceeding its memory. Lambda's own words: "Runtime exited with error:
 * signal: killed" with Runtime.ExitError or "Error Type: Runtime.OutOfMemory" in REPORT; the runtimes'
 * own: Node "JavaScript heap out of memory", Java "java.lang.OutOfMemoryError", Python "MemoryError".
 */
const OOM = /Runtime\.OutOfMemory|signal: killed|JavaScript heap out of memory|java\.lang\.OutOfMemoryError|Java heap space|GC overhead limit exceeded|\bMemoryError\b|Reached heap limit|Out of memory|OutOfMemoryException/i;

const TIMED_OUT = /Task timed out after/i;

export const lambdaOutOfMemory: Rule = {
  id: 'lambda-out-of-memory',
  match(r): RuleMatch | undefined {
    const lambdaLine = findLambda(r, OOM);
    const exec = findExecution(r, OOM);
    const report = r.invocation?.report;
    const reportOom = report?.errorType !== undefined && /OutOfMemory/i.test(report.errorType);
    const full =
      report?.maxMemoryUsedMb !== undefined && report.memorySizeMb !== undefined && report.maxMemoryUsedMb >= report.memorySizeMb;
    // The function failed with memory used up to its size: out of memory even when no line says so —
    // unless Lambda says it stopped the function for its timeout (then it was not killed for memory).
    const timedOut = report?.status?.toLowerCase() === 'timeout' || findExecution(r, TIMED_OUT) !== undefined || findLambda(r, TIMED_OUT) !== undefined;
    const failedFull =
      full && !timedOut && (report?.status?.toLowerCase() === 'error' || findExecution(r, /customer function error/i) !== undefined);
    if (!lambdaLine && !exec && !reportOom && !failedFull) return undefined;
    // "signal: killed" alone can be another kill; memory at its limit makes it certain.
    const onlyKilled = !reportOom && [lambdaLine?.match[0], exec?.match[0]].every((m) => m === undefined || /signal: killed/i.test(m));
    let confidence = !lambdaLine && !exec && !reportOom ? 0.8 : onlyKilled && !full ? 0.75 : 0.95;
    if (!exec) confidence *= matchWeight(r);
    const facts: RuleMatch['facts'] = {};
    if (r.functionName) facts.functionName = r.functionName;
    const size = report?.memorySizeMb ?? r.functionConfig?.memorySizeMb;
    if (size !== undefined) facts.memorySizeMb = size;
    if (report?.maxMemoryUsedMb !== undefined) facts.maxMemoryUsedMb = report.maxMemoryUsedMb;
    if (r.functionConfig?.runtime) facts.runtime = r.functionConfig.runtime;
    const reportLine = r.invocation?.lines.find((l) => l.record.kind === 'report');
    return {
      id: 'lambda-out-of-memory',
      confidence,
      reason: full ? 'memory used reached the configured size and the runtime was killed' : 'the runtime reported running out of memory',
      evidence: compact([
        lambdaLine && lambdaEvidence(r, lambdaLine.line),
        reportLine && reportLine !== lambdaLine?.line ? lambdaEvidence(r, reportLine) : undefined,
        exec && executionEvidence(r, exec.line),
      ]),
      facts,
    };
  },
  summarise(f) {
    const mem =
      f.facts.maxMemoryUsedMb !== undefined && f.facts.memorySizeMb !== undefined
        ? ` (used ${f.facts.maxMemoryUsedMb} MB of ${f.facts.memorySizeMb} MB)`
        : f.facts.memorySizeMb !== undefined
          ? ` of ${f.facts.memorySizeMb} MB`
          : '';
    return `${functionLabel(f)} ran out of memory${mem} and was killed on ${requestsLabel(f.requestCount)} to ${routeLabel(f)}${sinceLabel(f)}.`;
  },
  remediate(f) {
    const fn = functionLabel(f);
    const size = f.facts.memorySizeMb;
    const next = size ? Math.min(10240, Math.max(size * 2, 256)) : 1024;
    const steps = [
      `Raise ${fn}'s memory${size ? ` from ${size} MB` : ''}: aws lambda update-function-configuration --function-name ${fn} --memory-size ${next}${regionArg(f)} (more memory also brings more CPU).`,
      `Then find what grows: a payload or result set loaded whole, a cache without bound, or state kept across invocations in module scope; compare Max Memory Used in REPORT lines before and after the onset.`,
    ];
    if (f.facts.runtime && /java/i.test(f.facts.runtime)) steps.push('For Java, also check the heap settings (JAVA_TOOL_OPTIONS -Xmx) against the function memory.');
    if (f.facts.runtime && /node/i.test(f.facts.runtime)) steps.push('For Node.js, NODE_OPTIONS=--max-old-space-size caps the heap below the function memory; keep it consistent with the new size.');
    return steps;
  },
};
