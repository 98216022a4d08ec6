import { parseDuration } from '../api/requestTime.ts';
import { API_ID_PATTERN, STAGE_PATTERN } from '../api/parseDiagnosisRequest.ts';
import { spokenDuration, unescapeSlackText } from './slackText.ts';

/**
 * `/diagnose <api name or id> [stage] [since]` as Slack posts it: an application/x-www-form-urlencoded body with
 * token, team_id, team_domain, enterprise_id, enterprise_name, channel_id, channel_name, user_id, user_name, command,
 * text, api_app_id, is_enterprise_install, response_url and trigger_id ("Enabling interactivity with Slash commands",
 * https://api.slack.com/interactivity/slash-commands, "app_command_handling"). Parsing never throws: a request
 * without the fields a reply needs is a problem, and bad arguments are a sentence for the user plus the usage.
 */

/** The fields of a slash-command request this app uses. */
export interface SlashCommandRequest {
  command: string;
  text: string;
  teamId: string;
  teamDomain?: string;
  enterpriseId?: string;
  channelId: string;
  channelName?: string;
  userId: string;
  userName?: string;
  responseUrl?: string;
  triggerId?: string;
  apiAppId?: string;
  /** Slack's SSL check (`ssl_check=1`): answer 200 and do nothing. */
  sslCheck: boolean;
}

export type SlashCommandRead = { request: SlashCommandRequest } | { problem: string };

/** Reads the form body. A request with ssl_check=1 carries no command and is returned as such. */
export function readSlashCommand(body: string): SlashCommandRead {
  let form: URLSearchParams;
  try {
    form = new URLSearchParams(body);
  } catch {
    return { problem: 'the body is not form-encoded' };
  }
  const field = (name: string): string | undefined => {
    const value = form.get(name);
    return value === null || value === '' ? undefined : value;
  };
  const sslCheck = form.get('ssl_check') === '1';
  const command = field('command');
  const userId = field('user_id');
  const channelId = field('channel_id');
  const teamId = field('team_id');
  if (!sslCheck) {
    const missing = [
      ['command', command],
      ['user_id', userId],
      ['channel_id', channelId],
      ['team_id', teamId],
    ]
      .filter(([, v]) => v === undefined)
      .map(([k]) => k);
    if (missing.length > 0) return { problem: `the slash command request has no ${missing.join(', ')}` };
  }
  const optional = (key: keyof SlashCommandRequest, name: string): Partial<SlashCommandRequest> => {
    const value = field(name);
    return value === undefined ? {} : { [key]: value };
  };
  return {
    request: {
      command: command ?? '',
      text: form.get('text') ?? '',
      teamId: teamId ?? '',
      channelId: channelId ?? '',
      userId: userId ?? '',
      sslCheck,
      ...optional('teamDomain', 'team_domain'),
      ...optional('enterpriseId', 'enterprise_id'),
      ...optional('channelName', 'channel_name'),
      ...optional('userName', 'user_name'),
      ...optional('responseUrl', 'response_url'),
      ...optional('triggerId', 'trigger_id'),
      ...optional('apiAppId', 'api_app_id'),
    },
  };
}

/** What the command text asks for. */
export type DiagnoseArguments =
  | { kind: 'help' }
  | {
      kind: 'diagnose';
      /** An API id or name as typed (unresolved), or the id taken from an execute-api URL. */
      api: string;
      /** When typed, or taken from an execute-api URL's first path segment. */
      stage?: string;
      stageFromUrl?: boolean;
      /** The window: the last `sinceMs` before the request. */
      sinceMs: number;
      /** What was asked when it was more than the maximum (then sinceMs is the maximum). */
      cappedFromMs?: number;
      /** True when no duration was given (the default applies). */
      sinceDefaulted: boolean;
    }
  | { kind: 'invalid'; problem: string };

export interface DiagnoseTextOptions {
  /** The window when none is given (default 1 h). */
  defaultSinceMs?: number;
  /** The longest window (MAX_WINDOW_MINUTES; default 6 h): longer asks are capped, and the reply says so. */
  maxSinceMs?: number;
}

export const DEFAULT_SINCE_MS = 60 * 60_000;
export const DEFAULT_MAX_SINCE_MS = 6 * 60 * 60_000;
/** API Gateway's metrics have one-minute periods: a shorter window cannot be told from noise. */
export const MIN_SINCE_MS = 60_000;
/** An API name is at most 128 characters in practice; anything much longer is not a name. */
const MAX_API_ARGUMENT = 256;

const HELP_WORDS = new Set(['help', '-h', '--help', '?', 'usage', '-help']);
/** Words people put before a duration: "last 2h", "since 30m", "for 1h", "over 15m", "past 1d". */
const DURATION_FILLERS = new Set(['last', 'since', 'for', 'over', 'past', 'the']);
const DURATION_LIKE = /^(?:\d+(?:\.\d+)?\s*[a-z]+)+$|^P(?:\d|T\d)/i;
const EXECUTE_API_URL = /^https?:\/\/([a-z0-9]{10})\.execute-api\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?(?:\/([^/?#\s]*))?/i;

/**
 * Reads the text after the command: the API (id, name, quoted name with spaces, or an execute-api URL), then an
 * optional stage and an optional duration in either order ("prod 2h", "2h prod", "prod last 2h"), or as
 * stage=/since= (also --stage/--since). Empty text or "help" asks for the usage.
 */
export function parseDiagnoseText(text: string, options: DiagnoseTextOptions = {}): DiagnoseArguments {
  const tokens = tokenize(unescapeSlackText(text));
  if ('problem' in tokens) return { kind: 'invalid', problem: tokens.problem };
  const words = tokens.words;
  if (words.length === 0 || (words.length === 1 && HELP_WORDS.has((words[0] ?? '').toLowerCase()))) return { kind: 'help' };

  const named: { stage?: string; since?: string } = {};
  const positional: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const option = /^(?:--?)?(stage|since|window|last)(?:=(.*))?$/i.exec(word);
    const keyword = option !== null && (option[1] ?? '').toLowerCase() === 'stage' && i > 0 && i + 1 < words.length;
    if (option && (option[2] !== undefined || word.startsWith('-') || keyword)) {
      const key = (option[1] ?? '').toLowerCase() === 'stage' ? 'stage' : 'since';
      const value = option[2] ?? words[++i];
      if (value === undefined || value === '') return { kind: 'invalid', problem: `\`${word}\` needs a value, such as \`${key === 'stage' ? 'stage=prod' : 'since=2h'}\`` };
      if (named[key] !== undefined) return { kind: 'invalid', problem: `${key} is given twice` };
      named[key] = value;
      continue;
    }
    if (HELP_WORDS.has(word.toLowerCase()) && i > 0) return { kind: 'help' };
    positional.push(word);
  }

  const [first, ...rest] = positional;
  if (first === undefined) return { kind: 'invalid', problem: 'Which API? Name it first, by id or by name' };
  const fromUrl = EXECUTE_API_URL.exec(first);
  const api = fromUrl?.[1]?.toLowerCase() ?? first;
  if (!fromUrl && /^https?:\/\//i.test(first)) {
    return { kind: 'invalid', problem: `\`${clip(first)}\` is not an API Gateway URL (https://<api id>.execute-api.<region>.amazonaws.com/<stage>); name the API by id or name instead` };
  }
  if (api.length > MAX_API_ARGUMENT) return { kind: 'invalid', problem: 'That API name is too long to be one' };

  let stage = named.stage;
  let since = named.since;
  const unread: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] ?? '';
    const lower = word.toLowerCase();
    if (DURATION_FILLERS.has(lower) && fillerBeforeDuration(rest, i)) continue;
    const durationish = looksLikeDuration(word) || /^\d+$/.test(word);
    if (durationish && since === undefined) since = word;
    else if (stage === undefined && !durationish) stage = word;
    else unread.push(word);
  }
  if (unread.length > 0) {
    return {
      kind: 'invalid',
      problem: `I could not place ${unread.map((w) => `\`${clip(w)}\``).join(', ')}: after the API come at most a stage and a duration${
        stage !== undefined || since !== undefined ? ` (I read ${[stage !== undefined ? `stage \`${clip(stage)}\`` : '', since !== undefined ? `duration \`${clip(since)}\`` : ''].filter(Boolean).join(' and ')})` : ''
      }. A name with spaces goes in quotes: \`"Orders API"\``,
    };
  }

  let stageFromUrl = false;
  if (stage === undefined && fromUrl?.[2]) {
    stage = decodeURIComponentSafe(fromUrl[2]);
    stageFromUrl = true;
  }
  if (stage !== undefined) {
    const trimmed = stage.replace(/^\/+|\/+$/g, '');
    if (!STAGE_PATTERN.test(trimmed)) {
      return { kind: 'invalid', problem: `\`${clip(stage)}\` is not a stage name: stages are 1 to 128 letters, digits, \`-\` and \`_\`, or \`$default\`` };
    }
    stage = trimmed;
  }

  const window = readSince(since, options);
  if ('problem' in window) return { kind: 'invalid', problem: window.problem };
  return {
    kind: 'diagnose',
    api,
    ...(stage !== undefined ? { stage } : {}),
    ...(stageFromUrl ? { stageFromUrl } : {}),
    sinceMs: window.sinceMs,
    ...(window.cappedFromMs !== undefined ? { cappedFromMs: window.cappedFromMs } : {}),
    sinceDefaulted: since === undefined,
  };
}

/** Whether a word is an API id (10 lowercase letters and digits); a name can look like one too. */
export function looksLikeApiId(word: string): boolean {
  return API_ID_PATTERN.test(word);
}

/** The usage, for `help`, and under every "bad arguments" reply. */
export function usageText(command = '/diagnose', maxSinceMs = DEFAULT_MAX_SINCE_MS): string {
  return [
    `*Usage:* \`${command} <api name or id> [stage] [since]\``,
    `• \`${command} orders-api prod\` — the last hour of \`orders-api\`'s \`prod\` stage`,
    `• \`${command} a1b2c3d4e5 prod 30m\` — by API id, the last 30 minutes`,
    `• \`${command} "Orders API" prod last 2h\` — a name with spaces goes in quotes`,
    `• \`${command} https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod\` — or paste the invoke URL`,
    `The duration is like \`15m\`, \`2h\` or \`1h30m\` (default 1 h, at most ${spokenDuration(maxSinceMs)}). The result is posted here when the diagnosis finishes, usually within a few minutes.`,
  ].join('\n');
}

function readSince(since: string | undefined, options: DiagnoseTextOptions): { sinceMs: number; cappedFromMs?: number } | { problem: string } {
  const max = options.maxSinceMs !== undefined && options.maxSinceMs >= MIN_SINCE_MS ? options.maxSinceMs : DEFAULT_MAX_SINCE_MS;
  const fallback = Math.min(options.defaultSinceMs ?? DEFAULT_SINCE_MS, max);
  if (since === undefined) return { sinceMs: fallback };
  if (/^\d+$/.test(since)) return { problem: `\`${clip(since)}\` has no unit: write \`${since}m\` for minutes or \`${since}h\` for hours` };
  const parsed = parseDuration(since);
  if ('problem' in parsed) return { problem: `\`${clip(since)}\` is not a duration: write it like \`15m\`, \`2h\`, \`1h30m\` or \`1d\`` };
  if (parsed.value < MIN_SINCE_MS) return { problem: `\`${clip(since)}\` is shorter than a minute, API Gateway's metric period; ask for at least \`1m\`` };
  if (parsed.value > max) return { sinceMs: max, cappedFromMs: parsed.value };
  return { sinceMs: parsed.value };
}

/** "last 2h", "for the 2h": filler words up to a duration. */
function fillerBeforeDuration(words: string[], at: number): boolean {
  for (let j = at + 1; j < words.length; j++) {
    const word = words[j] ?? '';
    if (looksLikeDuration(word) || /^\d+$/.test(word)) return true;
    if (!DURATION_FILLERS.has(word.toLowerCase())) return false;
  }
  return false;
}

function looksLikeDuration(word: string): boolean {
  return DURATION_LIKE.test(word) && !('problem' in parseDuration(word));
}

/**
 * Words split on white space (Slack may send non-breaking spaces); "…" and the curly “…” that Slack's clients
 * type for it group a name with spaces. Apostrophes do not quote: "Bob's API" is a name.
 */
function tokenize(text: string): { words: string[] } | { problem: string } {
  const cleaned = stripSlackLinks(text).trim();
  const straight = (cleaned.match(/"/g) ?? []).length;
  const opening = (cleaned.match(/“/g) ?? []).length;
  const closing = (cleaned.match(/”/g) ?? []).length;
  if (straight % 2 !== 0 || opening !== closing) return { problem: 'A quote is not closed: put a name with spaces in quotes, like `"Orders API"`' };
  const words: string[] = [];
  const pattern = /"([^"]*)"|“([^”]*)”|([^\s"“”]+)/gu;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(cleaned)) !== null) {
    const quoted = m[1] ?? m[2];
    const word = (quoted ?? m[3] ?? '').trim();
    if (quoted !== undefined && word === '') return { problem: 'There is an empty name in quotes' };
    if (word !== '') words.push(word);
  }
  return { words };
}

/** Slack writes links in the text as <https://x|label> or <https://x> (with "Escape channels, users, and links" on). */
function stripSlackLinks(text: string): string {
  return text.replace(/<((?:https?:)?[^<>|\s]+)(?:\|[^<>]*)?>/g, '$1');
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function clip(text: string, max = 60): string {
  const flat = text.replace(/`/g, "'");
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
