import type { Rule, RuleMatch } from '../rule.ts';
import { compact, findFunctionErrorQuote, findLambda, lambdaEvidence, traceEvidence } from '../evidenceExcerpts.ts';
import { functionOutcome, matchWeight } from '../signals.ts';
import { functionLabel, requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';

/**
 * The function's own role lacks a permission on a service it calls. AWS SDKs put the service's words
 * in the error: "User: arn:aws:sts::123456789012:assumed-role/orders-role/orders-fn is not authorized to
 * perform: dynamodb:PutItem on resource: arn:aws:dynamodb:...:table/orders because no identity-based
 * policy allows the dynamodb:PutItem action" (AccessDeniedException / AccessDenied / KMS, S3, SQS...) — in the
 * function's log, its trace, or API Gateway's quote of its error (not API Gateway's own "Invalid permissions").
 */
const DENIED = /is not authorized to perform:?\s*([a-z0-9-]+:[A-Za-z0-9*]+)|AccessDenied(Exception)?|AuthorizationError|UnauthorizedOperation|KMS[^\n]*AccessDenied|Access Denied/;

export const downstreamAccessDenied: Rule = {
  id: 'downstream-access-denied',
  match(r): RuleMatch | undefined {
    const line = findLambda(r, DENIED);
    const seg = r.segments.find(
      (s) => s.namespace === 'aws' && s.exceptions.some((e) => /AccessDenied|not authorized/i.test(`${e.type ?? ''} ${e.message ?? ''}`)),
    );
    // No log or trace of the function read: API Gateway's quote of its error may still carry the denial.
    const quote = !line && !seg ? findFunctionErrorQuote(r, DENIED) : undefined;
    if (!line && !seg && !quote) return undefined;
    // A denied invoke by API Gateway itself is another cause; this one is the function's own call.
    const text = line?.line.raw ?? quote?.text ?? seg?.exceptions.map((e) => `${e.type ?? ''}: ${e.message ?? ''}`).join(' ') ?? '';
    if (/lambda:InvokeFunction/.test(text) && !line && !quote) return undefined;
    const outcome = functionOutcome(r);
    const facts: RuleMatch['facts'] = {};
    if (r.functionName) facts.functionName = r.functionName;
    const action = /not authorized to perform:?\s*([a-z0-9-]+:[A-Za-z0-9*]+)/.exec(text)?.[1] ?? (seg?.awsOperation ? `${seg.name.toLowerCase()}:${seg.awsOperation}` : undefined);
    if (action) facts.action = action;
    // KMS denials rarely say "not authorized to perform": name the key service, and the action a
    // sender to an encrypted queue or topic needs (GenerateDataKey), else Decrypt.
    if (!action && /\bkms\b|AWSKMS|KMS key|KmsAccessDenied/i.test(text)) {
      facts.service ??= 'KMS';
      facts.action = /sqs|sns|SendMessage|Publish/i.test(text) ? 'kms:GenerateDataKey' : 'kms:Decrypt';
    }
    // S3 quotes the resource ("on resource: \"arn:aws:s3:::docs/x\""): skip the quote.
    const resource = /on resource:?\s*\\?"?([^\s"\\]+)/.exec(text)?.[1];
    if (resource) facts.resource = resource.replace(/[.,]+$/, '');
    const principal = /User:\s*(arn:[^\s"\\]+)/.exec(text)?.[1];
    if (principal) facts.principal = principal;
    if (seg?.name) facts.service = seg.name;
    facts.dependency = action ?? seg?.name ?? 'an AWS service';
    return {
      id: 'downstream-access-denied',
      confidence: quote ? 0.82 : 0.9 * (line ? matchWeight(r) : 0.9),
      reason: `the function's role may not ${action ?? 'call a service it needs'}`,
      evidence: compact([line && lambdaEvidence(r, line.line), seg && traceEvidence(r, seg), quote?.evidence]),
      facts,
      alternatives: [{ id: outcome === 'unhandled' ? 'lambda-unhandled-error' : 'function-error-response', confidence: 0.3 }],
    };
  },
  summarise(f) {
    return `${functionLabel(f)} is denied ${f.facts.action ?? 'a call it needs'}${f.facts.resource ? ` on ${f.facts.resource}` : ''}, so ${requestsLabel(f.requestCount)} to ${routeLabel(f)} failed${sinceLabel(f)}.`;
  },
  remediate(f) {
    const configuredRole = f.context.functions.find((c) => c.name === f.facts.functionName || f.functions.includes(c.name))?.role;
    const role = /assumed-role\/([^/]+)\//.exec(f.facts.principal ?? '')?.[1] ?? configuredRole?.split('/').pop() ?? 'the function role';
    const steps = [
      `Allow ${role} to call ${f.facts.action ?? 'the denied action'}${f.facts.resource ? ` on ${f.facts.resource}` : ''}: aws iam put-role-policy --role-name ${role} --policy-name allow-${(f.facts.action ?? 'action').replace(/[^A-Za-z0-9]+/g, '-')} --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"${f.facts.action ?? 'SERVICE:ACTION'}","Resource":"${f.facts.resource ?? 'RESOURCE_ARN'}"}]}' — better, add it in the infrastructure code that owns the role.`,
      'If the policy already allows it, look for what else can deny: a permissions boundary, an SCP, a resource policy (S3 bucket, KMS key, SQS queue), or a KMS key the role may not use.',
    ];
    const change = f.context.changes.find((c) => /RolePolicy|AttachRolePolicy|DetachRolePolicy|PutRolePermissionsBoundary|UpdateFunctionConfiguration/i.test(c.eventName));
    if (change) steps.unshift(`This change preceded the onset: ${change.what} by ${change.who}.`);
    return steps;
  },
};
