import type { Rule, RuleMatch } from '../rule.ts';
import { accessEvidence, compact, executionEvidence, findExecution } from '../evidenceExcerpts.ts';
import { functionLabel, regionArg, requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';

/**
 * API Gateway may not invoke the function: "Execution failed due to configuration error: Invalid
 * permissions on Lambda function" (resource policy), 403 from Lambda, or the integration's credentials
 * role not assumable / not allowed lambda:InvokeFunction.
 */
const DENIED =
  /Invalid permissions on Lambda function|invocation failed with status:?\s*403|not authorized to perform: lambda:InvokeFunction|API Gateway does not have permission to assume the provided role|Unable to assume (the provided )?role|doesn't have permissions to call the integration|AccessDeniedException[^\n]*lambda/i;

export const invokePermissionDenied: Rule = {
  id: 'invoke-permission-denied',
  match(r): RuleMatch | undefined {
    const exec = findExecution(r, DENIED);
    const accessText = [r.access?.integrationErrorMessage, r.access?.integrationError, r.access?.errorMessage].find((m) => m !== undefined && DENIED.test(m));
    if (!exec && !accessText) return undefined;
    const facts: RuleMatch['facts'] = {};
    if (r.functionName) facts.functionName = r.functionName;
    if (r.facts?.functionArn) facts.functionArn = r.facts.functionArn;
    if (r.integration?.credentials) facts.principal = r.integration.credentials;
    if (/assume|role/i.test(exec?.line.text ?? accessText ?? '')) facts.detail = 'credentials-role';
    return {
      id: 'invoke-permission-denied',
      confidence: exec ? 0.95 : 0.85,
      reason: 'API Gateway was refused permission to invoke the function',
      evidence: compact([exec && executionEvidence(r, exec.line), accessEvidence(r)]),
      facts,
    };
  },
  summarise(f) {
    return `API Gateway is not allowed to invoke ${functionLabel(f)}: ${requestsLabel(f.requestCount)} to ${routeLabel(f)} failed before the function ran${sinceLabel(f)}.`;
  },
  remediate(f) {
    const fn = f.facts.functionName ?? 'FUNCTION';
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
      const source = f.apiType === 'HTTP' ? `arn:aws:execute-api:${region}:${account}:${api}/*/*` : `arn:aws:execute-api:${region}:${account}:${api}/*/*/*`;
      steps.push(
        `Give API Gateway back its invoke permission on ${fn}: aws lambda add-permission --function-name ${f.facts.functionArn ?? fn} --statement-id apigateway-invoke-${api} --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn "${source}"${regionArg(f)}`,
      );
      steps.push(`If the integration targets an alias or version (or a stage variable), the permission must name that exact qualified ARN.`);
    }
    steps.push(`Make it permanent in your infrastructure code (an AWS::Lambda::Permission / lambda.Function.addPermission next to the integration), or the next deploy removes it again.`);
    return steps;
  },
};
