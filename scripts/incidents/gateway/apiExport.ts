/**
 * `aws apigateway get-export --export-type oas30 --parameters extensions=integrations` (REST) and
 * `aws apigatewayv2 export-api --specification OAS30 --output-type JSON` (HTTP), reduced to what matters:
 * paths with x-amazon-apigateway-integration, security schemes with x-amazon-apigateway-authorizer
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html).
 */
import { ACCOUNT_ID, REGION } from './logFiles.ts';

export interface RouteSpec {
  path: string;
  method: string;
  integration: Record<string, unknown>;
  authorizer?: string;
  pathParams?: string[];
}

export interface AuthorizerSpec {
  name: string;
  type: 'token' | 'request';
  functionName: string;
  identitySource: string;
  resultTtl: number;
  /** HTTP APIs. */
  payloadFormatVersion?: string;
  simpleResponses?: boolean;
}

export function lambdaIntegrationUri(functionName: string): string {
  return `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${functionName}/invocations`;
}

function authorizerScheme(a: AuthorizerSpec, http: boolean): unknown {
  const authorizer: Record<string, unknown> = {
    type: a.type,
    authorizerUri: lambdaIntegrationUri(a.functionName),
    authorizerResultTtlInSeconds: a.resultTtl,
    identitySource: a.identitySource,
  };
  if (http) {
    authorizer['authorizerPayloadFormatVersion'] = a.payloadFormatVersion ?? '2.0';
    authorizer['enableSimpleResponses'] = a.simpleResponses ?? false;
  }
  return {
    type: 'apiKey',
    name: a.type === 'token' ? 'Authorization' : 'Unused',
    in: 'header',
    'x-amazon-apigateway-authtype': a.type === 'token' ? 'custom' : 'custom',
    'x-amazon-apigateway-authorizer': authorizer,
  };
}

function paths(routes: RouteSpec[], http: boolean): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const op: Record<string, unknown> = {};
    if (r.pathParams && r.pathParams.length > 0) {
      op['parameters'] = r.pathParams.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    }
    op['responses'] = http
      ? { default: { description: `Default response for ${r.method.toUpperCase()} ${r.path}` } }
      : { '200': { description: '200 response', content: {} } };
    if (r.authorizer) op['security'] = [{ [r.authorizer]: [] }];
    op['x-amazon-apigateway-integration'] = r.integration;
    (out[r.path] ??= {})[r.method.toLowerCase()] = op;
  }
  return out;
}

export function restExport(apiName: string, apiId: string, stage: string, version: string, routes: RouteSpec[], authorizers: AuthorizerSpec[] = []): unknown {
  const doc: Record<string, unknown> = {
    openapi: '3.0.1',
    info: { title: apiName, version },
    servers: [{ url: `https://${apiId}.execute-api.${REGION}.amazonaws.com/{basePath}`, variables: { basePath: { default: stage } } }],
    paths: paths(routes, false),
  };
  if (authorizers.length > 0) {
    doc['components'] = { securitySchemes: Object.fromEntries(authorizers.map((a) => [a.name, authorizerScheme(a, false)])) };
  }
  return doc;
}

export function httpExport(apiName: string, apiId: string, version: string, routes: RouteSpec[], authorizers: AuthorizerSpec[] = []): unknown {
  const doc: Record<string, unknown> = {
    openapi: '3.0.1',
    info: { title: apiName, version },
    servers: [{ url: `https://${apiId}.execute-api.${REGION}.amazonaws.com/{basePath}`, variables: { basePath: { default: '' } } }],
    paths: paths(routes, true),
  };
  if (authorizers.length > 0) {
    doc['components'] = { securitySchemes: Object.fromEntries(authorizers.map((a) => [a.name, authorizerScheme(a, true)])) };
  }
  doc['x-amazon-apigateway-importexport-version'] = '1.0';
  return doc;
}
