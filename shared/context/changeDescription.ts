import { asArray, asRecord, asString, isRecord, type JsonRecord } from './json.ts';
import { lambdaTargetOf } from './lambdaTarget.ts';
import { normaliseEventName } from './cloudTrailEventName.ts';

/** One change as CloudTrail recorded it, the parts `describeChange` reads. */
export interface RecordedCall {
  /** Raw event name, version suffix and all. */
  eventName: string;
  eventSource: string;
  requestParameters?: JsonRecord;
  responseElements?: JsonRecord;
  /** Resource names from lookup-events' Resources list, a fallback target. */
  resources: string[];
}

/**
 * A short, precise sentence for a change: action, target, what it set. Examples:
 * "UpdateFunctionConfiguration on orders-fn: timeout=3, memorySize=128",
 * "RemovePermission on orders-fn (statementId apigw-invoke)",
 * "UpdateStage on a1b2c3d4e5/prod: replace /*\/*\/logging/loglevel=OFF",
 * "DetachRolePolicy on role orders-fn-role: policyArn=arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess".
 */
export function describeChange(call: RecordedCall): string {
  const action = normaliseEventName(call.eventName);
  const request = call.requestParameters ?? {};
  const describer = call.eventSource.startsWith('lambda.')
    ? describeLambda
    : call.eventSource.startsWith('apigateway.')
      ? describeApiGateway
      : call.eventSource.startsWith('iam.')
        ? describeIam
        : describeOther;
  const { target, note, details } = describer(action, request, call.responseElements ?? {}, call.resources);
  let text = action;
  if (target) text += ` on ${target}`;
  if (note) text += ` (${note})`;
  if (details.length > 0) text += `: ${details.join(', ')}`;
  return text.length > MAX_WHAT ? `${text.slice(0, MAX_WHAT - 1)}…` : text;
}

interface Parts {
  target?: string;
  note?: string;
  details: string[];
}

const MAX_WHAT = 400;
const MAX_VALUE = 160;

/** Lambda: the function (name from an ARN, with qualifier), then what the request set. */
function describeLambda(action: string, request: JsonRecord, response: JsonRecord, resources: string[]): Parts {
  const fn = asString(request['functionName']) ?? asString(request['functionArn']) ?? resources[0];
  const target = fn === undefined ? undefined : lambdaTargetOf(fn) ?? { functionName: fn };
  const qualifier = asString(request['qualifier']) ?? target?.qualifier;
  const name = target ? (qualifier ? `${target.functionName}:${qualifier}` : target.functionName) : undefined;
  const skip = new Set(['functionName', 'functionArn', 'qualifier', 'dryRun']);
  if (action === 'AddPermission' || action === 'RemovePermission') {
    const statementId = asString(request['statementId']);
    skip.add('statementId');
    skip.add('revisionId');
    return { ...(name ? { target: name } : {}), ...(statementId ? { note: `statementId ${statementId}` } : {}), details: settings(request, skip) };
  }
  if (action === 'UpdateFunctionCode' || action === 'DeleteFunction' || action === 'DeleteFunctionConcurrency') {
    // The code itself is omitted from CloudTrail; the rest (bucket, publish flags) says little.
    return { ...(name ? { target: name } : {}), details: [] };
  }
  if (action === 'PublishVersion') {
    const version = asString(response['version']);
    return { ...(name ? { target: name } : {}), details: version ? [`version=${version}`] : [] };
  }
  if (action === 'UpdateAlias' || action === 'CreateAlias' || action === 'DeleteAlias') {
    const alias = asString(request['name']);
    skip.add('name');
    return { ...(name ? { target: name } : {}), ...(alias ? { note: `alias ${alias}` } : {}), details: settings(request, skip) };
  }
  return { ...(name ? { target: name } : {}), details: settings(request, skip) };
}

/**
 * API Gateway (REST and HTTP APIs share apigateway.amazonaws.com): the API and stage / resource / route,
 * then JSON-patch operations ("replace /*\/*\/logging/loglevel=OFF") and the settings of "<action>Input" bodies.
 */
function describeApiGateway(action: string, request: JsonRecord, response: JsonRecord, resources: string[]): Parts {
  const api = asString(request['restApiId']) ?? asString(request['apiId']) ?? resources.at(-1);
  const stage = asString(request['stageName']) ?? inputBodies(request).map((b) => asString(b['stageName'])).find(Boolean);
  const place = [
    asString(request['httpMethod']),
    asString(request['resourceId']) ? `resource ${asString(request['resourceId'])}` : undefined,
    asString(request['routeId']) ? `route ${asString(request['routeId'])}` : undefined,
    asString(request['integrationId']) ? `integration ${asString(request['integrationId'])}` : undefined,
    asString(request['authorizerId']) ? `authorizer ${asString(request['authorizerId'])}` : undefined,
    asString(request['deploymentId']) ? `deployment ${asString(request['deploymentId'])}` : undefined,
  ].filter((p): p is string => p !== undefined);
  const skip = new Set(['restApiId', 'apiId', 'stageName', 'httpMethod', 'resourceId', 'routeId', 'integrationId', 'authorizerId', 'deploymentId', 'template', 'templateSkipList']);
  const details = [...patchOperations(request), ...settings(request, skip)];
  // CreateDeployment answers with the new deployment's id.
  const created = action === 'CreateDeployment' ? asString(response['id']) ?? asString(response['deploymentId']) : undefined;
  if (created) details.push(`deployment=${created}`);
  const target = api ? (stage ? `${api}/${stage}` : api) : stage;
  return { ...(target ? { target } : {}), ...(place.length > 0 ? { note: place.join(' ') } : {}), details };
}

/** IAM: the role (or user) and policy; policy documents are summarised as "Effect action,action". */
function describeIam(_action: string, request: JsonRecord, _response: JsonRecord, resources: string[]): Parts {
  const role = asString(request['roleName']);
  const user = asString(request['userName']);
  const target = role ? `role ${role}` : user ? `user ${user}` : resources[0];
  const policyName = asString(request['policyName']);
  const details: string[] = [];
  const policyArn = asString(request['policyArn']);
  if (policyArn) details.push(`policyArn=${policyArn}`);
  const document = summarisePolicy(request['policyDocument']);
  if (document) details.push(document);
  return { ...(target ? { target } : {}), ...(policyName ? { note: `policy ${policyName}` } : {}), details };
}

function describeOther(_action: string, request: JsonRecord, _response: JsonRecord, resources: string[]): Parts {
  return { ...(resources[0] ? { target: resources[0] } : {}), details: settings(request, new Set()).slice(0, 6) };
}

/** "key=value" for scalar settings, in request order; "<action>Input" bodies are read one level down. */
function settings(request: JsonRecord, skip: Set<string>): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(request)) {
    if (skip.has(key) || key === 'patchOperations') continue;
    if (isRecord(value) && /Input$/.test(key)) {
      out.push(...settings(value, skip));
      continue;
    }
    const text = valueText(value);
    if (text !== undefined) out.push(`${key}=${text}`);
  }
  return out;
}

function valueText(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string') {
    // A Lambda invocation URI is long and its point is at the end: say which function instead.
    const target = /:lambda:path\//.test(value) ? lambdaTargetOf(value) : undefined;
    return clip(target?.functionArn ?? target?.functionName ?? value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const list = asArray(value);
  if (list !== undefined) {
    if (list.length === 0) return undefined;
    return clip(`[${list.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')}]`);
  }
  const record = asRecord(value);
  return record !== undefined && Object.keys(record).length > 0 ? clip(JSON.stringify(record)) : undefined;
}

/** API Gateway wraps request bodies as "<action>Input" (createDeploymentInput, updateStageInput, putIntegrationInput). */
function inputBodies(request: JsonRecord): JsonRecord[] {
  return Object.entries(request)
    .filter(([key]) => /Input$/.test(key))
    .map(([, value]) => asRecord(value))
    .filter((body): body is JsonRecord => body !== undefined);
}

/** JSON-patch operations wherever the request carries them (top level, or inside an "...Input" body). */
function patchOperations(request: JsonRecord): string[] {
  const lists = [request['patchOperations'], ...inputBodies(request).map((body) => body['patchOperations'])];
  const out: string[] = [];
  for (const list of lists) {
    for (const op of asArray(list) ?? []) {
      const operation = asRecord(op);
      const verb = asString(operation?.['op']);
      const path = asString(operation?.['path']);
      if (!verb || !path) continue;
      const value = valueText(operation?.['value']);
      out.push(value !== undefined ? `${verb} ${path}=${value}` : `${verb} ${path}`);
    }
  }
  return out;
}

/** IAM logs policyDocument as a (URL-encoded) JSON string; say what it allows or denies, briefly. */
function summarisePolicy(document: unknown): string | undefined {
  if (typeof document !== 'string' || document === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(document.includes('%7B') || document.startsWith('%') ? decodeURIComponent(document) : document);
  } catch {
    return undefined;
  }
  const statements = asArray(asRecord(parsed)?.['Statement']) ?? (isRecord(asRecord(parsed)?.['Statement']) ? [asRecord(parsed)?.['Statement']] : []);
  const parts = statements.map((s) => {
    const st = asRecord(s);
    const effect = asString(st?.['Effect']) ?? 'Allow';
    const actions = asArray(st?.['Action']) ?? [st?.['Action']];
    return `${effect} ${actions.map((a) => asString(a)).filter(Boolean).join(',')}`;
  });
  return parts.length > 0 ? clip(parts.join('; ')) : undefined;
}

function clip(text: string): string {
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}
