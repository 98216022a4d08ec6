import type { ApiExportInfo, IntegrationInfo } from '../model/context.ts';
import {
  asArray,
  asNumber,
  asRecord,
  asString,
  describeJsonType,
  isRecord,
  parseEmbeddedJson,
  type JsonRecord,
} from './json.ts';
import { lambdaTargetOf } from './lambdaTarget.ts';
import { neverThrow, type ParseProblem } from './problem.ts';

/**
 * An API's OpenAPI export with API Gateway extensions:
 * - REST: `aws apigateway get-export --export-type oas30|swagger --parameters extensions=integrations|apigateway`
 * - HTTP: `aws apigatewayv2 export-api --specification OAS30 --output-type JSON --include-extensions`
 * One IntegrationInfo per route ("GET /orders/{id}", "ANY /{proxy+}", "$default"). See SHAPES.md.
 */
export function parseApiExport(json: unknown, file: string): ApiExportInfo | ParseProblem {
  return neverThrow(file, 'API export', () => {
    // An SDK response saved whole ({"body": "<openapi json>"}) holds the document as a string.
    const doc = isRecord(json) && typeof json['body'] === 'string' && !('paths' in json) ? parseEmbeddedJson(json['body']) : json;
    if (!isRecord(doc)) {
      return { problem: `${file}: expected an OpenAPI export (a JSON object with "openapi" or "swagger" and "paths"), found ${describeJsonType(doc)}; the integrations were not used` };
    }
    const paths = asRecord(doc['paths']);
    if (paths === undefined) {
      return { problem: `${file}: not an OpenAPI export (no "paths" object); the integrations were not used` };
    }
    const isSwagger2 = asString(doc['swagger']) !== undefined;
    const components = asRecord(doc['components']) ?? {};
    const schemes = asRecord(isSwagger2 ? doc['securityDefinitions'] : components['securitySchemes']) ?? asRecord(doc['securityDefinitions']) ?? {};
    const sharedIntegrations = asRecord(components['x-amazon-apigateway-integrations']) ?? {};
    const authorizerSchemes = new Set(Object.keys(schemes).filter((name) => isRecord(asRecord(schemes[name])?.['x-amazon-apigateway-authorizer'])));

    const integrations: IntegrationInfo[] = [];
    const rawIntegrations: JsonRecord[] = [];
    for (const [path, item] of Object.entries(paths)) {
      const pathItem = asRecord(item);
      if (pathItem === undefined) continue;
      for (const [key, operation] of Object.entries(pathItem)) {
        const method = METHOD_KEYS.get(key.toLowerCase());
        const op = asRecord(operation);
        if (method === undefined || op === undefined) continue;
        const raw = resolveRef(asRecord(op['x-amazon-apigateway-integration']), sharedIntegrations);
        if (raw !== undefined) rawIntegrations.push(raw);
        integrations.push(integrationOf(routeOf(method, path, op), op, raw, doc['security'], authorizerSchemes));
      }
    }

    const info: ApiExportInfo = {
      integrations,
      authorizers: Object.keys(schemes)
        .filter((name) => authorizerSchemes.has(name))
        .map((name) => authorizerOf(name, asRecord(asRecord(schemes[name])?.['x-amazon-apigateway-authorizer']) ?? {})),
    };
    const title = asString(asRecord(doc['info'])?.['title']);
    if (title !== undefined) info.title = title;
    const apiId = apiIdOf(doc);
    if (apiId !== undefined) info.apiId = apiId;
    const apiType = isSwagger2 ? 'REST' : inferApiType(doc, integrations, rawIntegrations, schemes);
    if (apiType !== undefined) info.apiType = apiType;
    return info;
  });
}

const METHOD_KEYS = new Map<string, string>([
  ['get', 'GET'],
  ['put', 'PUT'],
  ['post', 'POST'],
  ['delete', 'DELETE'],
  ['options', 'OPTIONS'],
  ['head', 'HEAD'],
  ['patch', 'PATCH'],
  ['trace', 'TRACE'],
  ['x-amazon-apigateway-any-method', 'ANY'],
]);

/** HTTP APIs export their catch-all route as path "$default" or "/$default", or flag it with isDefaultRoute. */
function routeOf(method: string, path: string, op: JsonRecord): string {
  if (op['isDefaultRoute'] === true || path === '$default' || path === '/$default') return '$default';
  return `${method} ${path}`;
}

function integrationOf(
  route: string,
  op: JsonRecord,
  integration: JsonRecord | undefined,
  topLevelSecurity: unknown,
  authorizerSchemes: Set<string>,
): IntegrationInfo {
  const info: IntegrationInfo = { route };
  const authorizer = authorizerOfOperation(op['security'] ?? topLevelSecurity, authorizerSchemes);
  if (authorizer !== undefined) info.authorizer = authorizer;
  if (integration === undefined) return info;

  const type = asString(integration['type'])?.toLowerCase();
  if (type !== undefined) info.type = type;
  const uri = asString(integration['uri']);
  if (uri !== undefined) info.uri = uri;
  const subtype = asString(integration['integrationSubtype']);
  if (subtype !== undefined) info.integrationSubtype = subtype;
  // AWS service integrations (subtype, or REST type "aws" to a non-Lambda service) name no function.
  const target = subtype === undefined ? lambdaTargetOf(uri) : undefined;
  if (target !== undefined) {
    info.functionName = target.functionName;
    if (target.functionArn !== undefined) info.functionArn = target.functionArn;
  }
  const connectionType = asString(integration['connectionType'])?.toUpperCase();
  if (connectionType !== undefined) info.connectionType = connectionType;
  const connectionId = asString(integration['connectionId']);
  if (connectionId !== undefined) info.connectionId = connectionId;
  const timeoutMs = asNumber(integration['timeoutInMillis']);
  if (timeoutMs !== undefined) info.timeoutMs = timeoutMs;
  const credentials = asString(integration['credentials']);
  if (credentials !== undefined) info.credentials = credentials;
  const payloadFormatVersion = asString(integration['payloadFormatVersion']);
  if (payloadFormatVersion !== undefined) info.payloadFormatVersion = payloadFormatVersion;
  if ('requestTemplates' in integration) info.hasRequestTemplates = nonEmpty(integration['requestTemplates']);
  const responses = asRecord(integration['responses']);
  if (responses !== undefined) {
    info.hasResponseTemplates = Object.values(responses).some((r) => nonEmpty(asRecord(r)?.['responseTemplates']));
  }
  return info;
}

/** HTTP API exports may write {"$ref": "#/components/x-amazon-apigateway-integrations/<name>"}. */
function resolveRef(integration: JsonRecord | undefined, shared: JsonRecord): JsonRecord | undefined {
  const ref = asString(integration?.['$ref']);
  if (ref === undefined) return integration;
  const name = ref.split('/').pop() ?? '';
  return asRecord(shared[decodeURIComponent(name.replace(/~1/g, '/').replace(/~0/g, '~'))]) ?? integration;
}

function authorizerOfOperation(security: unknown, authorizerSchemes: Set<string>): string | undefined {
  for (const requirement of asArray(security) ?? []) {
    for (const name of Object.keys(asRecord(requirement) ?? {})) if (authorizerSchemes.has(name)) return name;
  }
  return undefined;
}

function authorizerOf(name: string, authorizer: JsonRecord): ApiExportInfo['authorizers'][number] {
  const out: ApiExportInfo['authorizers'][number] = { name };
  const uri = asString(authorizer['authorizerUri']);
  const target = lambdaTargetOf(uri);
  if (target !== undefined) out.functionName = target.functionName;
  // HTTP API Lambda authorizers are always REQUEST authorizers; JWT ones carry jwtConfiguration.
  const type =
    asString(authorizer['type'])?.toLowerCase() ??
    (isRecord(authorizer['jwtConfiguration']) ? 'jwt' : uri !== undefined ? 'request' : undefined);
  if (type !== undefined) out.type = type;
  return out;
}

/** The API id from the execute-api host: servers[].url (OpenAPI 3) or host (Swagger 2). Custom domains say nothing. */
function apiIdOf(doc: JsonRecord): string | undefined {
  const urls = [
    ...(asArray(doc['servers']) ?? []).map((s) => asString(asRecord(s)?.['url'])),
    asString(doc['host']),
  ];
  for (const url of urls) {
    const m = url === undefined ? null : /^(?:https?:\/\/)?([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com/i.exec(url);
    if (m?.[1] !== undefined) return m[1];
  }
  return undefined;
}

/** Integration properties that only REST APIs export (HTTP API integrations have none of them). */
const REST_ONLY_INTEGRATION_KEYS = ['requestTemplates', 'responses', 'passthroughBehavior', 'contentHandling', 'cacheNamespace', 'cacheKeyParameters'];

/** Extensions that only REST APIs export. */
const REST_ONLY_KEYS = [
  'x-amazon-apigateway-gateway-responses',
  'x-amazon-apigateway-policy',
  'x-amazon-apigateway-binary-media-types',
  'x-amazon-apigateway-api-key-source',
  'x-amazon-apigateway-request-validators',
  'x-amazon-apigateway-minimum-compression-size',
];

/**
 * REST or HTTP from what the export contains: payload format versions, integration subtypes, shared
 * integrations, the $default route, CORS and JWT authorizers only exist in HTTP APIs; non-proxy
 * integrations, mapping templates, integration responses and gateway responses only in REST APIs.
 */
function inferApiType(
  doc: JsonRecord,
  integrations: IntegrationInfo[],
  rawIntegrations: JsonRecord[],
  schemes: JsonRecord,
): 'REST' | 'HTTP' | undefined {
  const authorizers = Object.values(schemes).map((s) => asRecord(asRecord(s)?.['x-amazon-apigateway-authorizer']));
  const http =
    integrations.some((i) => i.payloadFormatVersion !== undefined || i.integrationSubtype !== undefined || i.route === '$default') ||
    isRecord(asRecord(doc['components'])?.['x-amazon-apigateway-integrations']) ||
    isRecord(doc['x-amazon-apigateway-cors']) ||
    authorizers.some((a) => a !== undefined && (asString(a['type'])?.toLowerCase() === 'jwt' || 'authorizerPayloadFormatVersion' in a));
  if (http) return 'HTTP';
  const rest =
    integrations.some((i) => ['aws', 'http', 'mock'].includes(i.type ?? '')) ||
    rawIntegrations.some((raw) => REST_ONLY_INTEGRATION_KEYS.some((k) => k in raw)) ||
    REST_ONLY_KEYS.some((k) => k in doc) ||
    authorizers.some((a) => ['token', 'cognito_user_pools'].includes(asString(a?.['type'])?.toLowerCase() ?? ''));
  return rest ? 'REST' : undefined;
}

function nonEmpty(value: unknown): boolean {
  const record = asRecord(value);
  return record !== undefined && Object.values(record).some((v) => typeof v === 'string' ? v.length > 0 : v !== null && v !== undefined);
}
