import type { Rule } from '../rule.ts';
import type { RootCauseId } from '../../model/rootCauses.ts';
import { lambdaInitError } from './lambdaInitError.ts';
import { lambdaOutOfMemory } from './lambdaOutOfMemory.ts';
import { lambdaTimeout } from './lambdaTimeout.ts';
import { integrationTimeout } from './integrationTimeout.ts';
import { lambdaThrottled } from './lambdaThrottled.ts';
import { lambdaNotFound } from './lambdaNotFound.ts';
import { invokePermissionDenied } from './invokePermissionDenied.ts';
import { authorizerError } from './authorizerError.ts';
import { malformedProxyResponse } from './malformedProxyResponse.ts';
import { mappingTemplateError } from './mappingTemplateError.ts';
import { backendTlsError } from './backendTlsError.ts';
import { backendUnreachable } from './backendUnreachable.ts';
import { awsServiceIntegrationError } from './awsServiceIntegrationError.ts';
import { downstreamAccessDenied } from './downstreamAccessDenied.ts';
import { downstreamDependencyFailure } from './downstreamDependencyFailure.ts';
import { lambdaUnhandledError } from './lambdaUnhandledError.ts';
import { functionErrorResponse } from './functionErrorResponse.ts';
import { backendErrorResponse } from './backendErrorResponse.ts';
import { apiGatewayInternal } from './apiGatewayInternal.ts';

/** Every rule, most specific first: on equal confidence the earlier one wins. */
export const RULES: readonly Rule[] = [
  authorizerError,
  lambdaInitError,
  lambdaOutOfMemory,
  lambdaTimeout,
  integrationTimeout,
  lambdaThrottled,
  lambdaNotFound,
  invokePermissionDenied,
  malformedProxyResponse,
  mappingTemplateError,
  backendTlsError,
  backendUnreachable,
  awsServiceIntegrationError,
  downstreamAccessDenied,
  downstreamDependencyFailure,
  lambdaUnhandledError,
  functionErrorResponse,
  backendErrorResponse,
  apiGatewayInternal,
];

/**
 * When a more specific cause is found for a request, these general ones describe the same failure and
 * become its alternatives (contract: an unhandled DynamoDB throttle is downstream-dependency-failure).
 */
export const SUPERSEDES: Partial<Record<RootCauseId, readonly RootCauseId[]>> = {
  'authorizer-error': ['lambda-init-error', 'lambda-timeout', 'lambda-unhandled-error', 'lambda-out-of-memory', 'api-gateway-internal'],
  // An init that timed out also reads "Task timed out": the init failure is the more specific cause.
  'lambda-init-error': ['lambda-unhandled-error', 'function-error-response', 'api-gateway-internal', 'lambda-timeout'],
  'lambda-out-of-memory': ['lambda-unhandled-error', 'function-error-response', 'lambda-timeout'],
  'lambda-timeout': ['lambda-unhandled-error', 'function-error-response', 'downstream-dependency-failure'],
  'downstream-access-denied': ['lambda-unhandled-error', 'function-error-response', 'downstream-dependency-failure'],
  'downstream-dependency-failure': ['lambda-unhandled-error', 'function-error-response'],
  'lambda-throttled': ['api-gateway-internal'],
  'lambda-not-found': ['api-gateway-internal'],
  'invoke-permission-denied': ['api-gateway-internal', 'aws-service-integration-error'],
  'backend-tls-error': ['backend-unreachable', 'api-gateway-internal'],
  'backend-unreachable': ['api-gateway-internal', 'backend-error-response'],
  'integration-timeout': ['backend-unreachable', 'api-gateway-internal'],
  'aws-service-integration-error': ['backend-error-response', 'api-gateway-internal'],
  'malformed-proxy-response': ['function-error-response', 'lambda-unhandled-error'],
  'mapping-template-error': ['api-gateway-internal'],
};

export function ruleFor(id: RootCauseId): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
