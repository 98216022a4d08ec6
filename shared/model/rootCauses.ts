/** The root-cause ids of the contract (section 2), in one place with their titles. */
export const ROOT_CAUSE_IDS = [
  'lambda-timeout',
  'integration-timeout',
  'lambda-unhandled-error',
  'lambda-out-of-memory',
  'lambda-init-error',
  'lambda-throttled',
  'lambda-not-found',
  'invoke-permission-denied',
  'malformed-proxy-response',
  'mapping-template-error',
  'backend-unreachable',
  'backend-tls-error',
  'backend-error-response',
  'function-error-response',
  'aws-service-integration-error',
  'downstream-access-denied',
  'downstream-dependency-failure',
  'authorizer-error',
  'api-gateway-internal',
  'insufficient-evidence',
] as const;

export type RootCauseId = (typeof ROOT_CAUSE_IDS)[number];

export const ROOT_CAUSE_TITLES: Record<RootCauseId, string> = {
  'lambda-timeout': 'Lambda function timed out',
  'integration-timeout': 'API Gateway integration timeout',
  'lambda-unhandled-error': 'Unhandled error in the Lambda function',
  'lambda-out-of-memory': 'Lambda function ran out of memory',
  'lambda-init-error': 'Lambda function failed to initialise',
  'lambda-throttled': 'Lambda invocations throttled',
  'lambda-not-found': 'Integration points at a Lambda function that does not exist',
  'invoke-permission-denied': 'API Gateway is not allowed to invoke the function',
  'malformed-proxy-response': 'Malformed Lambda proxy response',
  'mapping-template-error': 'Mapping template failed',
  'backend-unreachable': 'Backend unreachable',
  'backend-tls-error': 'TLS failure with the backend',
  'backend-error-response': 'Backend answered with a 5xx',
  'function-error-response': 'Function returned a 5xx response',
  'aws-service-integration-error': 'AWS service integration failed',
  'downstream-access-denied': "Function's role lacks a permission it needs",
  'downstream-dependency-failure': 'A dependency of the function failed',
  'authorizer-error': 'Lambda authorizer failed',
  'api-gateway-internal': 'API Gateway internal error',
  'insufficient-evidence': 'Not enough evidence to decide',
};

export function isRootCauseId(value: string): value is RootCauseId {
  return (ROOT_CAUSE_IDS as readonly string[]).includes(value);
}
