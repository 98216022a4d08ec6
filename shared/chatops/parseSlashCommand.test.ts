import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseDiagnoseText, readSlashCommand, usageText } from './parseSlashCommand.ts';

/**
 * The body of a slash command as Slack posts it: the example of "Enabling interactivity with Slash commands"
 * (https://api.slack.com/interactivity/slash-commands, "app_command_handling": token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001
 * &team_domain=example&enterprise_id=E0001&enterprise_name=Globular%20Construct%20Inc&channel_id=C2147483705
 * &channel_name=test&user_id=U2147483697&user_name=Steve&command=/weather&text=94070
 * &response_url=https://hooks.slack.com/commands/1234/5678&trigger_id=13345224609.738474920.8ee1e77aa7&api_app_id=A123456),
 * with this app's command and text, percent-encoded as Slack sends it (spaces as "+", "/" as %2F, as in the signing
 * example of "Verifying requests from Slack").
 */
const BODY =
  'token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&enterprise_id=E0001&enterprise_name=Globular%20Construct%20Inc' +
  '&channel_id=C2147483705&channel_name=test&user_id=U2147483697&user_name=Steve&command=%2Fdiagnose&text=orders-api+prod+30m' +
  '&api_app_id=A123456&is_enterprise_install=false&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0001%2F5678%2FabcDEF' +
  '&trigger_id=13345224609.738474920.8ee1e77aa7';

describe('readSlashCommand', () => {
  it("reads Slack's documented fields", () => {
    expect(readSlashCommand(BODY)).toEqual({
      request: {
        command: '/diagnose',
        text: 'orders-api prod 30m',
        teamId: 'T0001',
        teamDomain: 'example',
        enterpriseId: 'E0001',
        channelId: 'C2147483705',
        channelName: 'test',
        userId: 'U2147483697',
        userName: 'Steve',
        responseUrl: 'https://hooks.slack.com/commands/T0001/5678/abcDEF',
        triggerId: '13345224609.738474920.8ee1e77aa7',
        apiAppId: 'A123456',
        sslCheck: false,
      },
    });
  });

  it("reads the signing example's body (empty text, a private channel G…)", () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const read = readSlashCommand(body);
    expect(read).toMatchObject({ request: { command: '/webhook-collect', text: '', channelId: 'G8PSS9T3V', userId: 'U2CERLKJA', teamId: 'T1DC2JH3J' } });
  });

  it("recognises Slack's SSL check (ssl_check=1&token=…), which has no command", () => {
    expect(readSlashCommand('ssl_check=1&token=legacy-fixed-token')).toMatchObject({ request: { sslCheck: true } });
  });

  it('names what is missing, never throws', () => {
    expect(readSlashCommand('')).toEqual({ problem: 'the slash command request has no command, user_id, channel_id, team_id' });
    expect(readSlashCommand('command=%2Fdiagnose&user_id=U1&team_id=T1')).toEqual({ problem: 'the slash command request has no channel_id' });
    expect(readSlashCommand('%E0%A4%A=%')).toHaveProperty('problem');
  });
});

describe('parseDiagnoseText', () => {
  it('asks for the usage on empty text and on help', () => {
    for (const text of ['', '   ', 'help', 'HELP', '--help', '?', 'orders-api help']) expect(parseDiagnoseText(text)).toEqual({ kind: 'help' });
  });

  it('reads api, stage and duration, in either order, with filler words', () => {
    const expected = { kind: 'diagnose', api: 'orders-api', stage: 'prod', sinceMs: 2 * 3_600_000, sinceDefaulted: false };
    for (const text of ['orders-api prod 2h', 'orders-api 2h prod', 'orders-api prod last 2h', 'orders-api prod since 2h', 'orders-api prod for the 2h', 'orders-api stage=prod since=2h', 'orders-api --stage prod --since 2h', 'orders-api --since=2h --stage=prod', 'orders-api stage prod 2h', ' orders-api\u00a0prod\u00a0 2h ']) {
      expect(parseDiagnoseText(text), text).toEqual(expected);
    }
  });

  it('defaults the window to 1 h and leaves the stage unset when not given', () => {
    expect(parseDiagnoseText('a1b2c3d4e5')).toEqual({ kind: 'diagnose', api: 'a1b2c3d4e5', sinceMs: 3_600_000, sinceDefaulted: true });
    expect(parseDiagnoseText('a1b2c3d4e5 15m')).toEqual({ kind: 'diagnose', api: 'a1b2c3d4e5', sinceMs: 900_000, sinceDefaulted: false });
    expect(parseDiagnoseText('a1b2c3d4e5', { defaultSinceMs: 1_800_000 })).toMatchObject({ sinceMs: 1_800_000 });
  });

  it('reads compound and spelled-out durations', () => {
    expect(parseDiagnoseText('api prod 1h30m')).toMatchObject({ sinceMs: 5_400_000 });
    expect(parseDiagnoseText('api prod 90min')).toMatchObject({ sinceMs: 5_400_000 });
    expect(parseDiagnoseText('api prod 2hours')).toMatchObject({ sinceMs: 7_200_000 });
    expect(parseDiagnoseText('api prod PT45M')).toMatchObject({ sinceMs: 2_700_000 });
  });

  it('caps a window past the maximum and says what was asked', () => {
    expect(parseDiagnoseText('api prod 1d')).toEqual({ kind: 'diagnose', api: 'api', stage: 'prod', sinceMs: 6 * 3_600_000, cappedFromMs: 86_400_000, sinceDefaulted: false });
    expect(parseDiagnoseText('api prod 3h', { maxSinceMs: 2 * 3_600_000 })).toMatchObject({ sinceMs: 7_200_000, cappedFromMs: 10_800_000 });
    expect(parseDiagnoseText('api prod', { maxSinceMs: 1_800_000 })).toMatchObject({ sinceMs: 1_800_000, sinceDefaulted: true });
  });

  it('takes a quoted name with spaces, straight or curly quotes, and an apostrophe as part of a name', () => {
    expect(parseDiagnoseText('"Orders API" prod')).toMatchObject({ api: 'Orders API', stage: 'prod' });
    expect(parseDiagnoseText('“Orders API” prod 30m')).toMatchObject({ api: 'Orders API', stage: 'prod', sinceMs: 1_800_000 });
    expect(parseDiagnoseText("bob's-api prod")).toMatchObject({ api: "bob's-api", stage: 'prod' });
  });

  it('reads the id and stage from a pasted invoke URL, plain or as Slack escapes links', () => {
    const url = 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/orders/42';
    expect(parseDiagnoseText(url)).toEqual({ kind: 'diagnose', api: 'a1b2c3d4e5', stage: 'prod', stageFromUrl: true, sinceMs: 3_600_000, sinceDefaulted: true });
    expect(parseDiagnoseText(`<${url}> 30m`)).toMatchObject({ api: 'a1b2c3d4e5', stage: 'prod', sinceMs: 1_800_000 });
    expect(parseDiagnoseText(`<${url}|a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/orders/42> staging`)).toMatchObject({ api: 'a1b2c3d4e5', stage: 'staging' });
    expect(parseDiagnoseText('https://A1B2C3D4E5.execute-api.cn-north-1.amazonaws.com.cn/')).toEqual({ kind: 'diagnose', api: 'a1b2c3d4e5', sinceMs: 3_600_000, sinceDefaulted: true });
  });

  it('accepts $default (an HTTP API stage), also as Slack escapes "&" in text', () => {
    expect(parseDiagnoseText('a1b2c3d4e5 $default')).toMatchObject({ stage: '$default' });
    expect(parseDiagnoseText('R&amp;D-api prod')).toMatchObject({ api: 'R&D-api', stage: 'prod' });
  });

  it('explains bad arguments: unit-less numbers, non-durations, bad stages, extra words, open quotes, other URLs', () => {
    const problem = (text: string): string => {
      const parsed = parseDiagnoseText(text);
      if (parsed.kind !== 'invalid') throw new Error(`${text} parsed as ${parsed.kind}`);
      return parsed.problem;
    };
    expect(problem('api prod 30')).toBe('`30` has no unit: write `30m` for minutes or `30h` for hours');
    expect(problem('api prod 30s')).toContain('shorter than a minute');
    expect(problem('api prod/v1')).toContain('is not a stage name');
    expect(problem('api prod 2h extra')).toMatch(/could not place `extra`.*stage `prod` and duration `2h`/);
    expect(problem('api prod staging')).toContain('could not place `staging`');
    expect(problem('"Orders API prod')).toContain('quote is not closed');
    expect(problem('https://example.com/prod')).toContain('is not an API Gateway URL');
    expect(problem('api --stage')).toContain('needs a value');
    expect(problem('api stage=prod stage=dev')).toBe('stage is given twice');
    expect(problem('stage=prod')).toContain('Which API?');
    expect(problem('"" prod')).toContain('empty name');
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const parsed = parseDiagnoseText(text);
        expect(['help', 'diagnose', 'invalid']).toContain(parsed.kind);
      }),
    );
  });
});

describe('usageText', () => {
  it('shows the command, examples and the window bounds', () => {
    const usage = usageText('/diagnose');
    expect(usage).toContain('`/diagnose <api name or id> [stage] [since]`');
    expect(usage).toContain('at most 6 h');
    expect(usageText('/apigw', 2 * 3_600_000)).toContain('`/apigw orders-api prod`');
  });
});
