/** The gateway-side bundles this generator writes, by folder name. */
import type { Bundle } from './bundle.ts';
import {
  httpAuthorizerError,
  httpBackendErrorResponse,
  httpBackendUnreachableDns,
  httpInsufficientEvidenceMetricsOnly,
  httpIntegrationTimeoutHttpBackend,
  httpTwoCausesDnsAndTimeout,
} from './scenarios/httpBundles.ts';
import {
  restBackendErrorResponse,
  restBackendErrorResponseNoisy,
  restBackendTlsError,
  restBackendUnreachableVpclink,
  restCorruptFile,
} from './scenarios/restBackendBundles.ts';
import {
  restApiGatewayInternal,
  restAuthorizerError,
  restAwsServiceIntegrationError,
  restInsufficientEvidenceNoExecLogs,
  restMappingTemplateError,
  restTwoCausesAuthorizerAndBackend,
} from './scenarios/restGatewayBundles.ts';
import { restIntegrationTimeoutLambda } from './scenarios/restIntegrationTimeoutLambda.ts';

export const BUILDERS: Record<string, () => Bundle> = {
  'rest-integration-timeout-lambda': restIntegrationTimeoutLambda,
  'rest-mapping-template-error': restMappingTemplateError,
  'rest-aws-service-integration-error': restAwsServiceIntegrationError,
  'rest-authorizer-error': restAuthorizerError,
  'rest-api-gateway-internal': restApiGatewayInternal,
  'rest-insufficient-evidence-no-exec-logs': restInsufficientEvidenceNoExecLogs,
  'rest-two-causes-authorizer-and-backend': restTwoCausesAuthorizerAndBackend,
  'rest-backend-unreachable-vpclink': restBackendUnreachableVpclink,
  'rest-backend-tls-error': restBackendTlsError,
  'rest-backend-error-response': restBackendErrorResponse,
  'rest-backend-error-response-noisy': restBackendErrorResponseNoisy,
  'rest-corrupt-file': restCorruptFile,
  'http-integration-timeout-http-backend': httpIntegrationTimeoutHttpBackend,
  'http-backend-unreachable-dns': httpBackendUnreachableDns,
  'http-backend-error-response': httpBackendErrorResponse,
  'http-authorizer-error': httpAuthorizerError,
  'http-insufficient-evidence-metrics-only': httpInsufficientEvidenceMetricsOnly,
  'http-two-causes-dns-and-timeout': httpTwoCausesDnsAndTimeout,
};

