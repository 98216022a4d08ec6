import type { StageInfo } from '../model/context.ts';
import { parseAwsTime } from './awsTime.ts';
import { asBoolean, asRecord, asString, asStringMap, describeJsonType, isRecord, type JsonRecord } from './json.ts';
import { neverThrow, type ParseProblem } from './problem.ts';

/**
 * `aws apigateway get-stage` (REST, lowerCamel keys: stageName, methodSettings, accessLogSettings) or
 * `aws apigatewayv2 get-stage` (HTTP, PascalCase keys: StageName, DefaultRouteSettings, AccessLogSettings).
 * The key casing tells them apart; see SHAPES.md.
 */
export function parseStage(json: unknown, file: string): StageInfo | ParseProblem {
  return neverThrow(file, 'stage', () => {
    if (!isRecord(json)) {
      return { problem: `${file}: expected "aws apigateway get-stage" or "aws apigatewayv2 get-stage" output (a JSON object), found ${describeJsonType(json)}; the stage settings were not used` };
    }
    if (looksLikeHttpStage(json)) return fromHttpStage(json);
    if (looksLikeRestStage(json)) return fromRestStage(json);
    return { problem: `${file}: not get-stage output (no stageName / StageName, deploymentId / DeploymentId or settings found); the stage settings were not used` };
  });
}

const REST_KEYS = ['stageName', 'deploymentId', 'methodSettings', 'accessLogSettings', 'tracingEnabled', 'variables', 'cacheClusterEnabled'];
const HTTP_KEYS = ['StageName', 'DeploymentId', 'DefaultRouteSettings', 'AccessLogSettings', 'StageVariables', 'AutoDeploy', 'ApiGatewayManaged', 'RouteSettings'];

function looksLikeRestStage(doc: JsonRecord): boolean {
  return REST_KEYS.some((k) => k in doc);
}

function looksLikeHttpStage(doc: JsonRecord): boolean {
  return HTTP_KEYS.some((k) => k in doc);
}

/** Log levels from most to least verbose, to report the most telling one when only some methods log. */
const LEVEL_ORDER = ['INFO', 'ERROR'];

function fromRestStage(doc: JsonRecord): StageInfo {
  const info: StageInfo = { apiType: 'REST', variables: asStringMap(doc['variables']) };
  const methodSettings = asRecord(doc['methodSettings']) ?? {};
  const all = asRecord(methodSettings['*/*']);
  assign(info, 'stageName', asString(doc['stageName']));
  // get-stage does not print the API id; accept it when a collector added it beside the output.
  assign(info, 'apiId', asString(doc['restApiId']) ?? asString(doc['apiId']));
  assign(info, 'deploymentId', asString(doc['deploymentId']));
  info.executionLoggingLevel = restLoggingLevel(all, methodSettings);
  assign(info, 'dataTraceEnabled', asBoolean(all?.['dataTraceEnabled']));
  const access = asRecord(doc['accessLogSettings']);
  assign(info, 'accessLogDestinationArn', asString(access?.['destinationArn']));
  assign(info, 'accessLogFormat', asString(access?.['format']));
  assign(info, 'tracingEnabled', asBoolean(doc['tracingEnabled']));
  assign(info, 'lastUpdated', parseAwsTime(doc['lastUpdatedDate']) ?? parseAwsTime(doc['createdDate']));
  return info;
}

/**
 * Execution logging of a REST stage: the stage-wide "*\/*" setting; when that is absent, the most
 * verbose level any single method logs at (so "some methods log" is not reported as "off"); else OFF.
 */
function restLoggingLevel(all: JsonRecord | undefined, methodSettings: JsonRecord): string {
  const stageWide = asString(all?.['loggingLevel'])?.toUpperCase();
  if (stageWide !== undefined) return stageWide;
  const levels = Object.values(methodSettings)
    .map((s) => asString(asRecord(s)?.['loggingLevel'])?.toUpperCase())
    .filter((l): l is string => l !== undefined && l !== 'OFF');
  for (const level of LEVEL_ORDER) if (levels.includes(level)) return level;
  return levels[0] ?? 'OFF';
}

function fromHttpStage(doc: JsonRecord): StageInfo {
  const info: StageInfo = { apiType: 'HTTP', variables: asStringMap(doc['StageVariables']) };
  const defaults = asRecord(doc['DefaultRouteSettings']);
  assign(info, 'stageName', asString(doc['StageName']));
  assign(info, 'apiId', asString(doc['ApiId']) ?? asString(doc['apiId']));
  assign(info, 'deploymentId', asString(doc['DeploymentId']));
  // HTTP APIs write no execution logs; LoggingLevel only exists for WebSocket APIs, so it is OFF unless given.
  info.executionLoggingLevel = asString(defaults?.['LoggingLevel'])?.toUpperCase() ?? 'OFF';
  assign(info, 'dataTraceEnabled', asBoolean(defaults?.['DataTraceEnabled']));
  const access = asRecord(doc['AccessLogSettings']);
  assign(info, 'accessLogDestinationArn', asString(access?.['DestinationArn']));
  assign(info, 'accessLogFormat', asString(access?.['Format']));
  assign(info, 'lastUpdated', parseAwsTime(doc['LastUpdatedDate']) ?? parseAwsTime(doc['CreatedDate']));
  return info;
}

function assign<K extends keyof StageInfo>(info: StageInfo, key: K, value: StageInfo[K] | undefined): void {
  if (value !== undefined) info[key] = value as StageInfo[K];
}
