import { DEFAULT_MAX_WINDOW_MINUTES, STAGE_PATTERN } from '../api/parseDiagnosisRequest.ts';
import { allowListFromEnv, type AllowList } from './allowList.ts';
import { DEFAULT_MUTE_MS } from './MuteList.ts';
import type { ResolvedApi } from './resolveApi.ts';

/**
 * The chat-ops settings, from the Slack functions' environment:
 * - SLACK_ALLOWED_USERS, SLACK_ALLOWED_CHANNELS, SLACK_ALLOWED_TEAMS: who may (allowList.ts; nobody by default);
 * - SLACK_DEFAULT_STAGES: a JSON object from API id or name to the stage `/diagnose <api>` uses when none is typed,
 *   with "*" for every other API (`{"orders-api": "prod", "*": "prod"}`); without it the stage must be typed;
 * - MAX_WINDOW_MINUTES: the longest window (default 360, as the manual API), SLACK_MUTE_MINUTES (default 60),
 *   SLACK_ACK_BUDGET_MS: when to answer Slack at the latest (default 2500 of its 3000).
 */
export interface ChatOpsConfig {
  allowList: AllowList;
  defaultStages: Readonly<Record<string, string>>;
  maxWindowMs: number;
  muteMs: number;
  ackBudgetMs: number;
  /** Settings that were ignored, and why (logged at cold start). */
  problems: string[];
}

export const DEFAULT_ACK_BUDGET_MS = 2500;

export function chatOpsConfigFromEnv(env: Record<string, string | undefined>): ChatOpsConfig {
  const allowList = allowListFromEnv(env);
  const problems = [...allowList.problems];
  return {
    allowList,
    defaultStages: readDefaultStages(env['SLACK_DEFAULT_STAGES'], problems),
    maxWindowMs: positive(env['MAX_WINDOW_MINUTES'], DEFAULT_MAX_WINDOW_MINUTES) * 60_000,
    muteMs: positive(env['SLACK_MUTE_MINUTES'], DEFAULT_MUTE_MS / 60_000) * 60_000,
    ackBudgetMs: Math.min(positive(env['SLACK_ACK_BUDGET_MS'], DEFAULT_ACK_BUDGET_MS), 2900),
    problems,
  };
}

/** The configured stage for an API: by its id, then its name, then by the name as typed, then "*". */
export function defaultStageFor(defaults: Readonly<Record<string, string>>, api: ResolvedApi, typed: string): string | undefined {
  return defaults[api.id] ?? (api.name !== undefined ? defaults[api.name] : undefined) ?? defaults[typed] ?? defaults['*'];
}

function readDefaultStages(text: string | undefined, problems: string[]): Record<string, string> {
  if (text === undefined || text.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    problems.push('SLACK_DEFAULT_STAGES is not JSON; expected an object such as {"orders-api": "prod"}');
    return {};
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    problems.push('SLACK_DEFAULT_STAGES is not a JSON object; expected {"orders-api": "prod"}');
    return {};
  }
  const out: Record<string, string> = {};
  for (const [api, stage] of Object.entries(json)) {
    if (typeof stage === 'string' && STAGE_PATTERN.test(stage)) out[api] = stage;
    else problems.push(`SLACK_DEFAULT_STAGES: the stage for ${JSON.stringify(api)} is not a stage name and was ignored`);
  }
  return out;
}

function positive(text: string | undefined, fallback: number): number {
  const n = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
