import { describe, it, expect } from 'vitest';
import { chatOpsConfigFromEnv, defaultStageFor } from './chatOpsConfig.ts';

describe('chatOpsConfigFromEnv', () => {
  it('defaults: nobody allowed, no default stage, 6 h windows, 1 h mutes, answer by 2.5 s', () => {
    const config = chatOpsConfigFromEnv({});
    expect(config.allowList.users).toBeUndefined();
    expect(config.defaultStages).toEqual({});
    expect(config.maxWindowMs).toBe(6 * 3_600_000);
    expect(config.muteMs).toBe(3_600_000);
    expect(config.ackBudgetMs).toBe(2500);
    expect(config.problems).toEqual([]);
  });

  it('reads the settings, keeps the budget under 3 s, and reports what it ignored', () => {
    const config = chatOpsConfigFromEnv({
      SLACK_DEFAULT_STAGES: '{"orders-api":"prod","a1b2c3d4e5":"$default","bad":"prod/v1","*":"live"}',
      MAX_WINDOW_MINUTES: '120',
      SLACK_MUTE_MINUTES: '30',
      SLACK_ACK_BUDGET_MS: '5000',
      SLACK_ALLOWED_USERS: '["#oncall"]',
    });
    expect(config.defaultStages).toEqual({ 'orders-api': 'prod', a1b2c3d4e5: '$default', '*': 'live' });
    expect(config.maxWindowMs).toBe(7_200_000);
    expect(config.muteMs).toBe(1_800_000);
    expect(config.ackBudgetMs).toBe(2900);
    expect(config.problems).toEqual([
      'SLACK_ALLOWED_USERS: "#oncall" is not a Slack id and was ignored (names are not accepted; copy the id from the profile or channel details)',
      'SLACK_DEFAULT_STAGES: the stage for "bad" is not a stage name and was ignored',
    ]);
    expect(chatOpsConfigFromEnv({ SLACK_DEFAULT_STAGES: 'prod' }).problems).toEqual(['SLACK_DEFAULT_STAGES is not JSON; expected an object such as {"orders-api": "prod"}']);
  });
});

describe('defaultStageFor', () => {
  const defaults = { 'orders-api': 'prod', p4q5r6s7t8: '$default', '*': 'live' };
  it('looks up by id, then name, then "*"', () => {
    expect(defaultStageFor(defaults, { id: 'a1b2c3d4e5', name: 'orders-api', type: 'REST' }, 'a1b2c3d4e5')).toBe('prod');
    expect(defaultStageFor(defaults, { id: 'p4q5r6s7t8', name: 'payments-http', type: 'HTTP' }, 'payments-http')).toBe('$default');
    expect(defaultStageFor(defaults, { id: 'z9y8x7w6v5', type: 'REST' }, 'z9y8x7w6v5')).toBe('live');
    expect(defaultStageFor({}, { id: 'z9y8x7w6v5', type: 'REST' }, 'z9y8x7w6v5')).toBeUndefined();
  });
});
