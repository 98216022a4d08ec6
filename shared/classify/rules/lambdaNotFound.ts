import type { Rule, RuleMatch } from '../rule.ts';
import { accessEvidence, compact, executionEvidence, findExecution, findGatewayExecution } from '../evidenceExcerpts.ts';
import { isFunctionErrorQuote, isLambdaIntegration } from '../signals.ts';
import { functionLabel, requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';

/**
 * The integration names a function, alias or version that does not exist: "Lambda invocation failed
 * with status: 404", "Function not found: arn:...", ResourceNotFoundException; stage variables in the
 * URI are the usual way to get there, and one that resolved to nothing leaves "function:NAME:" which
 * Lambda refuses ("1 validation error detected: Value 'arn:...:function:NAME:' at 'functionName' failed
 * to satisfy constraint"). The function's own ResourceNotFoundException (a missing table), quoted as a
 * customer function error, is not this.
 */
const NOT_FOUND = /invocation failed with status:?\s*404|Function not found|ResourceNotFoundException|function[^.]*does not exist|Cannot find function/i;

export const lambdaNotFound: Rule = {
  id: 'lambda-not-found',
  match(r): RuleMatch | undefined {
    const exec = findGatewayExecution(r, NOT_FOUND);
    const accessNotFound =
      isLambdaIntegration(r) &&
      (r.access?.integrationStatus === 404 ||
        [r.access?.integrationErrorMessage, r.access?.integrationError].some((m) => m !== undefined && NOT_FOUND.test(m) && !isFunctionErrorQuote(m)));
    const ef = r.facts;
    const emptyQualifierRefused =
      ef?.functionQualifierEmpty === true && ((ef.lambdaInvocationStatus ?? ef.integrationStatus ?? 0) >= 400 || findExecution(r, /failed to satisfy constraint/i) !== undefined);
    if (!exec && !accessNotFound && !emptyQualifierRefused) return undefined;
    const refusal = !exec && emptyQualifierRefused ? findExecution(r, /failed to satisfy constraint|invocation failed with status/i) : undefined;
    const facts: RuleMatch['facts'] = {};
    const arn = /arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(?::[A-Za-z0-9$_-]+)?/.exec(exec?.line.text ?? '')?.[0] ?? r.facts?.functionArn;
    if (arn) facts.functionArn = arn;
    if (r.functionName) facts.functionName = r.functionName;
    const qualifier = arn?.split(':')[7];
    if (qualifier) facts.qualifier = qualifier;
    const uri = r.integration?.uri ?? r.facts?.endpointUri;
    if (uri && /stageVariables/.test(uri)) facts.detail = uri;
    return {
      id: 'lambda-not-found',
      confidence: exec ? 0.92 : emptyQualifierRefused ? 0.85 : 0.75,
      reason: 'Lambda answered 404 for the integration target',
      evidence: compact([
        exec && executionEvidence(r, exec.line),
        refusal && executionEvidence(r, refusal.line),
        accessEvidence(r),
      ]),
      facts,
    };
  },
  summarise(f) {
    const target = f.facts.functionArn ?? functionLabel(f);
    return `The integration of ${routeLabel(f)} points at ${target}, which does not exist; ${requestsLabel(f.requestCount)} failed${sinceLabel(f)}.`;
  },
  remediate(f) {
    const fn = f.facts.functionName ?? 'FUNCTION';
    const steps: string[] = [];
    if (f.facts.qualifier) {
      steps.push(`Check that the alias or version "${f.facts.qualifier}" exists: aws lambda list-aliases --function-name ${fn}; create it or point the integration at an existing one.`);
    } else {
      steps.push(`Check that ${fn} exists in this account and region (aws lambda get-function --function-name ${fn}); a deleted function must be redeployed or the integration updated.`);
    }
    if (f.facts.detail) steps.push(`The integration URI uses a stage variable (${f.facts.detail}): set that variable on stage ${f.stage ?? ''} to an existing function or alias, and add the invoke permission for that exact ARN.`);
    const del = f.context.changes.find((c) => /DeleteFunction|DeleteAlias|UpdateStage|UpdateIntegration|PutIntegration/i.test(c.eventName));
    if (del) steps.unshift(`This change preceded the onset: ${del.what} by ${del.who}.`);
    return steps;
  },
};
