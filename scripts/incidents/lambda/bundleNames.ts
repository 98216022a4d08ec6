/** The bundles the Lambda-side generator writes (events/incidents/<name>/). */
export const LAMBDA_BUNDLES = [
  'rest-lambda-timeout',
  'http-lambda-timeout',
  'rest-lambda-unhandled-error-node',
  'http-lambda-unhandled-error-python',
  'rest-lambda-out-of-memory-java',
  'rest-lambda-init-error',
  'rest-lambda-throttled',
  'rest-lambda-not-found',
  'rest-invoke-permission-denied',
  'rest-malformed-proxy-response',
  'http-function-error-response',
  'rest-function-error-response-silent',
  'rest-downstream-access-denied',
  'http-downstream-dependency-failure',
  'rest-two-causes-timeout-and-oom',
  'rest-lambda-unhandled-error-with-old-incident',
] as const;
