import { describe, it, expect, beforeEach } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { APIGatewayClient, GetRestApiCommand, GetRestApisCommand, NotFoundException, type RestApi } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, GetApiCommand, GetApisCommand, type Api } from '@aws-sdk/client-apigatewayv2';
import { serviceError } from '../live/answerInStack.ts';
import { resolveApiFromAccount } from './resolveApi.ts';

const apiGateway = mockClient(APIGatewayClient);
const apiGatewayV2 = mockClient(ApiGatewayV2Client);
const resolve = (region = 'eu-west-1') =>
  resolveApiFromAccount({ apiGateway: new APIGatewayClient({ region }), apiGatewayV2: new ApiGatewayV2Client({ region }) }, { region });

/** GetRestApis / GetRestApi items (API Gateway REST API reference, RestApi; `aws apigateway get-rest-apis` output). */
const ordersRest: RestApi = {
  id: 'a1b2c3d4e5',
  name: 'orders-api',
  description: 'Orders service',
  createdDate: new Date('2026-01-12T09:14:03Z'),
  apiKeySource: 'HEADER',
  endpointConfiguration: { types: ['REGIONAL'] },
  disableExecuteApiEndpoint: false,
  rootResourceId: 'k3v9x2ab1c',
};
const ordersRestCopy: RestApi = { ...ordersRest, id: 'z9y8x7w6v5', createdDate: new Date('2026-02-02T17:40:00Z') };
/** GetApis items (API Gateway V2 API reference, Api; `aws apigatewayv2 get-apis` output). */
const paymentsHttp: Api = {
  ApiEndpoint: 'https://p4q5r6s7t8.execute-api.eu-west-1.amazonaws.com',
  ApiId: 'p4q5r6s7t8',
  ApiKeySelectionExpression: '$request.header.x-api-key',
  CreatedDate: new Date('2025-11-03T08:00:00Z'),
  DisableExecuteApiEndpoint: false,
  Name: 'payments-http',
  ProtocolType: 'HTTP',
  RouteSelectionExpression: '$request.method $request.path',
  Tags: {},
};
const chatWs: Api = { ...paymentsHttp, ApiId: 'w1w2w3w4w5', Name: 'chat-ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' };

const notFound = (id: string) => new NotFoundException({ $metadata: { httpStatusCode: 404 }, message: `Invalid API identifier specified 111122223333:${id}` });

beforeEach(() => {
  apiGateway.reset();
  apiGatewayV2.reset();
});

describe('resolveApiFromAccount', () => {
  it('finds a REST API by id with one GetRestApi (and GetApi in parallel)', async () => {
    apiGateway.on(GetRestApiCommand, { restApiId: 'a1b2c3d4e5' }).resolves(ordersRest);
    apiGatewayV2.on(GetApiCommand).rejects(notFound('a1b2c3d4e5'));
    expect(await resolve()('a1b2c3d4e5')).toEqual({ kind: 'found', api: { id: 'a1b2c3d4e5', name: 'orders-api', type: 'REST' } });
    expect(apiGateway).not.toHaveReceivedCommand(GetRestApisCommand);
  });

  it('finds an HTTP API by id', async () => {
    apiGateway.on(GetRestApiCommand).rejects(notFound('p4q5r6s7t8'));
    apiGatewayV2.on(GetApiCommand, { ApiId: 'p4q5r6s7t8' }).resolves(paymentsHttp);
    expect(await resolve()('p4q5r6s7t8')).toEqual({ kind: 'found', api: { id: 'p4q5r6s7t8', name: 'payments-http', type: 'HTTP' } });
  });

  it('finds an API by name over both listings, paging REST', async () => {
    apiGateway.on(GetRestApisCommand).resolvesOnce({ items: [ordersRest], position: 'eyJpZCI6ImExYjJjM2Q0ZTUifQ' }).resolves({ items: [] });
    apiGatewayV2.on(GetApisCommand).resolves({ Items: [paymentsHttp] });
    expect(await resolve()('payments-http')).toEqual({ kind: 'found', api: { id: 'p4q5r6s7t8', name: 'payments-http', type: 'HTTP' } });
    expect(apiGateway).toHaveReceivedCommandTimes(GetRestApisCommand, 2);
    expect(apiGateway).toHaveReceivedNthCommandWith(GetRestApisCommand, 2, { limit: 500, position: 'eyJpZCI6ImExYjJjM2Q0ZTUifQ' });
  });

  it('falls back to names when a 10-character word is not an id (a name can look like one)', async () => {
    const tenChars: RestApi = { ...ordersRest, id: 'm1m2m3m4m5', name: 'ordersapi1' };
    apiGateway.on(GetRestApiCommand).rejects(notFound('ordersapi1')).on(GetRestApisCommand).resolves({ items: [tenChars] });
    apiGatewayV2.on(GetApiCommand).rejects(serviceError('BadRequestException', 'Invalid API identifier specified', 400)).on(GetApisCommand).resolves({ Items: [] });
    expect(await resolve()('ordersapi1')).toEqual({ kind: 'found', api: { id: 'm1m2m3m4m5', name: 'ordersapi1', type: 'REST' } });
  });

  it('reports a name several APIs share, with their ids and creation dates', async () => {
    apiGateway.on(GetRestApisCommand).resolves({ items: [ordersRest, ordersRestCopy] });
    apiGatewayV2.on(GetApisCommand).resolves({ Items: [] });
    expect(await resolve()('orders-api')).toEqual({
      kind: 'ambiguous',
      candidates: [
        { id: 'a1b2c3d4e5', name: 'orders-api', type: 'REST', created: '2026-01-12' },
        { id: 'z9y8x7w6v5', name: 'orders-api', type: 'REST', created: '2026-02-02' },
      ],
    });
  });

  it('suggests a close name, else lists what there is', async () => {
    apiGateway.on(GetRestApisCommand).resolves({ items: [ordersRest] });
    apiGatewayV2.on(GetApisCommand).resolves({ Items: [paymentsHttp, chatWs] });
    expect(await resolve()('Orders-API')).toEqual({
      kind: 'not-found',
      message: 'No REST or HTTP API in eu-west-1 is named or has the id `Orders-API`. Did you mean `orders-api` (`a1b2c3d4e5`, REST, created 2026-01-12)?',
    });
    expect(await resolve()('billing')).toEqual({
      kind: 'not-found',
      message: 'No REST or HTTP API in eu-west-1 is named or has the id `billing`. APIs there: `orders-api` (`a1b2c3d4e5`, REST, created 2026-01-12), `payments-http` (`p4q5r6s7t8`, HTTP, created 2025-11-03).',
    });
  });

  it('refuses a WebSocket API and says when the region has no API at all', async () => {
    apiGateway.on(GetRestApisCommand).resolves({ items: [] });
    apiGatewayV2.on(GetApisCommand).resolves({ Items: [chatWs] });
    expect(await resolve()('chat-ws')).toEqual({ kind: 'not-found', message: '`chat-ws` (`w1w2w3w4w5`, WEBSOCKET, created 2025-11-03) is a WebSocket API; only REST and HTTP APIs can be diagnosed.' });
    apiGatewayV2.on(GetApisCommand).resolves({ Items: [] });
    expect(await resolve('us-east-1')('orders-api')).toMatchObject({ kind: 'not-found', message: expect.stringContaining('There is no REST or HTTP API in us-east-1') });
  });

  it('says when the role may not read API Gateway, or it is throttling', async () => {
    const denied = serviceError(
      'AccessDeniedException',
      'User: arn:aws:sts::111122223333:assumed-role/apigw-doctor-slack-command/apigw-doctor-slack-command is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:eu-west-1::/restapis because no identity-based policy allows the apigateway:GET action',
      403,
    );
    apiGateway.on(GetRestApisCommand).rejects(denied);
    apiGatewayV2.on(GetApisCommand).resolves({ Items: [] });
    expect(await resolve()('orders-api')).toEqual({
      kind: 'unavailable',
      message: 'This app may not read API Gateway in eu-west-1 (apigateway:GET was denied), so it cannot find `orders-api`. Its role needs apigateway:GET.',
    });
    apiGateway.on(GetRestApisCommand).rejects(serviceError('TooManyRequestsException', 'Too Many Requests', 429));
    expect(await resolve()('orders-api')).toMatchObject({ kind: 'unavailable', message: expect.stringContaining('throttling') });
  });

  it('stops listing after the page budget and says the search was partial', async () => {
    apiGateway.on(GetRestApisCommand).resolves({ items: [ordersRest], position: 'more' });
    apiGatewayV2.on(GetApisCommand).resolves({ Items: [] });
    const result = await resolveApiFromAccount({ apiGateway: new APIGatewayClient({ region: 'eu-west-1' }), apiGatewayV2: new ApiGatewayV2Client({ region: 'eu-west-1' }) }, { maxPages: 2 })('billing');
    expect(apiGateway).toHaveReceivedCommandTimes(GetRestApisCommand, 2);
    expect(result).toMatchObject({ kind: 'not-found', message: expect.stringContaining('only the first pages of APIs were searched') });
  });
});
