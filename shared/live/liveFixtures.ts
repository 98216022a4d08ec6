/**
 * Test support: responses in the exact shapes the SDK v3 returns them (Dates as Date objects, export bodies
 * as bytes), for one REST API and one HTTP API. Field names and values follow real output:
 * - REST get-stage / get-deployments / get-export: AWS CLI reference examples for `apigateway get-stage`,
 *   aws-cli awscli/examples/apigateway/get-deployments.rst, API Gateway developer guide "x-amazon-apigateway-integration"
 *   and "x-amazon-apigateway-authorizer" (token authorizer in components.securitySchemes), and the bundle
 *   events/incidents/rest-lambda-timeout/api/*.json of this repository (recorded from real CLI output).
 * - HTTP get-stage / get-deployments / export-api: events/incidents/http-lambda-timeout/api/*.json, boto3
 *   ApiGatewayV2.get_stage response syntax.
 * - get-function-configuration: aws-cli awscli/examples/lambda/get-function.rst and the public dump with
 *   LoggingConfig {"LogFormat":"Text","LogGroup":...} cited in shared/context/SHAPES.md.
 */

export const REST_API_ID = 'rgkwmpkz6q';
export const ACCOUNT = '384756102938';
export const REGION = 'us-east-1';

export const restApi = {
  id: REST_API_ID,
  name: 'orders-api',
  description: 'Orders service',
  createdDate: new Date('2025-11-02T09:14:27Z'),
  apiKeySource: 'HEADER' as const,
  endpointConfiguration: { types: ['REGIONAL' as const], ipAddressType: 'ipv4' as const },
  disableExecuteApiEndpoint: false,
  rootResourceId: 'x7h4ok2c1b',
};

export const otherRestApi = {
  id: 'c0ffee1234',
  name: 'catalog-admin',
  createdDate: new Date('2024-06-19T12:00:41Z'),
  apiKeySource: 'HEADER' as const,
  endpointConfiguration: { types: ['EDGE' as const] },
  rootResourceId: 'a1b2c3d4e5',
};

export const restStage = {
  deploymentId: '7d3338',
  stageName: 'prod',
  description: 'Production',
  cacheClusterEnabled: false,
  cacheClusterStatus: 'NOT_AVAILABLE' as const,
  methodSettings: {
    '*/*': {
      metricsEnabled: true,
      loggingLevel: 'INFO',
      dataTraceEnabled: false,
      throttlingBurstLimit: 5000,
      throttlingRateLimit: 10000,
      cachingEnabled: false,
      cacheTtlInSeconds: 300,
      cacheDataEncrypted: false,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER' as const,
    },
  },
  variables: { catalogFn: 'catalog-fn', env: 'prod' },
  accessLogSettings: {
    format:
      '{ "requestId":"$context.requestId", "extendedRequestId":"$context.extendedRequestId","ip": "$context.identity.sourceIp", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod", "resourcePath":"$context.resourcePath", "status":"$context.status", "protocol":"$context.protocol", "responseLength":"$context.responseLength", "integrationLatency":"$context.integrationLatency", "integrationStatus":"$context.integrationStatus", "xrayTraceId":"$context.xrayTraceId" }',
    destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/apigateway/orders-api-prod-access`,
  },
  tracingEnabled: true,
  createdDate: new Date('2025-11-02T09:20:03Z'),
  lastUpdatedDate: new Date('2026-03-08T16:40:11Z'),
};

export const restDeploymentsPage1 = {
  items: [{ id: '7d3338', description: 'orders-api release 2026.03.08-2', createdDate: new Date('2026-03-08T16:40:09Z') }],
  position: 'N2QzMzM4',
};
export const restDeploymentsPage2 = {
  items: [{ id: 'f171d7', description: 'orders-api release 2026.03.02-1', createdDate: new Date('2026-03-02T10:03:44Z') }],
};

const lambdaUri = (fn: string): string => `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn}/invocations`;

/** `aws apigateway get-export --export-type oas30 --parameters extensions=apigateway` body. */
export const restExport = {
  openapi: '3.0.1',
  info: { title: 'orders-api', description: 'Orders service', version: '2026-03-08T16:40:09Z' },
  servers: [{ url: `https://${REST_API_ID}.execute-api.${REGION}.amazonaws.com/{basePath}`, variables: { basePath: { default: 'prod' } } }],
  paths: {
    '/orders/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        security: [{ tokenAuth: [] }],
        'x-amazon-apigateway-integration': { httpMethod: 'POST', uri: lambdaUri('orders-fn'), passthroughBehavior: 'when_no_match', timeoutInMillis: 29000, type: 'aws_proxy' },
      },
    },
    '/orders': {
      post: {
        security: [{ tokenAuth: [] }],
        'x-amazon-apigateway-integration': { httpMethod: 'POST', uri: lambdaUri('orders-fn:live'), passthroughBehavior: 'when_no_match', timeoutInMillis: 29000, type: 'aws_proxy' },
      },
    },
    '/products/{sku}': {
      get: {
        parameters: [{ name: 'sku', in: 'path', required: true, schema: { type: 'string' } }],
        'x-amazon-apigateway-integration': { httpMethod: 'POST', uri: lambdaUri('${stageVariables.catalogFn}'), passthroughBehavior: 'when_no_match', timeoutInMillis: 29000, type: 'aws_proxy' },
      },
    },
    '/health': {
      get: {
        'x-amazon-apigateway-integration': {
          type: 'mock',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          responses: { default: { statusCode: '200' } },
          passthroughBehavior: 'when_no_match',
        },
      },
    },
  },
  components: {
    securitySchemes: {
      tokenAuth: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authtype': 'custom',
        'x-amazon-apigateway-authorizer': { type: 'token', authorizerUri: lambdaUri('auth-fn'), authorizerResultTtlInSeconds: 300 },
      },
    },
  },
};

/** A body as the SDK hands it over: bytes with transformToString (its Uint8ArrayBlobAdapter). */
export function bytes(json: unknown): Uint8Array & { transformToString: (encoding?: string) => string } {
  return textBody(JSON.stringify(json, null, 2));
}

export function textBody(text: string): Uint8Array & { transformToString: (encoding?: string) => string } {
  return Object.assign(new TextEncoder().encode(text), { transformToString: () => text });
}

/** GetExport output: contentType, contentDisposition and the body as bytes. */
export const restExportResponse = {
  contentType: 'application/json',
  contentDisposition: 'attachment; filename="oas30_2026-03-08T16:40:09Z.json"',
  body: bytes(restExport),
};

export function functionConfiguration(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    FunctionName: name,
    FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
    Runtime: 'nodejs20.x',
    Role: `arn:aws:iam::${ACCOUNT}:role/${name}-role-505f8677`,
    Handler: 'index.handler',
    CodeSize: 1482113,
    Description: '',
    Timeout: 6,
    MemorySize: 512,
    LastModified: '2026-03-10T13:52:07.724+0000',
    CodeSha256: 'wqnkjAVkqqSZ0ZzOOutXotMeOvuJkh2PdUPX7Sv8Q/C=',
    Version: '$LATEST',
    TracingConfig: { Mode: 'Active' },
    RevisionId: 'a8e201e6-5ba1-4a98-a91a-e33116eb53ec',
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: ['arm64'],
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    RuntimeVersionConfig: { RuntimeVersionArn: 'arn:aws:lambda:us-east-1::runtime:ccda189726443d0d93663d7723dc28258d8956848ac27b4dcaff3e9d0c6abb0e' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${name}` },
    ...extra,
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP API
// ---------------------------------------------------------------------------------------------

export const HTTP_API_ID = 'yha1rvrori';
export const HTTP_REGION = 'eu-west-1';
export const HTTP_ACCOUNT = '902118437615';

export const httpApi = {
  ApiEndpoint: `https://${HTTP_API_ID}.execute-api.${HTTP_REGION}.amazonaws.com`,
  ApiId: HTTP_API_ID,
  ApiKeySelectionExpression: '$request.header.x-api-key',
  CreatedDate: new Date('2025-11-04T07:58:51Z'),
  DisableExecuteApiEndpoint: false,
  Name: 'checkout-http',
  ProtocolType: 'HTTP' as const,
  RouteSelectionExpression: '$request.method $request.path',
  Tags: {},
};

export const httpStage = {
  AccessLogSettings: {
    DestinationArn: `arn:aws:logs:${HTTP_REGION}:${HTTP_ACCOUNT}:log-group:/aws/apigateway/checkout-http-access`,
    Format:
      '{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod","routeKey":"$context.routeKey", "status":"$context.status","protocol":"$context.protocol", "responseLength":"$context.responseLength", "integrationStatus":"$context.integration.integrationStatus", "integrationLatency":"$context.integration.latency", "integrationRequestId":"$context.integration.requestId", "integrationErrorMessage":"$context.integrationErrorMessage", "responseLatency":"$context.responseLatency" }',
  },
  AutoDeploy: true,
  CreatedDate: new Date('2025-11-04T08:00:12Z'),
  DefaultRouteSettings: { DetailedMetricsEnabled: true },
  DeploymentId: '0a20d8',
  LastDeploymentStatusMessage: "Successfully deployed stage with deployment ID '0a20d8'",
  LastUpdatedDate: new Date('2026-03-30T15:21:40Z'),
  RouteSettings: {},
  StageName: '$default',
  StageVariables: {},
  Tags: {},
};

export const httpDeployments = {
  Items: [
    {
      AutoDeployed: true,
      CreatedDate: new Date('2026-03-30T15:21:39Z'),
      DeploymentId: '0a20d8',
      DeploymentStatus: 'DEPLOYED' as const,
      Description: 'Automatic deployment triggered by changes to the Api configuration',
    },
  ],
};

const httpLambdaUri = (fn: string): string =>
  `arn:aws:apigateway:${HTTP_REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${HTTP_REGION}:${HTTP_ACCOUNT}:function:${fn}/invocations`;

/** `aws apigatewayv2 export-api --specification OAS30 --output-type JSON --include-extensions` body. */
export const httpExport = {
  openapi: '3.0.1',
  info: { title: 'checkout-http', version: '2026-03-30T15:21:39' },
  servers: [{ url: `https://${HTTP_API_ID}.execute-api.${HTTP_REGION}.amazonaws.com/{basePath}`, variables: { basePath: { default: '' } } }],
  paths: {
    '/checkout': {
      post: {
        responses: { default: { description: 'Default response for POST /checkout' } },
        'x-amazon-apigateway-integration': { payloadFormatVersion: '2.0', type: 'aws_proxy', httpMethod: 'POST', uri: httpLambdaUri('checkout-fn'), connectionType: 'INTERNET', timeoutInMillis: 30000 },
      },
    },
    '/cart/{cartId}': {
      get: {
        responses: { default: { description: 'Default response for GET /cart/{cartId}' } },
        'x-amazon-apigateway-integration': { payloadFormatVersion: '2.0', type: 'aws_proxy', httpMethod: 'POST', uri: httpLambdaUri('cart-fn'), connectionType: 'INTERNET', timeoutInMillis: 30000 },
        parameters: [{ name: 'cartId', in: 'path', description: 'Generated path parameter for cartId', required: true, schema: { type: 'string' } }],
      },
    },
  },
  'x-amazon-apigateway-importexport-version': '1.0',
};

export function httpFunctionConfiguration(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return functionConfiguration(name, {
    FunctionArn: `arn:aws:lambda:${HTTP_REGION}:${HTTP_ACCOUNT}:function:${name}`,
    Role: `arn:aws:iam::${HTTP_ACCOUNT}:role/${name}-role`,
    Runtime: 'python3.12',
    Handler: 'app.handler',
    ...extra,
  });
}
