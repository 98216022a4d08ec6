/**
 * Who may start diagnoses (and press the buttons) from Slack. A diagnosis reads an API's logs and posts excerpts,
 * so nobody may until an admin says who: SLACK_ALLOWED_USERS and SLACK_ALLOWED_CHANNELS are both required, each a
 * JSON list of Slack ids (["U024BE7LH", "W012A3CDE"], ["C2147483705", "G8PSS9T3V"]) or ["*"] for anyone, and
 * SLACK_ALLOWED_TEAMS optionally limits the workspaces (team ids T…, or Enterprise Grid ids E…). A comma- or
 * space-separated list is read too. Names (#ops, @alice) are refused: they can be renamed and reused; ids cannot.
 */

export interface IdList {
  /** ["*"]: anyone. */
  any: boolean;
  ids: ReadonlySet<string>;
}

export interface AllowList {
  /** Unset (or empty, or unreadable) means nobody. */
  users?: IdList;
  channels?: IdList;
  /** Unset means any workspace the app is installed in. */
  teams?: IdList;
  /** Entries that were ignored, and why (for the logs; an admin's typo must not fail open). */
  problems: string[];
}

/** Who pressed or typed, from the request. */
export interface SlackActor {
  userId: string;
  channelId?: string;
  teamId?: string;
  enterpriseId?: string;
}

export type AllowDecision = { allowed: true } | { allowed: false; reason: 'not-configured' | 'user' | 'channel' | 'team'; message: string };

export const ALLOWED_USERS_ENV = 'SLACK_ALLOWED_USERS';
export const ALLOWED_CHANNELS_ENV = 'SLACK_ALLOWED_CHANNELS';
export const ALLOWED_TEAMS_ENV = 'SLACK_ALLOWED_TEAMS';

/** Slack ids: users U…/W… (Enterprise Grid), conversations C…/G… (private, older)/D… (DM), workspaces T…, grids E…. */
const ID_SHAPES: Record<'users' | 'channels' | 'teams', RegExp> = {
  users: /^[UW][A-Z0-9]{2,}$/,
  channels: /^[CGD][A-Z0-9]{2,}$/,
  teams: /^[TE][A-Z0-9]{2,}$/,
};

export function allowListFromEnv(env: Record<string, string | undefined>): AllowList {
  const problems: string[] = [];
  const users = parseIdList(env[ALLOWED_USERS_ENV], ALLOWED_USERS_ENV, ID_SHAPES.users, problems);
  const channels = parseIdList(env[ALLOWED_CHANNELS_ENV], ALLOWED_CHANNELS_ENV, ID_SHAPES.channels, problems);
  const teams = parseIdList(env[ALLOWED_TEAMS_ENV], ALLOWED_TEAMS_ENV, ID_SHAPES.teams, problems);
  return { ...(users ? { users } : {}), ...(channels ? { channels } : {}), ...(teams ? { teams } : {}), problems };
}

/** A list from its variable's text; undefined when unset, empty or unreadable (which then allows nobody). */
export function parseIdList(text: string | undefined, name: string, shape: RegExp, problems: string[]): IdList | undefined {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return undefined;
  let entries: unknown[];
  if (/^[[{"]/.test(trimmed)) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (!Array.isArray(parsed)) throw new Error('not a list');
      entries = parsed;
    } catch {
      problems.push(`${name} is not a JSON list of ids; nobody is allowed until it is (e.g. ["U024BE7LH"])`);
      return undefined;
    }
  } else {
    entries = trimmed.split(/[\s,;]+/);
  }
  let any = false;
  const ids = new Set<string>();
  for (const entry of entries) {
    const id = typeof entry === 'string' ? entry.trim() : '';
    if (id === '') continue;
    if (id === '*') any = true;
    else if (shape.test(id)) ids.add(id);
    else problems.push(`${name}: ${JSON.stringify(typeof entry === 'string' ? entry.slice(0, 40) : entry)} is not a Slack id and was ignored (names are not accepted; copy the id from the profile or channel details)`);
  }
  if (!any && ids.size === 0) return undefined;
  return { any, ids };
}

/** Whether an actor may start a diagnosis; a refusal says why in words for an ephemeral reply. */
export function checkAllowed(list: AllowList, actor: SlackActor): AllowDecision {
  const you = `Your user id is \`${actor.userId}\`${actor.channelId ? ` and this channel is \`${actor.channelId}\`` : ''}.`;
  if (list.users === undefined || list.channels === undefined) {
    const unset = [list.users === undefined ? ALLOWED_USERS_ENV : undefined, list.channels === undefined ? ALLOWED_CHANNELS_ENV : undefined].filter(Boolean).join(' and ');
    return {
      allowed: false,
      reason: 'not-configured',
      message: `Nobody may start diagnoses from Slack yet, because a diagnosis reads the API's logs: an admin must set ${unset} on the Slack functions (JSON lists of Slack ids, or ["*"] for anyone). ${you} Nothing was started.`,
    };
  }
  if (list.teams !== undefined && !includes(list.teams, actor.teamId) && !includes(list.teams, actor.enterpriseId)) {
    return { allowed: false, reason: 'team', message: `This workspace (\`${actor.teamId ?? 'unknown'}\`) is not in ${ALLOWED_TEAMS_ENV}, so diagnoses cannot be started from it. Nothing was started.` };
  }
  if (!includes(list.users, actor.userId)) {
    return {
      allowed: false,
      reason: 'user',
      message: `You are not on the list of people who may start diagnoses (${ALLOWED_USERS_ENV}), because a diagnosis reads the API's logs. Ask the app's admin to add you. ${you} Nothing was started.`,
    };
  }
  if (!includes(list.channels, actor.channelId)) {
    return {
      allowed: false,
      reason: 'channel',
      message: `Diagnoses cannot be started from this channel${actor.channelId ? ` (\`${actor.channelId}\`)` : ''}: it is not in ${ALLOWED_CHANNELS_ENV}, and the result would be posted here. Run it from an allowed channel, or ask the app's admin to add this one. Nothing was started.`,
    };
  }
  return { allowed: true };
}

function includes(list: IdList, id: string | undefined): boolean {
  return list.any || (id !== undefined && list.ids.has(id));
}
