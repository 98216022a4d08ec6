import type { ChangeEvent } from '../model/context.ts';
import { parseAwsTime } from './awsTime.ts';
import { describeChange } from './changeDescription.ts';
import { isReadOnlyEventName } from './cloudTrailEventName.ts';
import { asArray, asBoolean, asRecord, asString, describeJsonType, isRecord, parseEmbeddedJson, pick, type JsonRecord } from './json.ts';
import { lambdaTargetOf } from './lambdaTarget.ts';
import { neverThrow, type ParseProblem } from './problem.ts';

/**
 * `aws cloudtrail lookup-events` output ({Events:[{EventId, EventName, ReadOnly, EventTime, EventSource, Username,
 * Resources:[{ResourceType, ResourceName}], CloudTrailEvent:"<json>"}]}); also raw CloudTrail records
 * ({Records:[...]}, as a trail writes them to S3). Read-only calls and calls that failed (errorCode) are left
 * out: they changed nothing. Oldest first. See SHAPES.md.
 */
export function parseCloudTrailEvents(json: unknown, file: string): ChangeEvent[] | ParseProblem {
  return neverThrow(file, 'CloudTrail events', () => {
    const events = isRecord(json) ? asArray(json['Events']) : Array.isArray(json) ? json : undefined;
    const records = isRecord(json) ? asArray(json['Records']) : undefined;
    if (events === undefined && records === undefined) {
      return {
        problem: `${file}: expected "aws cloudtrail lookup-events" output ({"Events": [...]}), found ${describeJsonType(json)}${isRecord(json) ? ' without Events' : ''}; changes were not used`,
      };
    }
    const changes: ChangeEvent[] = [];
    for (const entry of events ?? []) {
      const change = fromLookupEvent(entry, file);
      if (change) changes.push(change);
    }
    for (const entry of records ?? []) {
      const change = isRecord(entry) ? fromRecord(entry, undefined, file) : undefined;
      if (change) changes.push(change);
    }
    return changes.sort((a, b) => a.time - b.time);
  });
}

function fromLookupEvent(entry: unknown, file: string): ChangeEvent | undefined {
  const event = asRecord(entry);
  if (event === undefined) return undefined;
  // Bare arrays may hold raw records rather than lookup-events entries.
  if (!('EventName' in event) && 'eventName' in event) return fromRecord(event, undefined, file);
  const record = asRecord(parseEmbeddedJson(event['CloudTrailEvent'])) ?? {};
  return fromRecord(record, event, file);
}

/** A change from the CloudTrail record, with the lookup-events summary fields (when there) taking precedence. */
function fromRecord(record: JsonRecord, summary: JsonRecord | undefined, file: string): ChangeEvent | undefined {
  const eventName = asString(summary?.['EventName']) ?? asString(record['eventName']);
  const time = parseAwsTime(summary?.['EventTime']) ?? parseAwsTime(record['eventTime']);
  if (eventName === undefined || time === undefined) return undefined;
  const readOnly = asBoolean(summary?.['ReadOnly']) ?? asBoolean(record['readOnly']) ?? isReadOnlyEventName(eventName);
  if (readOnly || asString(record['errorCode']) !== undefined) return undefined;

  const eventSource = asString(summary?.['EventSource']) ?? asString(record['eventSource']) ?? '';
  const requestParameters = asRecord(record['requestParameters']);
  const responseElements = asRecord(record['responseElements']);
  const listed = (asArray(summary?.['Resources']) ?? asArray(record['resources']) ?? [])
    .map((r) => asString(asRecord(r)?.['ResourceName']) ?? asString(asRecord(r)?.['ARN']))
    .filter((r): r is string => r !== undefined);
  const call = { eventName, eventSource, resources: listed, ...(requestParameters ? { requestParameters } : {}), ...(responseElements ? { responseElements } : {}) };
  return {
    time,
    eventName,
    eventSource,
    who: whoOf(record, summary),
    resources: unique([...listed, ...targetsOf(requestParameters)]),
    what: describeChange(call),
    file,
  };
}

/** The principal: the caller's ARN (assumed-role ARNs name role and session), else the issuing role, else the user name. */
function whoOf(record: JsonRecord, summary: JsonRecord | undefined): string {
  const identity = asRecord(record['userIdentity']);
  return (
    asString(identity?.['arn']) ??
    asString(pick(identity, 'sessionContext', 'sessionIssuer', 'arn')) ??
    asString(identity?.['invokedBy']) ??
    asString(summary?.['Username']) ??
    asString(identity?.['userName']) ??
    asString(identity?.['principalId']) ??
    'unknown'
  );
}

/** Names in the request that say what was changed, so changes can be matched to functions, APIs and roles. */
function targetsOf(request: JsonRecord | undefined): string[] {
  if (request === undefined) return [];
  const out: string[] = [];
  const fn = asString(request['functionName']);
  if (fn !== undefined) {
    out.push(fn);
    const target = lambdaTargetOf(fn);
    if (target !== undefined) out.push(target.functionName);
  }
  for (const key of ['restApiId', 'apiId', 'stageName', 'roleName']) {
    const value = asString(request[key]);
    if (value !== undefined) out.push(value);
  }
  return out;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
