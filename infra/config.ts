/**
 * The deployment's configuration: which APIs and stages to watch, how their alarms fire, how much a diagnosis
 * reads, where it is published. `parseConfig` validates a parsed JSON document and fills the defaults; it never
 * throws on bad input, it lists every problem with its path.
 */
import { compileRedactPatterns, MAX_PATTERNS } from '../shared/redact/compileRedactPatterns.ts';

export type ApiType = 'REST' | 'HTTP';

/** An alarm on the error rate (5xx / requests, by metric math), fired only when the stage served enough requests. */
export interface ErrorRateAlarm {
  /** A fraction: 0.05 = 5 % of the period's requests failed with 5xx. */
  threshold: number;
  /** Requests in a period below which the rate counts as 0 (so that 1 failure out of 2 requests does not alarm). */
  minRequests: number;
}

/** An alarm this deployment creates on the stage's 5xx metric. */
export interface AlarmSettings {
  /** Sum of 5xx per 1-minute period at or above which a period breaches (unused when errorRate is set). */
  threshold: number;
  /** Evaluation periods (1 minute each). */
  periods: number;
  /** Breaching periods among `periods` that fire the alarm. */
  datapointsToAlarm: number;
  errorRate?: ErrorRateAlarm;
}

interface WatchedApiBase {
  type: ApiType;
  /** The API's id: scopes the log groups and IAM, and is the HTTP alarm's ApiId dimension. */
  apiId: string;
  /** REST: the API's name, the alarm's ApiName dimension. */
  name?: string;
  stage: string;
  cooldownMinutes: number;
  /** The stage's access log group name (scopes logs:StartQuery). */
  accessLogGroup?: string;
  /** Lambda functions behind the API (names): scope lambda:GetFunctionConfiguration and the Lambda log groups. */
  functions?: string[];
}

/** A watched API and stage: either an alarm created here, or an existing alarm named by the team. */
export type WatchedApi = WatchedApiBase & ({ alarm: AlarmSettings; existingAlarmName?: undefined } | { alarm?: undefined; existingAlarmName: string });

/**
 * Slack: the notifications, the /diagnose command and the message buttons. The secret holds
 * {"signingSecret", "botToken"?, "webhookUrl"?} (shared/chatops/slackSecrets.ts).
 */
export interface SlackConfig {
  /** An existing Secrets Manager secret (its complete ARN); without it the construct creates an empty one to fill. */
  secretArn?: string;
  /** The customer managed key the existing secret is encrypted with, if any (kms:Decrypt is granted on it). */
  secretKmsKeyArn?: string;
  /** The id of the channel the bot posts diagnoses to (C…); ignored in webhook mode. */
  channel: string;
  /** Slack user ids (U…, W…) who may run /diagnose and press the buttons; ["*"] for anyone; [] for nobody. */
  allowedUsers: string[];
  /** Channel ids (C…, G…, D…) chat-ops may be used in; ["*"] for any. */
  allowedChannels: string[];
  /** Workspace ids (T…, or Enterprise Grid E…); absent for any workspace the app is installed in. */
  allowedTeams?: string[];
  /** The stage `/diagnose <api>` uses when none is typed, by API id or name, "*" for any other. */
  defaultStages?: Record<string, string>;
}

export type TopicConfig = { arn: string; kmsKeyArn?: string; create?: undefined } | { create: true; arn?: undefined; kmsKeyArn?: undefined };

export interface DiagnosisConfig {
  apis: WatchedApi[];
  /** Failing requests read in depth per diagnosis. */
  sampleSize: number;
  /** Sampled requests per Map item. */
  batchSize: number;
  /** Map items gathered at once. */
  mapConcurrency: number;
  /** The manual API's largest window, minutes. */
  windowMinutes: number;
  /** Logs Insights bytes a diagnosis may scan, GB. */
  insightsBudgetGB: number;
  topic: TopicConfig;
  evidenceRetentionDays: number;
  logRetentionDays: number;
  /** Slack (notifications and chat-ops); absent: SNS only. */
  slack?: SlackConfig;
  /** The SNS message for `https` subscribers is an Amazon Q Developer custom notification (else the diagnosis JSON). */
  amazonQ: boolean;
  /** Extra redaction patterns (regular expression sources, or "/source/flags"), applied before anything leaves the account. */
  redactPatterns: string[];
}

export type ParsedConfig = { config: DiagnosisConfig } | { errors: string[] };

export const CONFIG_DEFAULTS = {
  alarmThreshold: 5,
  alarmPeriods: 1,
  errorRateMinRequests: 10,
  cooldownMinutes: 30,
  sampleSize: 20,
  maxSampleSize: 50,
  batchSize: 5,
  mapConcurrency: 4,
  windowMinutes: 360,
  insightsBudgetGB: 1,
  evidenceRetentionDays: 30,
  logRetentionDays: 30,
} as const;

/** The retention values CloudWatch Logs accepts (PutRetentionPolicy). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** API Gateway ids: 10 lower-case letters and digits (e.g. "a1b2c3d4e5"). */
const API_ID = /^[a-z0-9]{10}$/;
/** Stage names: letters, digits, hyphens and underscores; HTTP APIs also have "$default". */
const STAGE = /^(?:\$default|[A-Za-z0-9_-]{1,128})$/;
const LOG_GROUP_NAME = /^[\w\-/.#]{1,512}$/;
const LOG_GROUP_ARN = /^arn:[\w-]+:logs:[^:]*:\d{12}:log-group:(.+?)(?::\*)?$/;
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const FUNCTION_ARN = /^arn:[\w-]+:lambda:[^:]*:\d{12}:function:([A-Za-z0-9_-]{1,64})(?::[^:]+)?$/;
const TOPIC_ARN = /^arn:[\w-]+:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(?:\.fifo)?$/;
const KMS_KEY_ARN = /^arn:[\w-]+:kms:[a-z0-9-]+:\d{12}:(?:key|alias)\/.+$/;
/** CloudWatch alarm names: up to 255 printable ASCII characters. */
const ALARM_NAME = /^[\x20-\x7e]{1,255}$/;
/** A secret's complete ARN: its name and the six characters Secrets Manager appends. */
const SECRET_ARN = /^arn:[\w-]+:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+-[A-Za-z0-9]{6}$/;
/** Slack ids (shared/chatops/allowList.ts accepts the same shapes). */
const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;
const SLACK_CHANNEL = /^[CGD][A-Z0-9]{2,}$/;
const SLACK_TEAM = /^[TE][A-Z0-9]{2,}$/;
/** REDACT_PATTERNS is a Lambda environment variable: all of a function's variables together may take 4 KB. */
const MAX_REDACT_PATTERNS_CHARS = 2048;
/** Inline Map states run at most 40 iterations at once. */
const MAX_MAP_CONCURRENCY = 40;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Reads fields of one object, recording each problem under its path. */
class Reader {
  constructor(
    readonly errorsList: string[],
    private readonly path: string,
    private readonly object: Json,
  ) {}

  at(key: string): string {
    return this.path === '' ? key : `${this.path}.${key}`;
  }

  has(key: string): boolean {
    return this.object[key] !== undefined;
  }

  raw(key: string): unknown {
    return this.object[key];
  }

  entries(): Array<[string, unknown]> {
    return Object.entries(this.object);
  }

  fail(key: string, message: string): void {
    this.errorsList.push(`${this.at(key)}: ${message}`);
  }

  /** Keys nobody reads are typos more often than not: name them. */
  rejectUnknown(known: readonly string[]): void {
    for (const key of Object.keys(this.object)) {
      if (!known.includes(key) && !key.startsWith('$') && !key.startsWith('//')) this.fail(key, `unknown key (known: ${known.join(', ')})`);
    }
  }

  /** `expected` completes "required: …" and "must be …". */
  string(key: string, options: { required?: boolean; pattern?: RegExp; expected?: string } = {}): string | undefined {
    const value = this.object[key];
    if (value === undefined) {
      if (options.required) this.fail(key, `required${options.expected ? `: ${options.expected}` : ''}`);
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.fail(key, `must be a non-empty string (got ${show(value)})`);
      return undefined;
    }
    const text = value.trim();
    if (options.pattern && !options.pattern.test(text)) {
      this.fail(key, `must be ${options.expected ?? `a string matching ${options.pattern}`} (got ${show(value)})`);
      return undefined;
    }
    return text;
  }

  number(key: string, fallback: number, bounds: { min?: number; max?: number; integer?: boolean; exclusiveMin?: number }): number {
    const value = this.object[key];
    if (value === undefined) return fallback;
    const kind = bounds.integer ? 'an integer' : 'a number';
    if (typeof value !== 'number' || !Number.isFinite(value) || (bounds.integer && !Number.isInteger(value))) {
      this.fail(key, `must be ${kind}${rangeText(bounds)} (got ${show(value)})`);
      return fallback;
    }
    if ((bounds.min !== undefined && value < bounds.min) || (bounds.max !== undefined && value > bounds.max) || (bounds.exclusiveMin !== undefined && value <= bounds.exclusiveMin)) {
      this.fail(key, `must be ${kind}${rangeText(bounds)} (got ${value})`);
      return fallback;
    }
    return value;
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.object[key];
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') {
      this.fail(key, `must be true or false (got ${show(value)})`);
      return fallback;
    }
    return value;
  }

  /** An array of strings each matching `item` (`expected` completes "must be …" for a bad item). */
  stringList(key: string, options: { required?: boolean; item: RegExp; expected: string; wildcard?: boolean }): string[] | undefined {
    const value = this.object[key];
    if (value === undefined) {
      if (options.required) this.fail(key, `required: a list of ${options.expected}${options.wildcard ? ', or ["*"] for any' : ''}`);
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.fail(key, `must be a list of ${options.expected} (got ${show(value)})`);
      return undefined;
    }
    const out: string[] = [];
    value.forEach((entry: unknown, i) => {
      const text = typeof entry === 'string' ? entry.trim() : '';
      if ((options.wildcard && text === '*') || options.item.test(text)) {
        if (!out.includes(text)) out.push(text);
      } else this.fail(`${key}[${i}]`, `must be ${options.expected}${options.wildcard ? ' or "*"' : ''} (got ${show(entry)})`);
    });
    return out;
  }

  child(key: string): Reader | undefined {
    const value = this.object[key];
    if (value === undefined) return undefined;
    if (!isObject(value)) {
      this.fail(key, `must be an object (got ${show(value)})`);
      return undefined;
    }
    return new Reader(this.errorsList, this.at(key), value);
  }
}

function rangeText(bounds: { min?: number; max?: number; exclusiveMin?: number }): string {
  const low = bounds.exclusiveMin !== undefined ? `> ${bounds.exclusiveMin}` : bounds.min !== undefined ? `>= ${bounds.min}` : undefined;
  const high = bounds.max !== undefined ? `<= ${bounds.max}` : undefined;
  const parts = [low, high].filter((p) => p !== undefined);
  return parts.length > 0 ? ` ${parts.join(' and ')}` : '';
}

function parseAlarm(r: Reader): AlarmSettings {
  r.rejectUnknown(['threshold', 'periods', 'datapointsToAlarm', 'errorRate']);
  const threshold = r.number('threshold', CONFIG_DEFAULTS.alarmThreshold, { exclusiveMin: 0 });
  const periods = r.number('periods', CONFIG_DEFAULTS.alarmPeriods, { integer: true, min: 1, max: 1440 });
  const datapointsToAlarm = r.number('datapointsToAlarm', periods, { integer: true, min: 1, max: periods });
  const settings: AlarmSettings = { threshold, periods, datapointsToAlarm };
  const rate = r.child('errorRate');
  if (rate) {
    rate.rejectUnknown(['threshold', 'minRequests']);
    if (!rate.has('threshold')) rate.fail('threshold', 'required (a fraction of the requests, e.g. 0.05 for 5 %)');
    const rateThreshold = rate.number('threshold', 0.05, { exclusiveMin: 0, max: 1 });
    const minRequests = rate.number('minRequests', CONFIG_DEFAULTS.errorRateMinRequests, { integer: true, min: 1 });
    settings.errorRate = { threshold: rateThreshold, minRequests };
  }
  return settings;
}

/** A log group given by name or by ARN (with or without the trailing ":*"), as its name. */
function logGroupName(r: Reader, key: string): string | undefined {
  const text = r.string(key);
  if (text === undefined) return undefined;
  const fromArn = LOG_GROUP_ARN.exec(text)?.[1];
  const name = fromArn ?? text;
  if (!LOG_GROUP_NAME.test(name)) {
    r.fail(key, `must be a log group name or ARN (got ${show(text)})`);
    return undefined;
  }
  return name;
}

function functionNames(r: Reader, key: string): string[] | undefined {
  const value = r.raw(key);
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) {
    r.fail(key, `must be a non-empty array of Lambda function names (got ${show(value)})`);
    return undefined;
  }
  const names: string[] = [];
  value.forEach((item: unknown, i) => {
    const text = typeof item === 'string' ? item.trim() : '';
    const name = FUNCTION_ARN.exec(text)?.[1] ?? (FUNCTION_NAME.test(text) ? text : undefined);
    if (name === undefined) r.fail(`${key}[${i}]`, `must be a Lambda function name or ARN (got ${show(item)})`);
    else if (!names.includes(name)) names.push(name);
  });
  return names;
}

function parseApi(r: Reader): WatchedApi | undefined {
  r.rejectUnknown(['type', 'apiId', 'name', 'stage', 'alarm', 'existingAlarmName', 'cooldownMinutes', 'accessLogGroup', 'functions']);
  const typeText = r.string('type', { required: true, expected: '"REST" or "HTTP"' });
  const type = typeText?.toUpperCase();
  if (typeText !== undefined && type !== 'REST' && type !== 'HTTP') r.fail('type', `must be "REST" or "HTTP" (got ${show(typeText)})`);
  const apiId = r.string('apiId', { required: true, pattern: API_ID, expected: "the API's 10-character id, e.g. a1b2c3d4e5 (not its name)" });
  const name = r.string('name', type === 'REST' ? { required: true, expected: "the REST API's name (the ApiName dimension of its metrics)" } : {});
  const stage = r.string('stage', { required: true, pattern: STAGE, expected: 'a stage name (letters, digits, - and _) or $default' });
  const cooldownMinutes = r.number('cooldownMinutes', CONFIG_DEFAULTS.cooldownMinutes, { min: 0, max: 1440 });
  const accessLogGroup = logGroupName(r, 'accessLogGroup');
  const functions = functionNames(r, 'functions');
  const existingAlarmName = r.string('existingAlarmName', { pattern: ALARM_NAME, expected: 'an alarm name (printable ASCII, at most 255 characters)' });
  if (r.has('alarm') && r.has('existingAlarmName')) r.fail('existingAlarmName', 'give either "alarm" (an alarm is created) or "existingAlarmName" (yours is used), not both');
  const alarmReader = r.child('alarm');
  if ((type !== 'REST' && type !== 'HTTP') || apiId === undefined || stage === undefined || (type === 'REST' && name === undefined)) return undefined;
  const base: WatchedApiBase = {
    type,
    apiId,
    stage,
    cooldownMinutes,
    ...(name !== undefined ? { name } : {}),
    ...(accessLogGroup !== undefined ? { accessLogGroup } : {}),
    ...(functions !== undefined ? { functions } : {}),
  };
  if (existingAlarmName !== undefined) return { ...base, existingAlarmName };
  return { ...base, alarm: alarmReader ? parseAlarm(alarmReader) : parseAlarm(new Reader(r.errorsList, '', {})) };
}

function parseTopic(r: Reader | undefined): TopicConfig {
  if (!r) return { create: true };
  r.rejectUnknown(['arn', 'kmsKeyArn', 'create']);
  const create = r.raw('create');
  if (create !== undefined && create !== true) r.fail('create', `must be true (got ${show(create)}); to use an existing topic give "arn"`);
  if (create === true && r.has('arn')) r.fail('arn', 'give either "arn" (an existing topic) or "create": true, not both');
  if (create === true) return { create: true };
  const arn = r.string('arn', { required: true, pattern: TOPIC_ARN, expected: 'an SNS topic ARN, e.g. arn:aws:sns:us-east-1:123456789012:ops-alerts (or give "create": true)' });
  const kmsKeyArn = r.string('kmsKeyArn', { pattern: KMS_KEY_ARN, expected: "the ARN of the topic's customer managed KMS key" });
  if (arn === undefined) return { create: true };
  return { arn, ...(kmsKeyArn !== undefined ? { kmsKeyArn } : {}) };
}

function parseSlack(r: Reader): SlackConfig | undefined {
  r.rejectUnknown(['secretArn', 'secretKmsKeyArn', 'channel', 'allowedUsers', 'allowedChannels', 'allowedTeams', 'defaultStages']);
  const secretArn = r.string('secretArn', {
    pattern: SECRET_ARN,
    expected: "the secret's complete ARN as the console shows it, ending in the six characters Secrets Manager appends (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-AbCdEf); leave it out to have the stack create one",
  });
  const secretKmsKeyArn = r.string('secretKmsKeyArn', { pattern: KMS_KEY_ARN, expected: "the ARN of the secret's customer managed KMS key" });
  if (secretKmsKeyArn !== undefined && !r.has('secretArn')) r.fail('secretKmsKeyArn', 'only with "secretArn": the secret the stack creates uses the AWS managed key');
  const channel = r.string('channel', {
    required: true,
    pattern: SLACK_CHANNEL,
    expected: "the id of the channel the bot posts to (C0123ABCD, in the channel's details), not its name: chat.update and file uploads take ids only",
  });
  const allowedUsers = r.stringList('allowedUsers', { required: true, item: SLACK_USER, expected: 'Slack user ids (U0123ABCD, W0123ABCD; names can be renamed and reused)', wildcard: true });
  const allowedChannels = r.stringList('allowedChannels', { required: true, item: SLACK_CHANNEL, expected: 'Slack channel ids (C0123ABCD, G0123ABCD, D0123ABCD)', wildcard: true });
  const allowedTeams = r.stringList('allowedTeams', { item: SLACK_TEAM, expected: 'Slack workspace ids (T0123ABCD) or Enterprise Grid ids (E0123ABCD)' });
  if (allowedTeams !== undefined && allowedTeams.length === 0) r.fail('allowedTeams', 'must not be empty: leave it out to allow any workspace the app is installed in');
  const defaultStages = parseDefaultStages(r);
  if (channel === undefined || allowedUsers === undefined || allowedChannels === undefined) return undefined;
  return {
    channel,
    allowedUsers,
    allowedChannels,
    ...(secretArn !== undefined ? { secretArn } : {}),
    ...(secretKmsKeyArn !== undefined ? { secretKmsKeyArn } : {}),
    ...(allowedTeams !== undefined && allowedTeams.length > 0 ? { allowedTeams } : {}),
    ...(defaultStages !== undefined ? { defaultStages } : {}),
  };
}

function parseDefaultStages(parent: Reader): Record<string, string> | undefined {
  const r = parent.child('defaultStages');
  if (!r) return undefined;
  const out: Record<string, string> = {};
  for (const [api, stage] of r.entries()) {
    if (typeof stage === 'string' && STAGE.test(stage.trim())) out[api] = stage.trim();
    else r.fail(api, `must be a stage name (letters, digits, - and _) or $default (got ${show(stage)})`);
  }
  return out;
}

/** Each pattern compiled as the functions will (shared/redact/compileRedactPatterns.ts), so that a bad one fails here. */
function parseRedactPatterns(r: Reader): string[] {
  const value = r.raw('redactPatterns');
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    r.fail('redactPatterns', `must be a list of regular expressions (sources such as "\\bORD-\\d{8}\\b", or "/source/i") (got ${show(value)})`);
    return [];
  }
  if (value.length > MAX_PATTERNS) r.fail('redactPatterns', `at most ${MAX_PATTERNS} patterns (got ${value.length})`);
  const out: string[] = [];
  value.forEach((item: unknown, i) => {
    const { problems } = compileRedactPatterns(JSON.stringify([item]));
    const problem = problems[0];
    if (problem !== undefined) r.fail(`redactPatterns[${i}]`, problem.replace(/^REDACT_PATTERNS\[0\] /, '').replace(/; ignored$/, ''));
    else if (typeof item === 'string') out.push(item);
  });
  const size = JSON.stringify(out).length;
  if (size > MAX_REDACT_PATTERNS_CHARS) r.fail('redactPatterns', `must be at most ${MAX_REDACT_PATTERNS_CHARS} characters as JSON (got ${size}): they travel in REDACT_PATTERNS, and a function's environment variables share 4 KB`);
  return out;
}

/** Validates a configuration document (already JSON-parsed) and fills its defaults. */
export function parseConfig(json: unknown): ParsedConfig {
  const errors: string[] = [];
  if (!isObject(json)) return { errors: [`the configuration must be a JSON object (got ${show(json)})`] };
  const r = new Reader(errors, '', json);
  r.rejectUnknown(['apis', 'sampleSize', 'batchSize', 'mapConcurrency', 'windowMinutes', 'insightsBudgetGB', 'topic', 'evidenceRetentionDays', 'logRetentionDays', 'slack', 'amazonQ', 'redactPatterns']);

  const apis: WatchedApi[] = [];
  const rawApis = json['apis'];
  if (!Array.isArray(rawApis) || rawApis.length === 0) {
    errors.push(`apis: required, a non-empty array of the APIs and stages to watch (got ${show(rawApis)})`);
  } else {
    rawApis.forEach((item: unknown, i) => {
      if (!isObject(item)) {
        errors.push(`apis[${i}]: must be an object (got ${show(item)})`);
        return;
      }
      const api = parseApi(new Reader(errors, `apis[${i}]`, item));
      if (!api) return;
      const twin = apis.findIndex((a) => a.apiId === api.apiId && a.stage === api.stage);
      if (twin >= 0) errors.push(`apis[${i}]: ${api.apiId}/${api.stage} is already watched by apis[${twin}]`);
      else apis.push(api);
    });
  }

  const sampleSize = r.number('sampleSize', CONFIG_DEFAULTS.sampleSize, { integer: true, min: 1, max: CONFIG_DEFAULTS.maxSampleSize });
  const batchSize = r.number('batchSize', Math.min(CONFIG_DEFAULTS.batchSize, sampleSize), { integer: true, min: 1, max: sampleSize });
  const mapConcurrency = r.number('mapConcurrency', CONFIG_DEFAULTS.mapConcurrency, { integer: true, min: 1, max: MAX_MAP_CONCURRENCY });
  const windowMinutes = r.number('windowMinutes', CONFIG_DEFAULTS.windowMinutes, { integer: true, min: 1, max: 10_080 });
  const insightsBudgetGB = r.number('insightsBudgetGB', CONFIG_DEFAULTS.insightsBudgetGB, { exclusiveMin: 0, max: 10_000 });
  const evidenceRetentionDays = r.number('evidenceRetentionDays', CONFIG_DEFAULTS.evidenceRetentionDays, { integer: true, min: 1, max: 3650 });
  const logRetentionDays = r.number('logRetentionDays', CONFIG_DEFAULTS.logRetentionDays, { integer: true, min: 1 });
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(logRetentionDays)) {
    r.fail('logRetentionDays', `must be one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(', ')} (got ${logRetentionDays})`);
  }
  const topic = parseTopic(r.child('topic'));
  const slackReader = r.child('slack');
  const slack = slackReader ? parseSlack(slackReader) : undefined;
  const amazonQ = r.boolean('amazonQ', true);
  const redactPatterns = parseRedactPatterns(r);

  if (errors.length > 0) return { errors };
  return {
    config: {
      apis,
      sampleSize,
      batchSize,
      mapConcurrency,
      windowMinutes,
      insightsBudgetGB,
      topic,
      evidenceRetentionDays,
      logRetentionDays,
      ...(slack !== undefined ? { slack } : {}),
      amazonQ,
      redactPatterns,
    },
  };
}
