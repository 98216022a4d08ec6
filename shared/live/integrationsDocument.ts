import {
  type APIGatewayClient,
  type Authorizer,
  GetAuthorizersCommand,
  type GetAuthorizersCommandOutput,
  GetResourcesCommand,
  type GetResourcesCommandOutput,
  type Resource,
} from '@aws-sdk/client-api-gateway';
import {
  type ApiGatewayV2Client,
  type Authorizer as HttpAuthorizer,
  GetAuthorizersCommand as GetHttpAuthorizersCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  type Integration as HttpIntegration,
  type Route,
} from '@aws-sdk/client-apigatewayv2';
import type { FoundApi } from './findApi.ts';

/**
 * When the OpenAPI export cannot be had, the same integration facts from the resources/integrations APIs
 * (REST: GetResources with embed=methods and GetAuthorizers; HTTP: GetRoutes, GetIntegrations, GetAuthorizers),
 * written as an OpenAPI 3 document with the x-amazon-apigateway-integration / -authorizer extensions the export
 * would have carried — so that the bundle's api/export.json replays exactly what the live diagnosis used.
 * Field names follow the extensions' documentation (API Gateway developer guide "x-amazon-apigateway-integration
 * object", "x-amazon-apigateway-authorizer object").
 */

const MAX_PAGES = 20;
const SYNTHESISED = 'Synthesised by apigw-doctor from the API configuration (the OpenAPI export was not available)';

export async function restIntegrationsDocument(client: APIGatewayClient, api: FoundApi): Promise<Record<string, unknown>> {
  const resources: Resource[] = [];
  let position: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response: GetResourcesCommandOutput = await client.send(new GetResourcesCommand({ restApiId: api.id, limit: 500, embed: ['methods'], ...(position ? { position } : {}) }));
    resources.push(...(response.items ?? []));
    position = response.position;
    if (!position) break;
  }
  const authorizers: Authorizer[] = [];
  position = undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response: GetAuthorizersCommandOutput = await client.send(new GetAuthorizersCommand({ restApiId: api.id, limit: 500, ...(position ? { position } : {}) }));
    authorizers.push(...(response.items ?? []));
    position = response.position;
    if (!position) break;
  }
  const authorizerNames = new Map(authorizers.map((a) => [a.id ?? '', a.name ?? a.id ?? 'authorizer']));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const resource of resources) {
    for (const [verb, method] of Object.entries(resource.resourceMethods ?? {})) {
      const integration = method.methodIntegration;
      const operation: Record<string, unknown> = {};
      const authorizer = method.authorizerId !== undefined ? authorizerNames.get(method.authorizerId) : undefined;
      if (authorizer !== undefined) operation['security'] = [{ [authorizer]: [] }];
      if (integration !== undefined) {
        operation['x-amazon-apigateway-integration'] = compact({
          type: integration.type?.toLowerCase(),
          httpMethod: integration.httpMethod,
          uri: integration.uri,
          connectionType: integration.connectionType,
          connectionId: integration.connectionId,
          credentials: integration.credentials,
          timeoutInMillis: integration.timeoutInMillis,
          requestTemplates: integration.requestTemplates,
          requestParameters: integration.requestParameters,
          passthroughBehavior: integration.passthroughBehavior?.toLowerCase(),
          responses: integration.integrationResponses,
        });
      }
      const path = resource.path ?? '/';
      (paths[path] ??= {})[operationKey(verb)] = operation;
    }
  }
  const securitySchemes: Record<string, unknown> = {};
  for (const a of authorizers) {
    securitySchemes[a.name ?? a.id ?? 'authorizer'] = {
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': a.type === 'COGNITO_USER_POOLS' ? 'cognito_user_pools' : 'custom',
      'x-amazon-apigateway-authorizer': compact({ type: a.type?.toLowerCase(), authorizerUri: a.authorizerUri, authorizerCredentials: a.authorizerCredentials, identitySource: a.identitySource }),
    };
  }
  return { openapi: '3.0.1', info: { title: api.name ?? api.id, description: SYNTHESISED, version: 'current' }, paths, components: { securitySchemes } };
}

export async function httpIntegrationsDocument(client: ApiGatewayV2Client, api: FoundApi): Promise<Record<string, unknown>> {
  const [routes, integrations, authorizers] = await Promise.all([
    pages<Route>(async (token) => client.send(new GetRoutesCommand({ ApiId: api.id, ...(token ? { NextToken: token } : {}) }))),
    pages<HttpIntegration>(async (token) => client.send(new GetIntegrationsCommand({ ApiId: api.id, ...(token ? { NextToken: token } : {}) }))),
    pages<HttpAuthorizer>(async (token) => client.send(new GetHttpAuthorizersCommand({ ApiId: api.id, ...(token ? { NextToken: token } : {}) }))),
  ]);
  const integrationById = new Map(integrations.map((i) => [i.IntegrationId ?? '', i]));
  const authorizerNames = new Map(authorizers.map((a) => [a.AuthorizerId ?? '', a.Name ?? a.AuthorizerId ?? 'authorizer']));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const key = route.RouteKey ?? '';
    const [verb, path] = key === '$default' ? ['ANY', '$default'] : [key.split(' ')[0] ?? 'ANY', key.split(' ').slice(1).join(' ') || '/'];
    const operation: Record<string, unknown> = {};
    const authorizer = route.AuthorizerId !== undefined ? authorizerNames.get(route.AuthorizerId) : undefined;
    if (authorizer !== undefined) operation['security'] = [{ [authorizer]: [] }];
    // Target is "integrations/{IntegrationId}".
    const integration = integrationById.get((route.Target ?? '').replace(/^integrations\//, ''));
    if (integration !== undefined) {
      operation['x-amazon-apigateway-integration'] = compact({
        type: integration.IntegrationType?.toLowerCase(),
        httpMethod: integration.IntegrationMethod,
        uri: integration.IntegrationUri,
        integrationSubtype: integration.IntegrationSubtype,
        payloadFormatVersion: integration.PayloadFormatVersion,
        connectionType: integration.ConnectionType,
        connectionId: integration.ConnectionId,
        credentials: integration.CredentialsArn,
        timeoutInMillis: integration.TimeoutInMillis,
        requestParameters: integration.RequestParameters,
      });
    }
    (paths[path] ??= {})[operationKey(verb)] = operation;
  }
  const securitySchemes: Record<string, unknown> = {};
  for (const a of authorizers) {
    securitySchemes[a.Name ?? a.AuthorizerId ?? 'authorizer'] = {
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authorizer': compact({
        type: a.AuthorizerType?.toLowerCase(),
        authorizerUri: a.AuthorizerUri,
        authorizerPayloadFormatVersion: a.AuthorizerPayloadFormatVersion,
        identitySource: a.IdentitySource?.join(', '),
        jwtConfiguration: a.JwtConfiguration,
      }),
    };
  }
  return {
    openapi: '3.0.1',
    info: { title: api.name ?? api.id, description: SYNTHESISED, version: 'current' },
    paths,
    components: { securitySchemes },
    'x-amazon-apigateway-importexport-version': '1.0',
  };
}

async function pages<T>(call: (token: string | undefined) => Promise<{ Items?: T[] | undefined; NextToken?: string | undefined }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await call(token);
    out.push(...(response.Items ?? []));
    token = response.NextToken;
    if (!token) break;
  }
  return out;
}

function operationKey(verb: string): string {
  return verb.toUpperCase() === 'ANY' ? 'x-amazon-apigateway-any-method' : verb.toLowerCase();
}

/** Leaves out what the API did not say, as the export does. */
function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined && value !== null));
}
