import type { Rule, RuleMatch } from '../rule.ts';
import { accessEvidence, compact, executionEvidence, findExecution } from '../evidenceExcerpts.ts';
import { requestsLabel, routeLabel, sinceLabel } from '../findingText.ts';
import { integrationUri } from '../signals.ts';

/**
 * A direct AWS service integration failed: the endpoint is an AWS service (dynamodb, sqs, states, s3,
 * kinesis, sns, events...) and its response is an error document ("__type":
 * "com.amazon.coral.service#AccessDeniedException", ValidationException, SQS's XML <ErrorResponse>...), or the
 * role could not be assumed (HTTP APIs' first-class integrations: "API Gateway doesn’t have permissions to
 * assume the IAM role configured on the integration. Check the permissions and try again."). A Lambda
 * integration written as arn:aws:apigateway:REGION:lambda:path/... is not one.
 */
const SERVICE_URI = /https:\/\/(?!lambda\.)([a-z0-9-]+)(?:\.[a-z0-9-]+)?\.amazonaws\.com|arn:aws[a-z-]*:apigateway:[a-z0-9-]+:([a-z0-9-]+):(?:action|path)\//i;
const SERVICE_ERROR =
  /AccessDenied|not authorized to perform|ValidationException|SerializationException|ResourceNotFoundException|ConditionalCheckFailed|InvalidParameter|MissingParameter|UnrecognizedClientException|InvalidSignature|ExpiredToken|ProvisionedThroughputExceeded|ThrottlingException|"__type"|<Error>|<ErrorResponse|assume the provided role|Unable to assume|permissions? to assume|permissions? to call the integration|"status"\s*:\s*"(FAILED|TIMED_OUT|ABORTED)"|States\.[A-Za-z]+|ExecutionFailed|ExecutionDoesNotExist|StateMachineDoesNotExist/i;
const INTEGRATION_SUBTYPE = /^(SQS|EventBridge|Kinesis|StepFunctions|AppConfig)-/;

export const awsServiceIntegrationError: Rule = {
  id: 'aws-service-integration-error',
  match(r): RuleMatch | undefined {
    const uri = integrationUri(r) ?? '';
    const matched = SERVICE_URI.exec(uri);
    const service = matched && (matched[1] ?? matched[2])?.toLowerCase() !== 'lambda' ? matched : null;
    const subtype = [r.integration?.integrationSubtype, r.integration?.type].find((t) => t !== undefined && INTEGRATION_SUBTYPE.test(t));
    if (!service && !subtype) return undefined;
    const exec = findExecution(r, SERVICE_ERROR);
    const statusLine = findExecution(r, /Received response\.\s*Status:\s*([45]\d\d)/i);
    const accessText = [r.access?.integrationErrorMessage, r.access?.integrationError].find((m) => m !== undefined && SERVICE_ERROR.test(m));
    const accessStatus = r.access?.integrationStatus !== undefined && r.access.integrationStatus >= 400;
    if (!exec && !statusLine && !accessText && !accessStatus) return undefined;
    const text = exec?.line.text ?? accessText ?? '';
    const facts: RuleMatch['facts'] = { service: service?.[1] ?? service?.[2] ?? subtype ?? 'aws' };
    const action = /not authorized to perform:?\s*([a-z0-9-]+:[A-Za-z0-9]+)/i.exec(text)?.[1] ?? /action\/([A-Za-z0-9]+)/.exec(uri)?.[1] ?? r.facts?.awsAction;
    const subtypeAction = subtype ? iamActionOfSubtype(subtype) : undefined;
    if (action ?? subtypeAction) facts.action = (action ?? subtypeAction) as string;
    const resource = /on resource:?\s*([^\s"]+)/i.exec(text)?.[1];
    if (resource) facts.resource = resource.replace(/[",}]+$/, '');
    const principal = /User:\s*(arn:[^\s]+)/.exec(text)?.[1];
    if (principal) facts.principal = principal;
    if (r.integration?.credentials) facts.principal ??= r.integration.credentials;
    const errType = /#?([A-Za-z]+Exception|AccessDenied)/.exec(text)?.[1];
    if (errType) facts.errorType = errType;
    facts.detail = text.slice(0, 300);
    return {
      id: 'aws-service-integration-error',
      confidence: exec ? 0.9 : 0.75,
      reason: `the ${facts.service} integration answered with an error`,
      evidence: compact([exec && executionEvidence(r, exec.line), statusLine && statusLine.line !== exec?.line ? executionEvidence(r, statusLine.line) : undefined, accessEvidence(r)]),
      facts,
    };
  },
  summarise(f) {
    const what = f.facts.errorType ? `${f.facts.errorType}` : 'an error';
    return `The direct ${f.facts.service ?? 'AWS service'} integration of ${routeLabel(f)} answers ${what}${f.facts.action ? ` on ${f.facts.action}` : ''}: ${requestsLabel(f.requestCount)} failed${sinceLabel(f)}.`;
  },
  remediate(f) {
    const steps: string[] = [];
    if (/AccessDenied|not authorized|assume|permissions? to call the integration/i.test(`${f.facts.errorType ?? ''} ${f.facts.detail ?? ''}`)) {
      steps.push(
        `Allow the integration's credentials role${f.facts.principal ? ` (${f.facts.principal})` : ''} to call ${f.facts.action ?? 'the action'}${f.facts.resource ? ` on ${f.facts.resource}` : ''}: add that action and resource to its policy (aws iam put-role-policy ...), and check its trust policy allows apigateway.amazonaws.com.`,
      );
    } else if (/Validation|Serialization|InvalidParameter|MissingParameter/i.test(`${f.facts.errorType ?? ''} ${f.facts.detail ?? ''}`)) {
      steps.push(`The request API Gateway builds for ${f.facts.service ?? 'the service'} is invalid: fix the integration request mapping template so it produces the parameters the ${f.facts.action ?? 'API'} action requires (test it in the console with data tracing on).`);
    } else {
      steps.push(`Read the service's error document in the execution log (Endpoint response body before transformations) and fix the call it describes.`);
    }
    steps.push('Map service errors to meaningful method responses (4xx for validation errors) in the integration responses, so clients do not see a bare 500.');
    const change = f.context.changes.find((c) => /Role|Policy|UpdateIntegration|PutIntegration/i.test(c.eventName));
    if (change) steps.unshift(`This change preceded the onset: ${change.what} by ${change.who}.`);
    return steps;
  },
};

/** HTTP API integration subtypes name the action they call: "SQS-SendMessage" -> "sqs:SendMessage". */
function iamActionOfSubtype(subtype: string): string | undefined {
  const [service, action] = subtype.split('-');
  const prefix: Record<string, string> = { SQS: 'sqs', StepFunctions: 'states', EventBridge: 'events', Kinesis: 'kinesis', AppConfig: 'appconfig' };
  const p = service ? prefix[service] : undefined;
  return p && action ? `${p}:${action}` : undefined;
}
