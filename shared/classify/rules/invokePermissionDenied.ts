import type { Rule, RuleMatch } from '../rule.ts';
import { accessEvidence, compact, executionEvidence, findExecution, findGatewayExecution } from '../evidenceExcerpts.ts';
import { isFunctionErrorQuote, isLambdaIntegration } from '../signals.ts';
import { functionLabel, regionArg, requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';

/**
 * API Gateway may not invoke the function: "Execution failed due to configuration error: Invalid
 * permissions on Lambda function" (resource policy), 403 from Lambda, or the integration's credentials
 * role not assumable / not allowed lambda:InvokeFunction; HTTP APIs: "The IAM role configured on the
 * integration or API Gateway doesn’t have permissions to call the integration. Check the permissions and
 * try again" (also a resource policy whose source ARN does not match) and, in $context.authorizer.error,
 * "The IAM role configured on the authorizer or API Gateway doesn’t have permissions to call the
 * authorizer". During "Starting authorizer: ..." (or next to "Authorizer error") the function is the
 * authorizer's. Not this: the function's own call being denied (quoted as a customer
 * function error), or a role that cannot be assumed on an AWS service or HTTP integration.
 */
const DENIED =
  /Invalid permissions on Lambda function|invocation failed with status:?\s*403|not authorized to perform: lambda:InvokeFunction|API Gateway does not have permission to assume the provided role|Unable to assume (the provided )?role|doesn['’]t have permissions? to call the (integration|authorizer)|AccessDeniedException[^\n]*lambda:InvokeFunction/i;

export const invokePermissionDenied: Rule = {
  id: 'invoke-permission-denied',
  match(r, ctx): RuleMatch | undefined {
    // A direct AWS service integration's role being refused is that integration's failure, not an invoke.
    if (r.integration?.integrationSubtype) return undefined;
    const exec = findGatewayExecution(r, DENIED);
    const accessText = [r.access?.integrationErrorMessage, r.access?.integrationError, r.access?.errorMessage, r.access?.authorizerError].find(
      (m) => m !== undefined && DENIED.test(m) && !isFunctionErrorQuote(m),
    );
    if (!exec && !accessText) return undefined;
    const facts: RuleMatch['facts'] = {};
    // At ERROR level only the failure lines are logged: "Authorizer error" right after it says whose invoke it was.
    const authorizerRun =
      (exec !== undefined &&
        (r.facts?.failures.some((x) => x.phase === 'authorizer' && x.text === exec.line.text.trim()) === true ||
          findExecution(r, /Authorizer error|AUTHORIZER_CONFIGURATION_ERROR/i) !== undefined)) ||
      (!exec && /call the authorizer/i.test(accessText ?? ''));
    const otherBackend =
      r.facts?.integrationKind === 'aws-service' || r.facts?.integrationKind === 'http' || r.integration?.integrationSubtype !== undefined || /^http/i.test(r.integration?.type ?? '');
    if (!authorizerRun && otherBackend && !isLambdaIntegration(r)) return undefined;
    if (authorizerRun) {
      const run = r.facts?.authorizer;
      const named = ctx.context.api?.authorizers.find((a) => a.name === r.integration?.authorizer);
      const fn = run?.functionName ?? named?.functionName;
      if (fn) facts.functionName = fn;
      if (run?.functionArn) facts.functionArn = run.functionArn;
      facts.authorizer = run?.authorizerId ?? r.integration?.authorizer ?? 'authorizer';
      if (run?.authorizerId) facts.detail = 'authorizer-id';
    } else {
      if (r.functionName) facts.functionName = r.functionName;
      if (r.facts?.functionArn) facts.functionArn = r.facts.functionArn;
      if (r.integration?.credentials) facts.principal = r.integration.credentials;
    }
    if (/assume/i.test(exec?.line.text ?? accessText ?? '') || facts.principal) facts.detail = 'credentials-role';
    return {
      id: 'invoke-permission-denied',
      confidence: exec ? 0.95 : 0.85,
      reason: 'API Gateway was refused permission to invoke the function',
      evidence: compact([exec && executionEvidence(r, exec.line), accessEvidence(r)]),
      facts,
    };
  },
  summarise(f) {
    const target = f.facts.authorizer && !f.facts.functionName ? `the function of authorizer ${f.facts.authorizer}` : functionLabel(f);
    return `API Gateway is not allowed to invoke ${target}: ${requestsLabel(f.requestCount)} to ${routeLabel(f)} failed before the function ran${sinceLabel(f)}.`;
  },
  remediate(f) {
    const fn = f.facts.functionName ?? (f.facts.authorizer ? 'AUTHORIZER_FUNCTION' : 'FUNCTION');
    const steps: string[] = [];
    const removal = f.context.changes.find((c) => /RemovePermission|AddPermission|UpdateIntegration|PutIntegration|DeleteRolePolicy|DetachRolePolicy|PutRolePolicy/i.test(c.eventName));
    if (removal) steps.push(`This change preceded the onset: ${removal.what} by ${removal.who}.`);
    if (f.facts.detail === 'credentials-role' || f.facts.principal) {
      steps.push(
        `The integration uses a credentials role${f.facts.principal ? ` (${f.facts.principal})` : ''}: its trust policy must allow apigateway.amazonaws.com to assume it, and its policy must allow lambda:InvokeFunction on ${f.facts.functionArn ?? fn}.`,
      );
    } else {
      const account = f.accountId ?? 'ACCOUNT_ID';
      const region = f.region ?? 'REGION';
      const api = f.apiId ?? 'API_ID';
      // Authorizers are invoked outside any stage: their source ARN is .../authorizers/<id>.
      const source = f.facts.authorizer
        ? `arn:aws:execute-api:${region}:${account}:${api}/authorizers/${f.facts.detail === 'authorizer-id' ? f.facts.authorizer : '*'}`
        : f.apiType === 'HTTP'
          ? `arn:aws:execute-api:${region}:${account}:${api}/*/*`
          : `arn:aws:execute-api:${region}:${account}:${api}/*/*/*`;
      steps.push(
        `Give API Gateway back its invoke permission on ${fn}: aws lambda add-permission --function-name ${f.facts.functionArn ?? fn} --statement-id apigateway-invoke-${api} --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn "${source}"${regionArg(f)}`,
      );
      steps.push(`If the integration targets an alias or version (or a stage variable), the permission must name that exact qualified ARN.`);
    }
    steps.push(`Make it permanent in your infrastructure code (an AWS::Lambda::Permission / lambda.Function.addPermission next to the integration), or the next deploy removes it again.`);
    return steps;
  },
};
