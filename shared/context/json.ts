/**
 * Narrowing helpers for parsed JSON (`unknown`). AWS CLI output is loosely typed in practice
 * (numbers as strings, empty strings for "none", null for absent), so these read leniently
 * and return undefined instead of throwing.
 */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The record at `value`, or undefined when it is anything else (array, string, null...). */
export function asRecord(value: unknown): JsonRecord | undefined {
  return isRecord(value) ? value : undefined;
}

export function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** A non-empty string; numbers are accepted and printed, other types are not. */
export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length > 0 ? value : undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A finite number; numeric strings ("30", " 3.5 ") are accepted because hand-built files carry them. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A boolean; CloudTrail's lookup-events prints ReadOnly as the string "true"/"false". */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
  }
  return undefined;
}

/** Follows a path of keys through nested records; undefined as soon as one step is not a record. */
export function pick(value: unknown, ...path: string[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A JSON document embedded as a string (SNS Message, CloudTrailEvent); undefined when it does not parse. */
export function parseEmbeddedJson(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** A string→string map from a JSON object (stage variables, dimension maps); non-scalar values are dropped. */
export function asStringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') out[key] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[key] = String(v);
  }
  return out;
}

/**
 * Dimensions given as a list of {Name, Value} / {name, value} pairs (SNS Trigger, MetricDataQueries)
 * or already as a map (EventBridge alarm event), returned as a map.
 */
export function dimensionsToMap(value: unknown): Record<string, string> {
  if (isRecord(value)) return asStringMap(value);
  const out: Record<string, string> = {};
  for (const entry of asArray(value) ?? []) {
    if (!isRecord(entry)) continue;
    const name = asString(entry['Name'] ?? entry['name']);
    const v = entry['Value'] ?? entry['value'];
    if (name === undefined) continue;
    if (typeof v === 'string') out[name] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[name] = String(v);
  }
  return out;
}

/** "a JSON array", "a string", "null" — for problem messages that say what was found instead. */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a JSON array';
  if (typeof value === 'object') return 'a JSON object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return 'nothing';
}
