import { type APIGatewayClient, GetRestApiCommand, GetRestApisCommand, type RestApi } from '@aws-sdk/client-api-gateway';
import { type Api, type ApiGatewayV2Client, GetApiCommand, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { describeAwsError } from './awsErrors.ts';
import {
  AmbiguousApiError,
  type ApiCandidate,
  ApiAccessDeniedError,
  ApiNotFoundError,
  AwsCredentialsError,
  describeCandidate,
} from './apiScopeErrors.ts';
import { UsageError } from '../errors.ts';
import { API_ID_PATTERN } from '../model/apiId.ts';

export interface FoundApi {
  id: string;
  name?: string;
  type: 'REST' | 'HTTP';
}

export interface FindApiClients {
  apiGateway: APIGatewayClient;
  apiGatewayV2: ApiGatewayV2Client;
}

export interface FindApiRequest {
  /** An API id ("a1b2c3d4e5") or name ("orders-api"). */
  api: string;
  /** When the caller knows it (an alarm on 5XXError is REST, on 5xx HTTP), only that family is searched. */
  apiType?: 'REST' | 'HTTP';
  /** For messages only. */
  region?: string;
}

/** Listing stops after this many pages (500 REST APIs a page; accounts have a quota of 600 per region). */
const MAX_PAGES = 20;

/**
 * The REST or HTTP API a user named, by id (GetRestApi / GetApi) or else by name over every page of
 * GetRestApis and GetApis. Throws ApiNotFoundError (listing what there is), AmbiguousApiError (listing the
 * candidates), ApiAccessDeniedError or AwsCredentialsError — all usage errors, exit 2.
 */
export async function findApi(clients: FindApiClients, request: FindApiRequest): Promise<FoundApi> {
  const denials: string[] = [];
  const wantRest = request.apiType !== 'HTTP';
  const wantHttp = request.apiType !== 'REST';

  if (API_ID_PATTERN.test(request.api)) {
    if (wantRest) {
      const rest = await lookup(() => clients.apiGateway.send(new GetRestApiCommand({ restApiId: request.api })), denials, true);
      if (rest?.id !== undefined) return { id: rest.id, type: 'REST', ...(rest.name !== undefined ? { name: rest.name } : {}) };
    }
    if (wantHttp) {
      const http = await lookup(() => clients.apiGatewayV2.send(new GetApiCommand({ ApiId: request.api })), denials, true);
      if (http?.ApiId !== undefined) return fromHttpApi(http, request);
    }
  }

  const [restApis, httpApis] = await Promise.all([
    wantRest ? lookup(() => listRestApis(clients.apiGateway), denials) : Promise.resolve(undefined),
    wantHttp ? lookup(() => listHttpApis(clients.apiGatewayV2), denials) : Promise.resolve(undefined),
  ]);
  const all: ApiCandidate[] = [...(restApis ?? []).map(restCandidate), ...(httpApis ?? []).map(httpCandidate)].filter(
    (c): c is ApiCandidate => c !== undefined,
  );
  const named = all.filter((c) => c.name === request.api);
  const usable = named.filter((c) => c.type !== 'WEBSOCKET');
  if (usable.length === 1 && usable[0] !== undefined) {
    const only = usable[0];
    return { id: only.id, type: only.type === 'HTTP' ? 'HTTP' : 'REST', ...(only.name !== undefined ? { name: only.name } : {}) };
  }
  if (usable.length > 1) throw new AmbiguousApiError(request.api, usable, request.region);
  if (named.length > 0) throw webSocketError(request.api);

  const where = request.region ? ` in ${request.region}` : '';
  const family = request.apiType === undefined ? 'REST or HTTP API' : `${request.apiType} API`;
  if (denials.length > 0 && all.length === 0) {
    throw new ApiAccessDeniedError(`Cannot look up the ${family} "${request.api}"${where}: ${denials[0]}. Allow apigateway:GET (see docs/IAM.md).`);
  }
  throw new ApiNotFoundError(`No ${family} with id or name "${request.api}"${where}.${suggestions(request.api, all)}`, request.api);
}

/** One call; NotFound (and, by id, BadRequest: an id of the other family's format) means "not there", denial is noted. */
async function lookup<T>(call: () => Promise<T>, denials: string[], byId = false): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    const info = describeAwsError(error);
    if (info.kind === 'credentials') throw new AwsCredentialsError(`AWS credentials were rejected (${info.name}: ${info.message}). Check --profile, AWS_PROFILE or your session.`);
    if (info.kind === 'not-found' || (byId && info.name === 'BadRequestException')) return undefined;
    if (info.kind === 'access-denied') {
      denials.push(`${info.name}: ${info.message}`);
      return undefined;
    }
    throw error;
  }
}

async function listRestApis(client: APIGatewayClient): Promise<RestApi[]> {
  const out: RestApi[] = [];
  let position: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await client.send(new GetRestApisCommand({ limit: 500, ...(position !== undefined ? { position } : {}) }));
    out.push(...(response.items ?? []));
    position = response.position;
    if (!position) break;
  }
  return out;
}

async function listHttpApis(client: ApiGatewayV2Client): Promise<Api[]> {
  const out: Api[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await client.send(new GetApisCommand(nextToken !== undefined ? { NextToken: nextToken } : {}));
    out.push(...(response.Items ?? []));
    nextToken = response.NextToken;
    if (!nextToken) break;
  }
  return out;
}

function fromHttpApi(api: { ApiId?: string | undefined; Name?: string | undefined; ProtocolType?: string | undefined }, request: FindApiRequest): FoundApi {
  if (api.ProtocolType === 'WEBSOCKET') throw webSocketError(request.api);
  return { id: api.ApiId ?? request.api, type: 'HTTP', ...(api.Name !== undefined ? { name: api.Name } : {}) };
}

function webSocketError(api: string): UsageError {
  return new UsageError(`"${api}" is a WebSocket API; apigw-doctor diagnoses REST and HTTP APIs.`);
}

function restCandidate(api: RestApi): ApiCandidate | undefined {
  if (api.id === undefined) return undefined;
  return { id: api.id, type: 'REST', ...(api.name !== undefined ? { name: api.name } : {}), ...(api.createdDate ? { created: api.createdDate.toISOString() } : {}) };
}

function httpCandidate(api: Api): ApiCandidate | undefined {
  if (api.ApiId === undefined) return undefined;
  return {
    id: api.ApiId,
    type: api.ProtocolType === 'WEBSOCKET' ? 'WEBSOCKET' : 'HTTP',
    ...(api.Name !== undefined ? { name: api.Name } : {}),
    ...(api.CreatedDate ? { created: api.CreatedDate.toISOString() } : {}),
  };
}

/** " Did you mean ...?" for names that differ only in case, else the first APIs there are. */
function suggestions(api: string, all: ApiCandidate[]): string {
  const usable = all.filter((c) => c.type !== 'WEBSOCKET');
  if (usable.length === 0) return ' There is no REST or HTTP API there: check --region and --profile.';
  const lower = api.toLowerCase();
  const close = usable.filter((c) => c.name?.toLowerCase() === lower || c.id === lower);
  if (close.length > 0) return ` Did you mean ${close.map((c) => describeCandidate(c)).join(' or ')}?`;
  const shown = usable.slice(0, 10).map((c) => describeCandidate(c));
  return ` APIs there: ${shown.join(', ')}${usable.length > shown.length ? `, and ${usable.length - shown.length} more` : ''}.`;
}
