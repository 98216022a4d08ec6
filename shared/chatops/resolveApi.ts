import { type APIGatewayClient, GetRestApiCommand, GetRestApisCommand, type RestApi } from '@aws-sdk/client-api-gateway';
import { type Api, type ApiGatewayV2Client, GetApiCommand, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { describeAwsError } from '../live/awsErrors.ts';
import { looksLikeApiId } from './parseSlashCommand.ts';

/**
 * The API a Slack user named, by id or by name, in the account and region the function runs in. A port, so the
 * command's logic is tested without AWS; `resolveApiFromAccount` is the implementation over API Gateway.
 */
export interface ResolvedApi {
  id: string;
  name?: string;
  type: 'REST' | 'HTTP';
}

export interface ApiChoice {
  id: string;
  name?: string;
  type: 'REST' | 'HTTP' | 'WEBSOCKET';
  /** YYYY-MM-DD */
  created?: string;
}

export type ApiResolution =
  | { kind: 'found'; api: ResolvedApi }
  /** A name several APIs share: the user must pick by id. */
  | { kind: 'ambiguous'; candidates: ApiChoice[] }
  /** No such API; `message` says what there is instead (mrkdwn). */
  | { kind: 'not-found'; message: string }
  /** API Gateway could not be read (permissions, throttling); `message` says so (mrkdwn). */
  | { kind: 'unavailable'; message: string };

export type ResolveApi = (nameOrId: string) => Promise<ApiResolution>;

export interface ApiGatewayClients {
  apiGateway: APIGatewayClient;
  apiGatewayV2: ApiGatewayV2Client;
}

export interface ResolveApiOptions {
  /** For messages: "in eu-west-1". */
  region?: string;
  /** Listing pages per family; a slash command has 3 s, so a name lookup reads at most this many (500 REST APIs a page). */
  maxPages?: number;
}

const DEFAULT_MAX_PAGES = 4;
const SHOWN = 8;

/** GetRestApi/GetApi for an id, else GetRestApis/GetApis (paged) by exact name; both families in parallel. */
export function resolveApiFromAccount(clients: ApiGatewayClients, options: ResolveApiOptions = {}): ResolveApi {
  const where = options.region ? ` in ${options.region}` : '';
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  return async (nameOrId) => {
    try {
      if (looksLikeApiId(nameOrId)) {
        const [rest, http] = await Promise.all([
          orMissing(() => clients.apiGateway.send(new GetRestApiCommand({ restApiId: nameOrId }))),
          orMissing(() => clients.apiGatewayV2.send(new GetApiCommand({ ApiId: nameOrId }))),
        ]);
        const found = (rest ? restChoice(rest) : undefined) ?? (http ? httpChoice(http) : undefined);
        if (found !== undefined) return foundOrWebSocket(found);
      }
      const [restApis, httpApis] = await Promise.all([listRest(clients.apiGateway, maxPages), listHttp(clients.apiGatewayV2, maxPages)]);
      const all = [...restApis.items.map(restChoice), ...httpApis.items.map(httpChoice)].filter((c): c is ApiChoice => c !== undefined);
      const named = all.filter((c) => c.name === nameOrId);
      const usable = named.filter((c) => c.type !== 'WEBSOCKET');
      if (usable.length > 1) return { kind: 'ambiguous', candidates: usable };
      const only = usable[0] ?? named[0];
      if (only !== undefined) return foundOrWebSocket(only);
      const truncated = restApis.truncated || httpApis.truncated;
      return { kind: 'not-found', message: notFoundMessage(nameOrId, all, where, truncated) };
    } catch (error) {
      const info = describeAwsError(error);
      if (info.kind === 'access-denied') {
        return { kind: 'unavailable', message: `This app may not read API Gateway${where} (${info.deniedAction ?? 'apigateway:GET'} was denied), so it cannot find \`${nameOrId}\`. Its role needs apigateway:GET.` };
      }
      if (info.kind === 'throttled') return { kind: 'unavailable', message: `API Gateway${where} is throttling requests right now; try again in a few seconds.` };
      return { kind: 'unavailable', message: `Looking up \`${nameOrId}\` in API Gateway${where} failed (${info.name}); try again, or name the API by id.` };
    }
  };
}

/** "in eu-west-1" lists: a close match first, else the first APIs there are. */
function notFoundMessage(nameOrId: string, all: ApiChoice[], where: string, truncated: boolean): string {
  const usable = all.filter((c) => c.type !== 'WEBSOCKET');
  if (usable.length === 0) return `There is no REST or HTTP API${where} (in the account this app runs in), so there is no \`${nameOrId}\` to diagnose.`;
  const lower = nameOrId.toLowerCase();
  const close = usable.filter((c) => c.name?.toLowerCase() === lower || c.id === lower || (lower.length >= 4 && c.name?.toLowerCase().includes(lower)));
  if (close.length > 0) return `No REST or HTTP API${where} is named or has the id \`${nameOrId}\`. Did you mean ${close.slice(0, SHOWN).map(describeChoice).join(' or ')}?`;
  const shown = usable.slice(0, SHOWN).map(describeChoice).join(', ');
  const more = usable.length > SHOWN ? `, and ${usable.length - SHOWN} more` : '';
  const partial = truncated ? ' (only the first pages of APIs were searched; name it by id)' : '';
  return `No REST or HTTP API${where} is named or has the id \`${nameOrId}\`${partial}. APIs there: ${shown}${more}.`;
}

/** "`orders-api` (`a1b2c3d4e5`, REST, created 2026-01-12)" */
export function describeChoice(choice: ApiChoice): string {
  const name = choice.name !== undefined ? `\`${choice.name}\` ` : '';
  return `${name}(\`${choice.id}\`, ${choice.type}${choice.created ? `, created ${choice.created}` : ''})`;
}

function foundOrWebSocket(choice: ApiChoice): ApiResolution {
  if (choice.type === 'WEBSOCKET') return { kind: 'not-found', message: `${describeChoice(choice)} is a WebSocket API; only REST and HTTP APIs can be diagnosed.` };
  return { kind: 'found', api: { id: choice.id, type: choice.type, ...(choice.name !== undefined ? { name: choice.name } : {}) } };
}

/** A by-id lookup: NotFound, and BadRequest for an id of the other family's format, mean "not this family". */
async function orMissing<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    const info = describeAwsError(error);
    if (info.kind === 'not-found' || info.name === 'BadRequestException') return undefined;
    throw error;
  }
}

async function listRest(client: APIGatewayClient, maxPages: number): Promise<{ items: RestApi[]; truncated: boolean }> {
  const items: RestApi[] = [];
  let position: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const response = await client.send(new GetRestApisCommand({ limit: 500, ...(position !== undefined ? { position } : {}) }));
    items.push(...(response.items ?? []));
    position = response.position;
    if (!position) return { items, truncated: false };
  }
  return { items, truncated: true };
}

async function listHttp(client: ApiGatewayV2Client, maxPages: number): Promise<{ items: Api[]; truncated: boolean }> {
  const items: Api[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const response = await client.send(new GetApisCommand(nextToken !== undefined ? { NextToken: nextToken } : {}));
    items.push(...(response.Items ?? []));
    nextToken = response.NextToken;
    if (!nextToken) return { items, truncated: false };
  }
  return { items, truncated: true };
}

function restChoice(api: RestApi): ApiChoice | undefined {
  if (api.id === undefined) return undefined;
  return { id: api.id, type: 'REST', ...(api.name !== undefined ? { name: api.name } : {}), ...(api.createdDate ? { created: day(api.createdDate) } : {}) };
}

function httpChoice(api: Partial<Pick<Api, 'ApiId' | 'Name' | 'ProtocolType' | 'CreatedDate'>>): ApiChoice | undefined {
  if (api.ApiId === undefined) return undefined;
  return {
    id: api.ApiId,
    type: api.ProtocolType === 'WEBSOCKET' ? 'WEBSOCKET' : 'HTTP',
    ...(api.Name !== undefined ? { name: api.Name } : {}),
    ...(api.CreatedDate ? { created: day(api.CreatedDate) } : {}),
  };
}

function day(date: Date): string | undefined {
  const time = date.getTime();
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 10) : undefined;
}
