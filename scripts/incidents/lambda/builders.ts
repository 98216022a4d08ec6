import type { Bundle } from './bundle.ts';
import type { LAMBDA_BUNDLES } from './bundleNames.ts';
import { buildHttpLambdaTimeout } from './scenarios/httpLambdaTimeout.ts';
import { buildRestUnhandledNode } from './scenarios/restUnhandledNode.ts';
import { buildHttpUnhandledPython } from './scenarios/httpUnhandledPython.ts';
import { buildRestOomJava } from './scenarios/restOomJava.ts';
import { buildRestInitError } from './scenarios/restInitError.ts';
import { buildRestThrottled } from './scenarios/restThrottled.ts';
import { buildRestNotFound } from './scenarios/restNotFound.ts';
import { buildRestPermissionDenied } from './scenarios/restPermissionDenied.ts';
import { buildRestMalformed } from './scenarios/restMalformed.ts';
import { buildHttpFunctionErrorResponse } from './scenarios/httpFunctionErrorResponse.ts';
import { buildRestFunctionErrorSilent } from './scenarios/restFunctionErrorSilent.ts';
import { buildRestDownstreamAccessDenied } from './scenarios/restDownstreamAccessDenied.ts';
import { buildHttpDownstreamDependency } from './scenarios/httpDownstreamDependency.ts';
import { buildRestTwoCauses } from './scenarios/restTwoCauses.ts';
import { buildRestOldIncident } from './scenarios/restOldIncident.ts';
import { buildRestLambdaTimeout } from './scenarios/restLambdaTimeout.ts';

/** Every Lambda-side bundle and the function that builds it in memory. */
export const BUILDERS: Record<(typeof LAMBDA_BUNDLES)[number], () => Bundle> = {
  'rest-lambda-timeout': buildRestLambdaTimeout,
  'http-lambda-timeout': buildHttpLambdaTimeout,
  'rest-lambda-unhandled-error-node': buildRestUnhandledNode,
  'http-lambda-unhandled-error-python': buildHttpUnhandledPython,
  'rest-lambda-out-of-memory-java': buildRestOomJava,
  'rest-lambda-init-error': buildRestInitError,
  'rest-lambda-throttled': buildRestThrottled,
  'rest-lambda-not-found': buildRestNotFound,
  'rest-invoke-permission-denied': buildRestPermissionDenied,
  'rest-malformed-proxy-response': buildRestMalformed,
  'http-function-error-response': buildHttpFunctionErrorResponse,
  'rest-function-error-response-silent': buildRestFunctionErrorSilent,
  'rest-downstream-access-denied': buildRestDownstreamAccessDenied,
  'http-downstream-dependency-failure': buildHttpDownstreamDependency,
  'rest-two-causes-timeout-and-oom': buildRestTwoCauses,
  'rest-lambda-unhandled-error-with-old-incident': buildRestOldIncident,
};
