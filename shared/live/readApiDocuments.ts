import {
  type APIGatewayClient,
  type Deployment,
  GetDeploymentsCommand,
  GetExportCommand,
  GetStageCommand,
  GetStagesCommand,
} from '@aws-sdk/client-api-gateway';
import {
  type ApiGatewayV2Client,
  type Deployment as HttpDeployment,
  ExportApiCommand,
  GetDeploymentsCommand as GetHttpDeploymentsCommand,
  GetStageCommand as GetHttpStageCommand,
  GetStagesCommand as GetHttpStagesCommand,
} from '@aws-sdk/client-apigatewayv2';
import { asRecord } from '../context/json.ts';
import { ApiNotFoundError } from './apiScopeErrors.ts';
import { describeAwsError } from './awsErrors.ts';
import { decodeJsonBody, toBundleDocument } from './bundleDocument.ts';
import { callOrGap } from './callOrGap.ts';
import type { FoundApi } from './findApi.ts';
import { httpIntegrationsDocument, restIntegrationsDocument } from './integrationsDocument.ts';

/** The stage, its deployments and the OpenAPI export, as the AWS CLI prints them (api/*.json of a bundle). */
export interface ApiDocuments {
  /** `get-stage` output, with the API id added (restApiId / ApiId) so that a replay knows which API it was. */
  stage?: Record<string, unknown>;
  /** `get-deployments` output, every page in one list. */
  deployments?: Record<string, unknown>;
  /** The OpenAPI 3 export with API Gateway extensions. */
  export?: unknown;
  gaps: string[];
}

export interface ApiDocumentClients {
  apiGateway: APIGatewayClient;
  apiGatewayV2: ApiGatewayV2Client;
}

const MAX_DEPLOYMENT_PAGES = 10;
const API_GATEWAY_GET = 'apigateway:GET';

/**
 * Reads the three documents in parallel. A stage that does not exist is the user's mistake (ApiNotFoundError,
 * naming the stages there are); any other failure is a gap.
 */
export async function readApiDocuments(clients: ApiDocumentClients, api: FoundApi, stage: string): Promise<ApiDocuments> {
  return api.type === 'REST' ? readRest(clients.apiGateway, api, stage) : readHttp(clients.apiGatewayV2, api, stage);
}

async function readRest(client: APIGatewayClient, api: FoundApi, stage: string): Promise<ApiDocuments> {
  const gaps: string[] = [];
  const exportGaps: string[] = [];
  const purpose = (what: string, purposeText: string) => ({ service: 'API Gateway', action: API_GATEWAY_GET, purpose: purposeText, resource: `${what} of REST API ${api.id}` });
  const [stageDoc, deployments, exported] = await Promise.all([
    stageOrThrow(
      () => client.send(new GetStageCommand({ restApiId: api.id, stageName: stage })),
      async () => ((await client.send(new GetStagesCommand({ restApiId: api.id }))).item ?? []).map((s) => s.stageName),
      api,
      stage,
      gaps,
    ),
    callOrGap(purpose('deployments', 'to list its deployments'), async () => {
      const items: Deployment[] = [];
      let position: string | undefined;
      for (let page = 0; page < MAX_DEPLOYMENT_PAGES; page++) {
        const response = await client.send(new GetDeploymentsCommand({ restApiId: api.id, limit: 500, ...(position ? { position } : {}) }));
        items.push(...(response.items ?? []));
        position = response.position;
        if (!position) break;
      }
      return { items };
    }, gaps),
    callOrGap(purpose(`the OpenAPI export of stage ${stage}`, 'to read its integrations and so the functions behind each route'), async () => {
      // extensions=apigateway: integrations *and* authorizers (extensions=integrations leaves the authorizers out,
      // and an authorizer's function is one of the functions to read).
      const response = await client.send(
        new GetExportCommand({ restApiId: api.id, stageName: stage, exportType: 'oas30', parameters: { extensions: 'apigateway' }, accepts: 'application/json' }),
      );
      return response.body;
    }, exportGaps),
  ]);
  const documents: ApiDocuments = { gaps };
  if (stageDoc) documents.stage = { ...stageDoc, restApiId: api.id };
  if (deployments) documents.deployments = asRecord(toBundleDocument(deployments));
  await setExport(documents, exported, exportGaps, () => restIntegrationsDocument(client, api), api, stage, 'GetResources');
  return documents;
}

async function readHttp(client: ApiGatewayV2Client, api: FoundApi, stage: string): Promise<ApiDocuments> {
  const gaps: string[] = [];
  const exportGaps: string[] = [];
  const purpose = (what: string, purposeText: string) => ({ service: 'API Gateway', action: API_GATEWAY_GET, purpose: purposeText, resource: `${what} of HTTP API ${api.id}` });
  const [stageDoc, deployments, exported] = await Promise.all([
    stageOrThrow(
      () => client.send(new GetHttpStageCommand({ ApiId: api.id, StageName: stage })),
      async () => ((await client.send(new GetHttpStagesCommand({ ApiId: api.id }))).Items ?? []).map((s) => s.StageName),
      api,
      stage,
      gaps,
    ),
    callOrGap(purpose('deployments', 'to list its deployments'), async () => {
      const items: HttpDeployment[] = [];
      let nextToken: string | undefined;
      for (let page = 0; page < MAX_DEPLOYMENT_PAGES; page++) {
        const response = await client.send(new GetHttpDeploymentsCommand({ ApiId: api.id, ...(nextToken ? { NextToken: nextToken } : {}) }));
        items.push(...(response.Items ?? []));
        nextToken = response.NextToken;
        if (!nextToken) break;
      }
      return { Items: items };
    }, gaps),
    callOrGap(purpose(`the OpenAPI export of stage ${stage}`, 'to read its integrations and so the functions behind each route'), async () => {
      const response = await client.send(
        new ExportApiCommand({ ApiId: api.id, Specification: 'OAS30', OutputType: 'JSON', IncludeExtensions: true, StageName: stage }),
      );
      return response.body;
    }, exportGaps),
  ]);
  const documents: ApiDocuments = { gaps };
  if (stageDoc) documents.stage = { ...stageDoc, ApiId: api.id };
  if (deployments) documents.deployments = asRecord(toBundleDocument(deployments));
  await setExport(documents, exported, exportGaps, () => httpIntegrationsDocument(client, api), api, stage, 'GetRoutes and GetIntegrations');
  return documents;
}

/** GetStage; NotFound means the user named a stage that is not there: say which stages there are. */
async function stageOrThrow(
  getStage: () => Promise<object>,
  listStages: () => Promise<(string | undefined)[]>,
  api: FoundApi,
  stage: string,
  gaps: string[],
): Promise<Record<string, unknown> | undefined> {
  try {
    return asRecord(toBundleDocument(await getStage()));
  } catch (error) {
    const info = describeAwsError(error);
    if (info.kind === 'not-found') {
      const names = await listStages().then(
        (list) => list.filter((n): n is string => n !== undefined),
        () => undefined,
      );
      const there = names === undefined ? '' : names.length === 0 ? ' It has no stages.' : ` Its stages: ${names.join(', ')}.`;
      throw new ApiNotFoundError(`${api.type} API ${api.id}${api.name ? ` ("${api.name}")` : ''} has no stage "${stage}".${there}`, api.id, stage);
    }
    const label = `stage ${stage} of ${api.type} API ${api.id}`;
    gaps.push(
      info.kind === 'access-denied'
        ? `API Gateway not allowed: ${info.deniedAction ?? API_GATEWAY_GET} denied${info.principal ? ` for ${info.principal}` : ''} reading ${label}; add it to the policy to read the stage's logging, tracing and variables`
        : `API Gateway: reading ${label} failed (${info.name}: ${info.message}); its logging and tracing settings are unknown`,
    );
    return undefined;
  }
}

/**
 * The export, decoded; when it failed or is not JSON, the same facts from the resources/integrations APIs
 * (integrationsDocument.ts), with one gap saying so. Both failing leaves the integrations unknown.
 */
async function setExport(
  documents: ApiDocuments,
  body: Uint8Array | undefined,
  exportGaps: string[],
  fallback: () => Promise<Record<string, unknown>>,
  api: FoundApi,
  stage: string,
  fallbackCalls: string,
): Promise<void> {
  const what = `${api.type} API ${api.id} stage ${stage}`;
  if (body !== undefined) {
    const decoded = decodeJsonBody(body);
    if (!('problem' in decoded)) {
      documents.export = decoded.json;
      return;
    }
    exportGaps.push(`API Gateway: the OpenAPI export of ${what} could not be read (${decoded.problem})`);
  }
  const fallbackGaps: string[] = [];
  const synthesised = await callOrGap(
    { service: 'API Gateway', action: API_GATEWAY_GET, purpose: 'to read its integrations and so the functions behind each route', resource: `the routes and integrations of ${api.type} API ${api.id}` },
    fallback,
    fallbackGaps,
  );
  if (synthesised === undefined) {
    documents.gaps.push(...exportGaps, ...fallbackGaps);
    return;
  }
  documents.export = synthesised;
  documents.gaps.push(
    `${exportGaps.join('; ')}; the integrations were read with ${fallbackCalls} instead: the API's current configuration, which may differ from what stage ${stage} has deployed`,
  );
}
