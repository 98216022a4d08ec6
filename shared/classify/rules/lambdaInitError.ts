import type { Rule, RuleMatch } from '../rule.ts';
import { compact, executionEvidence, findExecution, findLambda, lambdaEvidence } from '../evidenceExcerpts.ts';
import { matchWeight } from '../signals.ts';
import { functionLabel, requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';

/**
 * SnapStart functions fail in restore instead: "RESTORE_REPORT Restore Duration: 10000.00 ms Status:
 * timeout", SnapStartTimeoutException ("Lambda couldn't restore the snapshot within the timeout limit.").
 * The function could not start: Runtime.ImportModuleError / HandlerNotFound / UserCodeSyntaxError,
 * "Unable to import module", "Cannot find module", or INIT_REPORT ... Phase: init Status: error|timeout.
 */
const INIT_FAILURE =
  /Runtime\.(ImportModuleError|HandlerNotFound|UserCodeSyntaxError|MalformedHandlerName|InvalidEntrypoint|InvalidRuntime|BadFunctionCode)|Unable to import module|Cannot find module|ClassNotFoundException|Class not found|NoClassDefFoundError|Phase: init\s+Status: (error|timeout)|"phase"\s*:\s*"init"[^}]*"status"\s*:\s*"(error|timeout|failure)"|Init(ialization)? (error|failure)|INIT_REPORT[^\n]*Status: (error|timeout)|RESTORE_REPORT[^\n]*Status: (error|timeout)|SnapStart(Timeout|NotReady)?Exception|couldn't restore the snapshot|Phase: (restore|snap-start)\s+Status: (error|timeout)/i;

export const lambdaInitError: Rule = {
  id: 'lambda-init-error',
  match(r): RuleMatch | undefined {
    const lambdaLine = findLambda(r, INIT_FAILURE);
    const exec = findExecution(r, INIT_FAILURE);
    const initRecord = [...(r.invocation?.initLines ?? []), ...(r.invocation?.lines ?? [])].find(
      (l) => l.record.kind === 'init' && l.record.status !== undefined && !/success/i.test(l.record.status),
    );
    if (!lambdaLine && !exec && !initRecord) return undefined;
    const confidence = exec ? 0.92 : 0.92 * matchWeight(r);
    const facts: RuleMatch['facts'] = {};
    if (r.functionName) facts.functionName = r.functionName;
    const typeMatch = /Runtime\.[A-Za-z]+|SnapStart[A-Za-z]*Exception/.exec(
      `${lambdaLine?.line.raw ?? ''} ${exec?.line.text ?? ''} ${r.facts?.endpointErrorType ?? ''}`,
    );
    const errorType = typeMatch?.[0] ?? (initRecord?.record.kind === 'init' ? initRecord.record.errorType : undefined);
    if (errorType) facts.errorType = errorType;
    // Python joins the traceback to the error line with \r on stdout: the message ends at the first line break.
    const message = /"errorMessage"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(lambdaLine?.line.raw ?? '')?.[1] ?? /Unable to import module[^\r\n]*/.exec(lambdaLine?.line.raw ?? '')?.[0];
    // The runtime's own error record (parsed) says what failed when the INIT_REPORT line does not.
    const appError = [...(r.invocation?.initLines ?? []), ...(r.invocation?.lines ?? [])].find(
      (l) => l.record.kind === 'app' && l.record.errorMessage !== undefined && (l.record.errorType !== undefined || l.record.level === 'ERROR'),
    );
    const parsedMessage = appError?.record.kind === 'app' ? appError.record.errorMessage : undefined;
    const chosen = message ?? parsedMessage;
    if (chosen) facts.errorMessage = chosen.replace(/\\n/g, ' ').split(/\r?\n/)[0]?.slice(0, 300) ?? '';
    if (r.functionConfig?.handler) facts.detail = r.functionConfig.handler;
    if (r.functionConfig?.runtime) facts.runtime = r.functionConfig.runtime;
    return {
      id: 'lambda-init-error',
      confidence,
      reason: 'the function failed during initialisation',
      evidence: compact([
        lambdaLine && lambdaEvidence(r, lambdaLine.line),
        initRecord && initRecord !== lambdaLine?.line ? lambdaEvidence(r, initRecord) : undefined,
        !lambdaLine && appError ? lambdaEvidence(r, appError) : undefined,
        exec && executionEvidence(r, exec.line),
      ]),
      facts,
    };
  },
  summarise(f) {
    const what = f.facts.errorType ? ` (${f.facts.errorType}${f.facts.errorMessage ? `: ${f.facts.errorMessage}` : ''})` : '';
    return `${functionLabel(f)} cannot start${what}, so every request to ${routeLabel(f)} fails${sinceLabel(f)} (${requestsLabel(f.requestCount)}).`;
  },
  remediate(f) {
    const fn = functionLabel(f);
    const steps: string[] = [];
    const deploy = f.context.changes.find((c) => /UpdateFunctionCode|UpdateFunctionConfiguration|PublishVersion|UpdateAlias|PublishLayerVersion/i.test(c.eventName));
    if (deploy) steps.push(`Roll back the change made just before the onset: ${deploy.what} by ${deploy.who} at ${new Date(deploy.time).toISOString()} (redeploy the previous version or point the alias back).`);
    if (f.facts.errorType && /ImportModule|Cannot find (module|package)|ERR_MODULE_NOT_FOUND|NotFound/i.test(`${f.facts.errorType} ${f.facts.errorMessage ?? ''}`)) {
      steps.push(
        `The deployment package of ${fn} lacks a module or the handler setting${f.facts.detail ? ` "${f.facts.detail}"` : ''} does not match a file and export in it: check the package contents (bundled dependencies, layer, file names, case) and the Handler setting.`,
      );
    } else if (/SnapStart|restore/i.test(`${f.facts.errorType ?? ''} ${f.facts.errorMessage ?? ''}`)) {
      steps.push(
        `${fn}'s SnapStart restore fails or exceeds its 10 s limit: look at what its after-restore hooks (CRaC afterRestore, runtime hooks) call — a network call to a service the VPC can no longer reach (a deleted VPC endpoint, a security group) hangs until the limit. Make the hook fast or move that work into the handler.`,
      );
    } else if (f.facts.errorType && /SyntaxError/i.test(f.facts.errorType)) {
      steps.push(`${fn}'s code does not parse on its runtime${f.facts.runtime ? ` (${f.facts.runtime})` : ''}: check the build target and module format (ESM vs CommonJS).`);
    } else {
      steps.push(`Read ${fn}'s INIT lines: code at module scope (configuration, secrets, connections) fails or exceeds the 10 s init limit; move slow or failing work into the handler with retries.`);
    }
    steps.push(`Test before the next deploy: aws lambda invoke --function-name ${fn} --payload '{}' /dev/stdout`);
    return steps;
  },
};
