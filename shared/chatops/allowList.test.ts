import { describe, it, expect } from 'vitest';
import { allowListFromEnv, checkAllowed } from './allowList.ts';

// Ids in Slack's own documented shapes: U2147483697 / C2147483705 / T0001 / E0001 (slash command example,
// https://api.slack.com/interactivity/slash-commands), G8PSS9T3V / U2CERLKJA / T1DC2JH3J (signing example),
// W-prefixed Enterprise Grid user ids (e.g. W012A3CDE in "users.info").
const STEVE = { userId: 'U2147483697', channelId: 'C2147483705', teamId: 'T0001' };

describe('allowListFromEnv + checkAllowed', () => {
  it('allows nobody when nothing is configured, and says what to set with the caller\'s ids', () => {
    const decision = checkAllowed(allowListFromEnv({}), STEVE);
    expect(decision).toMatchObject({ allowed: false, reason: 'not-configured' });
    if (decision.allowed) return;
    expect(decision.message).toContain('SLACK_ALLOWED_USERS and SLACK_ALLOWED_CHANNELS');
    expect(decision.message).toContain('`U2147483697`');
    expect(decision.message).toContain('`C2147483705`');
    expect(decision.message).toContain('Nothing was started');
  });

  it('allows nobody when only one of the two lists is set, or a list is empty', () => {
    expect(checkAllowed(allowListFromEnv({ SLACK_ALLOWED_USERS: '["U2147483697"]' }), STEVE)).toMatchObject({ allowed: false, reason: 'not-configured' });
    const decision = checkAllowed(allowListFromEnv({ SLACK_ALLOWED_USERS: '["*"]', SLACK_ALLOWED_CHANNELS: '[]' }), STEVE);
    expect(decision).toMatchObject({ allowed: false, reason: 'not-configured' });
    if (!decision.allowed) expect(decision.message).toContain('set SLACK_ALLOWED_CHANNELS on');
  });

  it('allows a listed user in a listed channel, and refuses others saying which list', () => {
    const list = allowListFromEnv({ SLACK_ALLOWED_USERS: '["U2147483697", "W012A3CDE"]', SLACK_ALLOWED_CHANNELS: '["C2147483705","G8PSS9T3V"]' });
    expect(list.problems).toEqual([]);
    expect(checkAllowed(list, STEVE)).toEqual({ allowed: true });
    expect(checkAllowed(list, { ...STEVE, userId: 'W012A3CDE', channelId: 'G8PSS9T3V' })).toEqual({ allowed: true });
    expect(checkAllowed(list, { ...STEVE, userId: 'U2CERLKJA' })).toMatchObject({ allowed: false, reason: 'user' });
    expect(checkAllowed(list, { ...STEVE, channelId: 'C0OTHER01' })).toMatchObject({ allowed: false, reason: 'channel' });
    expect(checkAllowed(list, { userId: 'U2147483697' })).toMatchObject({ allowed: false, reason: 'channel' });
  });

  it('reads ["*"] as anyone, and comma- or space-separated lists', () => {
    expect(checkAllowed(allowListFromEnv({ SLACK_ALLOWED_USERS: '["*"]', SLACK_ALLOWED_CHANNELS: '*' }), STEVE)).toEqual({ allowed: true });
    const list = allowListFromEnv({ SLACK_ALLOWED_USERS: 'U1AAAAAAA, U2147483697', SLACK_ALLOWED_CHANNELS: 'C1AAAAAAA C2147483705' });
    expect(checkAllowed(list, STEVE)).toEqual({ allowed: true });
  });

  it('limits workspaces when SLACK_ALLOWED_TEAMS is set (team or Enterprise Grid id)', () => {
    const env = { SLACK_ALLOWED_USERS: '*', SLACK_ALLOWED_CHANNELS: '*', SLACK_ALLOWED_TEAMS: '["T1DC2JH3J","E0001"]' };
    expect(checkAllowed(allowListFromEnv(env), STEVE)).toMatchObject({ allowed: false, reason: 'team' });
    expect(checkAllowed(allowListFromEnv(env), { ...STEVE, enterpriseId: 'E0001' })).toEqual({ allowed: true });
    expect(checkAllowed(allowListFromEnv(env), { ...STEVE, teamId: 'T1DC2JH3J' })).toEqual({ allowed: true });
  });

  it('fails closed on an unreadable list and ignores names, reporting both', () => {
    const broken = allowListFromEnv({ SLACK_ALLOWED_USERS: '["U2147483697"', SLACK_ALLOWED_CHANNELS: '["#ops", "@alice"]' });
    expect(checkAllowed(broken, STEVE)).toMatchObject({ allowed: false, reason: 'not-configured' });
    expect(broken.problems).toHaveLength(3);
    expect(broken.problems[0]).toContain('SLACK_ALLOWED_USERS is not a JSON list');
    expect(broken.problems[1]).toContain('"#ops" is not a Slack id');
    expect(allowListFromEnv({ SLACK_ALLOWED_USERS: '{"users":["U2147483697"]}' }).problems[0]).toContain('not a JSON list');
  });
});
