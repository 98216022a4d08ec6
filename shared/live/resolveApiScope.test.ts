import { describe, it, expect, beforeEach } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import {
  APIGatewayClient,
  GetDeploymentsCommand,
  GetAuthorizersCommand,
  GetExportCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  NotFoundException,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  ExportApiCommand,
  GetApiCommand,
  GetApisCommand,
  GetDeploymentsCommand as GetHttpDeploymentsCommand,
  GetStageCommand as GetHttpStageCommand,
  NotFoundException as HttpNotFoundException,
  BadRequestException as HttpBadRequestException,
  GetAuthorizersCommand as GetHttpAuthorizersCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
} from '@aws-sdk/client-apigatewayv2';
import { GetFunctionConcurrencyCommand, GetFunctionConfigurationCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { resolveApiScope } from './resolveApiScope.ts';
import { AmbiguousApiError, ApiAccessDeniedError, ApiNotFoundError, AwsCredentialsError } from './apiScopeErrors.ts';
import { UsageError } from '../errors.ts';
import { serviceError } from './answerInStack.ts';
import {
  ACCOUNT,
  HTTP_API_ID,
  REGION,
  REST_API_ID,
  bytes,
  functionConfiguration,
  httpApi,
  httpDeployments,
  httpExport,
  httpFunctionConfiguration,
  httpStage,
  otherRestApi,
  restApi,
  restDeploymentsPage1,
  restDeploymentsPage2,
  restExport,
  restExportResponse,
  restStage,
  textBody,
} from './liveFixtures.ts';

const apiGateway = mockClient(APIGatewayClient);
const apiGatewayV2 = mockClient(ApiGatewayV2Client);
const lambda = mockClient(LambdaClient);
const clients = () => ({ apiGateway: new APIGatewayClient({ region: REGION }), apiGatewayV2: new ApiGatewayV2Client({ region: REGION }), lambda: new LambdaClient({ region: REGION }) });

// Real message shapes: API Gateway answers an unknown id with "Invalid API identifier specified <account>:<id>"
// and an unknown stage with "Invalid stage identifier specified"; Lambda with "Function not found: <arn>".
const restNotFound = (what = 'API') => new NotFoundException({ $metadata: { httpStatusCode: 404 }, message: `Invalid ${what} identifier specified ${ACCOUNT}:${REST_API_ID}` });

function mockRestApiAccount(): void {
  apiGateway.on(GetRestApiCommand, { restApiId: REST_API_ID }).resolves(restApi);
  apiGateway.on(GetStageCommand, { restApiId: REST_API_ID, stageName: 'prod' }).resolves(restStage);
  apiGateway.on(GetDeploymentsCommand, { restApiId: REST_API_ID }).resolves(restDeploymentsPage1);
  apiGateway.on(GetDeploymentsCommand, { restApiId: REST_API_ID, position: 'N2QzMzM4' }).resolves(restDeploymentsPage2);
  apiGateway.on(GetExportCommand).resolves(restExportResponse);
  lambda.on(GetFunctionConfigurationCommand).callsFake(async (input: { FunctionName?: string; Qualifier?: string }) => {
    const name = (input.FunctionName ?? '').split(':')[6] ?? input.FunctionName ?? '';
    const qualifier = (input.FunctionName ?? '').split(':')[7];
    if (name === 'catalog-fn') return functionConfiguration('catalog-fn', { LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO', LogGroup: '/orders/prod/lambda' } });
    if (qualifier === 'live') return functionConfiguration('orders-fn', { Version: '42', FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-fn:42`, Timeout: 10 });
    return functionConfiguration(name);
  });
  lambda.on(GetFunctionConcurrencyCommand).resolves({});
  lambda.on(GetFunctionConcurrencyCommand, { FunctionName: 'auth-fn' }).resolves({ ReservedConcurrentExecutions: 0 });
}

beforeEach(() => {
  apiGateway.reset();
  apiGatewayV2.reset();
  lambda.reset();
});

describe('resolveApiScope — REST API by id', () => {
  it('reads stage, deployments (both pages), export, and every function behind routes and the authorizer', async () => {
    mockRestApiAccount();
    const scope = await resolveApiScope(clients(), { api: REST_API_ID, stage: 'prod' });

    expect(scope).toMatchObject({
      apiId: REST_API_ID,
      apiName: 'orders-api',
      apiType: 'REST',
      stage: 'prod',
      region: REGION,
      accountId: ACCOUNT,
      partition: 'aws',
      accessLogGroup: '/aws/apigateway/orders-api-prod-access',
      executionLogGroup: `API-Gateway-Execution-Logs_${REST_API_ID}/prod`,
      executionLoggingLevel: 'INFO',
      tracingEnabled: true,
      stageVariables: { catalogFn: 'catalog-fn', env: 'prod' },
    });
    expect(scope.accessLogFormat).toContain('$context.requestId');
    expect(scope.gaps).toEqual([]);
    expect(apiGateway).toHaveReceivedCommandTimes(GetDeploymentsCommand, 2);
    expect(apiGateway).toHaveReceivedCommandWith(GetExportCommand, { restApiId: REST_API_ID, stageName: 'prod', exportType: 'oas30', parameters: { extensions: 'apigateway' } });
    expect(apiGatewayV2).not.toHaveReceivedAnyCommand();

    const byKey = Object.fromEntries(scope.functions.map((f) => [`${f.name}${f.qualifier ? `:${f.qualifier}` : ''}`, f]));
    expect(Object.keys(byKey).sort()).toEqual(['auth-fn', 'catalog-fn', 'orders-fn', 'orders-fn:live']);
    expect(byKey['orders-fn']).toMatchObject({ routes: ['GET /orders/{id}'], logGroup: '/aws/lambda/orders-fn', exists: true, authorizer: false });
    expect(byKey['orders-fn:live']).toMatchObject({ routes: ['POST /orders'], file: 'functions/orders-fn@live.json' });
    // ${stageVariables.catalogFn} resolved with the stage's variable; the custom LoggingConfig.LogGroup is honoured.
    expect(byKey['catalog-fn']).toMatchObject({ routes: ['GET /products/{sku}'], logGroup: '/orders/prod/lambda' });
    expect(byKey['auth-fn']).toMatchObject({ authorizer: true, routes: ['authorizer tokenAuth'] });
    expect(lambda).toHaveReceivedCommandWith(GetFunctionConfigurationCommand, { FunctionName: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-fn:live` });
    expect(lambda).toHaveReceivedCommandWith(GetFunctionConcurrencyCommand, { FunctionName: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-fn` });
  });

  it('normalises the documents with the bundle parsers and keeps the raw ones by bundle path', async () => {
    mockRestApiAccount();
    const scope = await resolveApiScope(clients(), { api: REST_API_ID, stage: 'prod' });

    expect(Object.keys(scope.documents).sort()).toEqual([
      'api/deployments.json',
      'api/export.json',
      'api/stage.json',
      'functions/auth-fn.json',
      'functions/catalog-fn.json',
      'functions/orders-fn.json',
      'functions/orders-fn@live.json',
    ]);
    const stageDoc = scope.documents['api/stage.json'] as Record<string, unknown>;
    expect(stageDoc['$metadata']).toBeUndefined();
    expect(stageDoc['lastUpdatedDate']).toBe('2026-03-08T16:40:11.000Z');
    expect(stageDoc['restApiId']).toBe(REST_API_ID);
    expect(scope.documents['api/export.json']).toEqual(restExport);
    expect(scope.documents['api/deployments.json']).toEqual({
      items: [
        { id: '7d3338', description: 'orders-api release 2026.03.08-2', createdDate: '2026-03-08T16:40:09.000Z' },
        { id: 'f171d7', description: 'orders-api release 2026.03.02-1', createdDate: '2026-03-02T10:03:44.000Z' },
      ],
    });
    // Reserved concurrency travels in the get-function shape ({Configuration, Concurrency}).
    expect(scope.documents['functions/auth-fn.json']).toMatchObject({ Configuration: { FunctionName: 'auth-fn' }, Concurrency: { ReservedConcurrentExecutions: 0 } });
    expect(scope.documents['functions/orders-fn.json']).toMatchObject({ FunctionName: 'orders-fn', Timeout: 6 });

    const { context } = scope;
    expect(context.stage).toMatchObject({ apiType: 'REST', apiId: REST_API_ID, stageName: 'prod', executionLoggingLevel: 'INFO', tracingEnabled: true, deploymentId: '7d3338' });
    expect(context.stage?.lastUpdated).toBe(Date.parse('2026-03-08T16:40:11Z'));
    expect(context.deployments.map((d) => d.id)).toEqual(['f171d7', '7d3338']);
    expect(context.api?.integrations.map((i) => i.route).sort()).toEqual(['GET /health', 'GET /orders/{id}', 'GET /products/{sku}', 'POST /orders']);
    expect(context.api?.authorizers).toEqual([{ name: 'tokenAuth', functionName: 'auth-fn', type: 'token' }]);
    const auth = context.functions.find((f) => f.name === 'auth-fn');
    expect(auth).toMatchObject({ reservedConcurrency: 0, file: 'functions/auth-fn.json', timeoutSeconds: 6, memorySizeMb: 512, logGroup: '/aws/lambda/auth-fn' });
    expect(context.functions.find((f) => f.file === 'functions/orders-fn@live.json')).toMatchObject({ version: '42', timeoutSeconds: 10 });
  });
});

describe('resolveApiScope — finding the API', () => {
  it('finds a REST API by name on the second page of GetRestApis, without GetRestApi for a non-id', async () => {
    mockRestApiAccount();
    apiGateway.on(GetRestApisCommand).resolves({ items: [otherRestApi], position: 'YzBmZmVlMTIzNA==' });
    apiGateway.on(GetRestApisCommand, { limit: 500, position: 'YzBmZmVlMTIzNA==' }).resolves({ items: [restApi] });
    apiGatewayV2.on(GetApisCommand).resolves({ Items: [] });

    const scope = await resolveApiScope(clients(), { api: 'orders-api', stage: 'prod' });
    expect(scope.apiId).toBe(REST_API_ID);
    expect(apiGateway).not.toHaveReceivedCommand(GetRestApiCommand);
    expect(apiGateway).toHaveReceivedCommandTimes(GetRestApisCommand, 2);
    expect(apiGatewayV2).toHaveReceivedCommandTimes(GetApisCommand, 1);
  });

  it('refuses an ambiguous name and lists the candidates', async () => {
    apiGateway.on(GetRestApisCommand).resolves({ items: [restApi, { ...otherRestApi, name: 'orders-api' }] });
    apiGatewayV2.on(GetApisCommand).resolves({ Items: [{ ...httpApi, Name: 'orders-api' }] });

    const error = await resolveApiScope(clients(), { api: 'orders-api', stage: 'prod' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousApiError);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as AmbiguousApiError).candidates.map((c) => c.id)).toEqual([REST_API_ID, 'c0ffee1234', HTTP_API_ID]);
    expect((error as Error).message).toContain(`${REST_API_ID} (REST, created 2025-11-02)`);
    expect((error as Error).message).toContain(`${HTTP_API_ID} (HTTP, created 2025-11-04)`);
  });

  it('throws ApiNotFoundError (a usage error: exit 2) naming the APIs that are there', async () => {
    apiGateway.on(GetRestApiCommand).rejects(restNotFound());
    apiGatewayV2.on(GetApiCommand).rejects(new HttpNotFoundException({ $metadata: { httpStatusCode: 404 }, message: 'Invalid API identifier specified 384756102938:zzzzzzzzzz' }));
    apiGateway.on(GetRestApisCommand).resolves({ items: [restApi, otherRestApi] });
    apiGatewayV2.on(GetApisCommand).resolves({ Items: [] });

    const error = await resolveApiScope(clients(), { api: 'zzzzzzzzzz', stage: 'prod' }, { region: REGION }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiNotFoundError);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      `No REST or HTTP API with id or name "zzzzzzzzzz" in ${REGION}. APIs there: ${REST_API_ID} "orders-api" (REST, created 2025-11-02), c0ffee1234 "catalog-admin" (REST, created 2024-06-19).`,
    );
  });

  it('suggests the API whose name differs only in case', async () => {
    apiGateway.on(GetRestApisCommand).resolves({ items: [restApi, otherRestApi] });
    apiGatewayV2.on(GetApisCommand).resolves({});
    const error = await resolveApiScope(clients(), { api: 'Orders-API', stage: 'prod' }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(`Did you mean ${REST_API_ID} "orders-api"`);
  });

  it('says so when API Gateway itself is not allowed', async () => {
    const denied = serviceError(
      'AccessDeniedException',
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/ReadOnly/alice is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:${REGION}::/restapis because no identity-based policy allows the apigateway:GET action`,
      403,
    );
    apiGateway.on(GetRestApisCommand).rejects(denied);
    apiGatewayV2.on(GetApisCommand).rejects(denied);
    const error = await resolveApiScope(clients(), { api: 'orders-api', stage: 'prod' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiAccessDeniedError);
    expect((error as Error).message).toContain('not authorized to perform: apigateway:GET');
  });

  it('turns rejected credentials into AwsCredentialsError', async () => {
    apiGateway.on(GetRestApiCommand).rejects(serviceError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403));
    const error = await resolveApiScope(clients(), { api: REST_API_ID, stage: 'prod' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCredentialsError);
  });

  it('refuses a WebSocket API', async () => {
    apiGateway.on(GetRestApiCommand).rejects(restNotFound());
    apiGatewayV2.on(GetApiCommand).resolves({ ...httpApi, ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' });
    await expect(resolveApiScope(clients(), { api: HTTP_API_ID, stage: 'prod' })).rejects.toThrow(/WebSocket API/);
  });

  it('names the stages there are when the stage does not exist', async () => {
    mockRestApiAccount();
    apiGateway.on(GetStageCommand).rejects(restNotFound('stage'));
    apiGateway.on(GetStagesCommand).resolves({ item: [{ ...restStage, stageName: 'dev' }, restStage] });
    const error = await resolveApiScope(clients(), { api: REST_API_ID, stage: 'prd' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiNotFoundError);
    expect((error as Error).message).toBe(`REST API ${REST_API_ID} ("orders-api") has no stage "prd". Its stages: dev, prod.`);
  });
});

describe('resolveApiScope — HTTP API', () => {
  it('falls through to API Gateway V2 when the id is not a REST API, and exports OAS30 with extensions', async () => {
    apiGateway.on(GetRestApiCommand).rejects(restNotFound());
    apiGatewayV2.on(GetApiCommand, { ApiId: HTTP_API_ID }).resolves(httpApi);
    apiGatewayV2.on(GetHttpStageCommand, { ApiId: HTTP_API_ID, StageName: '$default' }).resolves(httpStage);
    apiGatewayV2.on(GetHttpDeploymentsCommand).resolves(httpDeployments);
    apiGatewayV2.on(ExportApiCommand).resolves({ body: bytes(httpExport) });
    lambda.on(GetFunctionConfigurationCommand).callsFake(async (input: { FunctionName?: string }) => httpFunctionConfiguration((input.FunctionName ?? '').split(':')[6] ?? ''));
    lambda.on(GetFunctionConcurrencyCommand).resolves({});

    const scope = await resolveApiScope(clients(), { api: HTTP_API_ID, stage: '$default' });
    expect(scope).toMatchObject({ apiId: HTTP_API_ID, apiName: 'checkout-http', apiType: 'HTTP', region: 'eu-west-1', accessLogGroup: '/aws/apigateway/checkout-http-access', tracingEnabled: false });
    expect(scope.executionLogGroup).toBeUndefined();
    expect(scope.functions.map((f) => f.name).sort()).toEqual(['cart-fn', 'checkout-fn']);
    expect(apiGatewayV2).toHaveReceivedCommandWith(ExportApiCommand, { ApiId: HTTP_API_ID, Specification: 'OAS30', OutputType: 'JSON', IncludeExtensions: true, StageName: '$default' });
    expect(scope.documents['api/stage.json']).toMatchObject({ StageName: '$default', ApiId: HTTP_API_ID, CreatedDate: '2025-11-04T08:00:12.000Z' });
    expect(scope.context.stage).toMatchObject({ apiType: 'HTTP', apiId: HTTP_API_ID, executionLoggingLevel: 'OFF' });
    expect(scope.context.deployments).toEqual([{ id: '0a20d8', createdDate: Date.parse('2026-03-30T15:21:39Z'), description: 'Automatic deployment triggered by changes to the Api configuration' }]);
    expect(scope.context.api?.integrations.every((i) => i.payloadFormatVersion === '2.0')).toBe(true);
    expect(scope.context.functions.map((f) => f.runtime)).toEqual(['python3.12', 'python3.12']);
    expect(scope.gaps).toEqual([]);
  });
});

describe('resolveApiScope — HTTP API without an export', () => {
  it('reads routes, integrations and authorizers instead, joining them by Target', async () => {
    apiGateway.on(GetRestApiCommand).rejects(restNotFound());
    apiGatewayV2.on(GetApiCommand).resolves(httpApi);
    apiGatewayV2.on(GetHttpStageCommand).resolves(httpStage);
    apiGatewayV2.on(GetHttpDeploymentsCommand).resolves(httpDeployments);
    apiGatewayV2.on(ExportApiCommand).rejects(new HttpBadRequestException({ $metadata: { httpStatusCode: 400 }, message: 'Export is not supported for this API' }));
    // `aws apigatewayv2 get-routes` / `get-integrations` / `get-authorizers` shapes (aws-cli examples for apigatewayv2).
    apiGatewayV2.on(GetRoutesCommand).resolves({
      Items: [
        { ApiKeyRequired: false, AuthorizationType: 'CUSTOM', AuthorizerId: 'q8w2e4', RouteId: 'i7rf9dd', RouteKey: 'POST /checkout', Target: 'integrations/0jz4k1p' },
        { ApiKeyRequired: false, AuthorizationType: 'NONE', RouteId: 'b3nq0x2', RouteKey: '$default', Target: 'integrations/7hs2kd9' },
      ],
    });
    apiGatewayV2.on(GetIntegrationsCommand).resolves({
      Items: [
        { ConnectionType: 'INTERNET', IntegrationId: '0jz4k1p', IntegrationMethod: 'POST', IntegrationType: 'AWS_PROXY', IntegrationUri: 'arn:aws:lambda:eu-west-1:902118437615:function:checkout-fn', PayloadFormatVersion: '2.0', TimeoutInMillis: 30000 },
        { ConnectionType: 'INTERNET', IntegrationId: '7hs2kd9', IntegrationMethod: 'ANY', IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://legacy.example.com', PayloadFormatVersion: '1.0', TimeoutInMillis: 30000 },
      ],
    });
    apiGatewayV2.on(GetHttpAuthorizersCommand).resolves({
      Items: [
        {
          AuthorizerId: 'q8w2e4',
          AuthorizerType: 'REQUEST',
          Name: 'lambdaAuth',
          AuthorizerUri: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:902118437615:function:http-auth-fn/invocations',
          AuthorizerPayloadFormatVersion: '2.0',
          IdentitySource: ['$request.header.Authorization'],
        },
      ],
    });
    lambda.on(GetFunctionConfigurationCommand).callsFake(async (input: { FunctionName?: string }) => httpFunctionConfiguration((input.FunctionName ?? '').split(':')[6] ?? input.FunctionName ?? ''));
    lambda.on(GetFunctionConcurrencyCommand).resolves({});

    const scope = await resolveApiScope(clients(), { api: HTTP_API_ID, stage: '$default' });
    expect(scope.gaps).toEqual([
      `API Gateway: reading the OpenAPI export of stage $default of HTTP API ${HTTP_API_ID} failed (BadRequestException: Export is not supported for this API); the integrations were read with GetRoutes and GetIntegrations instead: the API's current configuration, which may differ from what stage $default has deployed`,
    ]);
    expect(scope.context.api?.integrations.map((i) => [i.route, i.type, i.functionName, i.payloadFormatVersion])).toEqual([
      ['POST /checkout', 'aws_proxy', 'checkout-fn', '2.0'],
      ['$default', 'http_proxy', undefined, '1.0'],
    ]);
    expect(scope.functions.map((f) => f.name).sort()).toEqual(['checkout-fn', 'http-auth-fn']);
  });
});

describe('resolveApiScope — failures become gaps', () => {
  it('one gap for Lambda denied, the functions still listed with their default log groups', async () => {
    mockRestApiAccount();
    lambda.on(GetFunctionConfigurationCommand).rejects(
      serviceError(
        'AccessDeniedException',
        `User: arn:aws:sts::${ACCOUNT}:assumed-role/DiagnoseRole/cli is not authorized to perform: lambda:GetFunctionConfiguration on resource: arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-fn because no identity-based policy allows the lambda:GetFunctionConfiguration action`,
        403,
      ),
    );
    const scope = await resolveApiScope(clients(), { api: REST_API_ID, stage: 'prod' });
    expect(scope.gaps).toEqual([
      `Lambda not allowed: lambda:GetFunctionConfiguration denied for arn:aws:sts::${ACCOUNT}:assumed-role/DiagnoseRole/cli; add it to the policy to read the functions' timeout, memory and log group`,
    ]);
    expect(scope.functions.map((f) => f.logGroup).sort()).toEqual(['/aws/lambda/auth-fn', '/aws/lambda/catalog-fn', '/aws/lambda/orders-fn', '/aws/lambda/orders-fn']);
    expect(scope.context.functions).toEqual([]);
    expect(Object.keys(scope.documents).filter((k) => k.startsWith('functions/'))).toEqual([]);
  });

  it('reports a function that does not exist (evidence for lambda-not-found) and an undefined stage variable', async () => {
    mockRestApiAccount();
    apiGateway.on(GetStageCommand).resolves({ ...restStage, variables: { catalogFn: 'catalog-fn-v2' } });
    const exportWithMissingVariable = {
      ...restExport,
      paths: {
        ...restExport.paths,
        '/inventory': {
          get: {
            'x-amazon-apigateway-integration': {
              httpMethod: 'POST',
              type: 'aws_proxy',
              uri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:inventory-fn:\${stageVariables.alias}/invocations`,
            },
          },
        },
      },
    };
    apiGateway.on(GetExportCommand).resolves({ ...restExportResponse, body: bytes(exportWithMissingVariable) });
    lambda
      .on(GetFunctionConfigurationCommand, { FunctionName: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:catalog-fn-v2` })
      .rejects(new ResourceNotFoundException({ $metadata: { httpStatusCode: 404 }, message: `Function not found: arn:aws:lambda:${REGION}:${ACCOUNT}:function:catalog-fn-v2`, Type: 'User' }));

    const scope = await resolveApiScope(clients(), { api: REST_API_ID, stage: 'prod' });
    expect(scope.gaps).toContain(
      `Lambda function catalog-fn-v2 (GET /products/{sku}) does not exist: ResourceNotFoundException: Function not found: arn:aws:lambda:${REGION}:${ACCOUNT}:function:catalog-fn-v2`,
    );
    expect(scope.gaps).toContain('GET /inventory: the integration names its Lambda function through ${stageVariables.alias}, which stage prod does not define; API Gateway cannot invoke it');
    expect(scope.functions.find((f) => f.name === 'catalog-fn-v2')).toMatchObject({ exists: false, logGroup: '/aws/lambda/catalog-fn-v2' });
  });

  it('goes on without the integrations when the export and the configuration APIs are denied, and without deployments when they fail', async () => {
    mockRestApiAccount();
    const denied = (path: string) =>
      serviceError(
        'AccessDeniedException',
        `User: arn:aws:sts::${ACCOUNT}:assumed-role/DiagnoseRole/cli is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:${REGION}::/restapis/${REST_API_ID}/${path} with an explicit deny in a service control policy`,
        403,
      );
    apiGateway.on(GetExportCommand).rejects(denied('stages/prod/exports/oas30'));
    apiGateway.on(GetResourcesCommand).rejects(denied('resources'));
    apiGateway.on(GetAuthorizersCommand).rejects(denied('authorizers'));
    apiGateway.on(GetDeploymentsCommand).rejects(serviceError('TooManyRequestsException', 'Too Many Requests', 429));
    const scope = await resolveApiScope(clients(), { api: REST_API_ID, stage: 'prod' });
    expect(scope.gaps).toEqual([
      expect.stringMatching(/^API Gateway kept throttling apigateway:GET for deployments of REST API rgkwmpkz6q/),
      `API Gateway not allowed: apigateway:GET denied for arn:aws:sts::${ACCOUNT}:assumed-role/DiagnoseRole/cli for the OpenAPI export of stage prod of REST API ${REST_API_ID}; add it to the policy to read its integrations and so the functions behind each route`,
      `API Gateway not allowed: apigateway:GET denied for arn:aws:sts::${ACCOUNT}:assumed-role/DiagnoseRole/cli for the routes and integrations of REST API ${REST_API_ID}; add it to the policy to read its integrations and so the functions behind each route`,
    ]);
    expect(scope.functions).toEqual([]);
    expect(scope.accessLogGroup).toBe('/aws/apigateway/orders-api-prod-access');
    expect(scope.documents['api/export.json']).toBeUndefined();
  });

  it('reads the integrations with GetResources when the export is not JSON, and writes them as an export', async () => {
    mockRestApiAccount();
    apiGateway.on(GetExportCommand).resolves({ contentType: 'application/yaml', body: textBody('openapi: "3.0.1"\ninfo:\n  title: orders-api\n') });
    // `aws apigateway get-resources --embed methods` / `get-authorizers` shapes (aws-cli examples, API reference "Resource", "Method", "Integration").
    apiGateway.on(GetResourcesCommand, { restApiId: REST_API_ID, limit: 500, embed: ['methods'] }).resolves({
      items: [
        { id: 'x7h4ok2c1b', path: '/' },
        {
          id: 'k2v9s1',
          parentId: 'x7h4ok2c1b',
          pathPart: 'orders',
          path: '/orders',
          resourceMethods: {
            POST: {
              httpMethod: 'POST',
              authorizationType: 'CUSTOM',
              authorizerId: 'u1x2y3',
              apiKeyRequired: false,
              methodIntegration: {
                type: 'AWS_PROXY',
                httpMethod: 'POST',
                uri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-fn/invocations`,
                passthroughBehavior: 'WHEN_NO_MATCH',
                timeoutInMillis: 29000,
                cacheNamespace: 'k2v9s1',
                cacheKeyParameters: [],
              },
            },
          },
        },
      ],
    });
    apiGateway.on(GetAuthorizersCommand).resolves({
      items: [
        {
          id: 'u1x2y3',
          name: 'tokenAuth',
          type: 'TOKEN',
          authType: 'custom',
          authorizerUri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:auth-fn/invocations`,
          identitySource: 'method.request.header.Authorization',
          authorizerResultTtlInSeconds: 300,
        },
      ],
    });
    const scope = await resolveApiScope(clients(), { api: REST_API_ID, stage: 'prod' });
    expect(scope.gaps).toEqual([
      `API Gateway: the OpenAPI export of REST API ${REST_API_ID} stage prod could not be read (the response body is not JSON; it starts "openapi: "3.0.1" info: title: orders-api"); the integrations were read with GetResources instead: the API's current configuration, which may differ from what stage prod has deployed`,
    ]);
    expect(scope.context.api?.integrations).toEqual([expect.objectContaining({ route: 'POST /orders', type: 'aws_proxy', functionName: 'orders-fn', authorizer: 'tokenAuth', timeoutMs: 29000 })]);
    expect(scope.functions.map((f) => `${f.name}${f.authorizer ? ' (authorizer)' : ''}`).sort()).toEqual(['auth-fn (authorizer)', 'orders-fn']);
    expect(scope.documents['api/export.json']).toMatchObject({ openapi: '3.0.1', paths: { '/orders': { post: { 'x-amazon-apigateway-integration': { type: 'aws_proxy' } } } } });
  });

  it('says access logs sent to Firehose cannot be read', async () => {
    mockRestApiAccount();
    apiGateway.on(GetStageCommand).resolves({
      ...restStage,
      accessLogSettings: { format: '$context.requestId', destinationArn: `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/amazon-apigateway-orders-access` },
    });
    const scope = await resolveApiScope(clients(), { api: REST_API_ID, stage: 'prod' });
    expect(scope.accessLogGroup).toBeUndefined();
    expect(scope.gaps).toEqual([expect.stringContaining('go to Kinesis Data Firehose (amazon-apigateway-orders-access)')]);
  });
});
