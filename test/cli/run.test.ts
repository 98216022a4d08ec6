import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from '../../cli/run.ts';
import { UnreadableBundleError, UsageError } from '../../shared/errors.ts';
import type { Diagnosis } from '../../shared/model/diagnosis.ts';
import { renderJson } from '../../shared/render/renderJson.ts';
import { renderMarkdown } from '../../shared/render/renderMarkdown.ts';
import { renderText } from '../../shared/render/renderText.ts';
import { sampleDiagnosis } from '../../shared/render/sampleDiagnosis.ts';
import { fakeIo } from './fakeIo.ts';

const ESC = '\u001b';
const BUNDLE = 'events/incidents/rest-lambda-timeout';

async function expectUsageError(argv: string[], message: RegExp): Promise<string> {
  const io = fakeIo();
  expect(await run(argv, io)).toBe(2);
  expect(io.out()).toBe('');
  const [first, hint] = io.err().split('\n');
  expect(first).toMatch(/^apigw-doctor: /);
  expect(first).toMatch(message);
  expect(hint).toMatch(/^Run 'apigw-doctor (diagnose )?--help' for usage\.$|^Options go after the command/);
  expect(io.calls).toEqual([]);
  expect(io.liveCalls).toEqual([]);
  return io.err();
}

describe('apigw-doctor diagnose: a diagnosis is exit 0, whatever it says', () => {
  it('prints the text report by default and passes the bundle folder to the engine', async () => {
    const io = fakeIo();
    expect(await run(['diagnose', '--evidence', BUNDLE], io)).toBe(0);
    expect(io.calls).toEqual([{ dir: BUNDLE, options: {} }]);
    expect(io.out()).toBe(renderText(sampleDiagnosis(), { color: false }));
    expect(io.err()).toBe('');
  });

  it('--format json prints only the diagnosis JSON on stdout, colour or not', async () => {
    const io = fakeIo({ stdoutIsTTY: true, env: { FORCE_COLOR: '1' } });
    expect(await run(['diagnose', '-e', BUNDLE, '--format', 'json'], io)).toBe(0);
    expect(io.out()).toBe(renderJson(sampleDiagnosis()));
    expect(JSON.parse(io.out())).toEqual(sampleDiagnosis());
    expect(io.out()).not.toContain(ESC);
    expect(io.err()).toBe('');
  });

  it('--format markdown (or md) prints the Markdown report', async () => {
    for (const format of ['markdown', 'md', 'MARKDOWN']) {
      const io = fakeIo({ stdoutIsTTY: true });
      expect(await run(['diagnose', '--evidence', BUNDLE, `--format=${format}`], io)).toBe(0);
      expect(io.out()).toBe(renderMarkdown(sampleDiagnosis()));
    }
  });

  it('exits 0 for an insufficient-evidence diagnosis too', async () => {
    const d: Diagnosis = {
      ...sampleDiagnosis(),
      rootCause: { id: 'insufficient-evidence', title: 'Not enough evidence to decide', confidence: 0.1, summary: 'No logs in the window.' },
      findings: [],
    };
    const io = fakeIo({ result: d });
    expect(await run(['diagnose', '--evidence', BUNDLE, '--format', 'json'], io)).toBe(0);
    expect(JSON.parse(io.out()).rootCause.id).toBe('insufficient-evidence');
  });
});

describe('colour', () => {
  const colored = async (stdoutIsTTY: boolean, env: Record<string, string>, extra: string[] = []): Promise<boolean> => {
    const io = fakeIo({ stdoutIsTTY, env });
    expect(await run(['diagnose', '--evidence', BUNDLE, ...extra], io)).toBe(0);
    return io.out().includes(ESC);
  };

  it('is on for a terminal, off for a pipe', async () => {
    expect(await colored(true, {})).toBe(true);
    expect(await colored(false, {})).toBe(false);
  });

  it('is off with NO_COLOR or --no-color, forced by FORCE_COLOR, and --no-color beats FORCE_COLOR', async () => {
    expect(await colored(true, { NO_COLOR: '1' })).toBe(false);
    expect(await colored(true, {}, ['--no-color'])).toBe(false);
    expect(await colored(false, { FORCE_COLOR: '1' })).toBe(true);
    expect(await colored(true, { FORCE_COLOR: '0' })).toBe(false);
    expect(await colored(true, { FORCE_COLOR: '1' }, ['--no-color'])).toBe(false);
  });

  it('wraps the text report to the terminal width', async () => {
    const io = fakeIo({ stdoutIsTTY: true, stdoutColumns: 60, env: { NO_COLOR: '1' } });
    expect(await run(['diagnose', '--evidence', BUNDLE], io)).toBe(0);
    expect(io.out().split('\n').filter((line) => line.length > 60)).toEqual([]);
    expect(io.out()).toBe(renderText(sampleDiagnosis(), { color: false, width: 60 }));
  });
});

describe('window, scope and sample options reach the engine', () => {
  const optionsFor = async (...args: string[]) => {
    const io = fakeIo();
    expect(await run(['diagnose', '--evidence', BUNDLE, ...args], io)).toBe(0);
    return io.calls[0]?.options;
  };

  it('--since takes 30m, 2h, 1d and compounds', async () => {
    expect(await optionsFor('--since', '30m')).toEqual({ since: 30 * 60_000 });
    expect(await optionsFor('--since', '2h')).toEqual({ since: 2 * 3_600_000 });
    expect(await optionsFor('--since=1d')).toEqual({ since: 86_400_000 });
    expect(await optionsFor('--since', '1h30m')).toEqual({ since: 90 * 60_000 });
  });

  it('--from/--to take ISO times; a time without a zone is UTC', async () => {
    expect(await optionsFor('--from', '2026-11-24T10:00:00Z', '--to', '2026-11-24T10:15:00Z')).toEqual({
      from: Date.UTC(2026, 10, 24, 10, 0),
      to: Date.UTC(2026, 10, 24, 10, 15),
    });
    expect(await optionsFor('--from', '2026-11-24 10:00', '--to', '2026-11-24T11:15:00+01:00')).toEqual({
      from: Date.UTC(2026, 10, 24, 10, 0),
      to: Date.UTC(2026, 10, 24, 10, 15),
    });
  });

  it('--api, --stage and --sample-size', async () => {
    expect(await optionsFor('--api', 'a1b2c3d4e5', '--stage', 'prod', '--sample-size', '25')).toEqual({ apiId: 'a1b2c3d4e5', stage: 'prod', sampleSize: 25 });
  });
});

describe('usage errors: exit 2, a message and a hint on stderr, nothing on stdout, no diagnosis', () => {
  it('no arguments at all prints the usage on stderr', async () => {
    const io = fakeIo();
    expect(await run([], io)).toBe(2);
    expect(io.err()).toContain('Usage:');
    expect(io.out()).toBe('');
  });

  it('diagnose without --evidence, --api or --alarm says what it needs', async () => {
    const err = await expectUsageError(['diagnose'], /diagnose needs --evidence DIR/);
    expect(err).toContain('--alarm NAME');
    await expectUsageError(['diagnose', '--api', 'a1b2c3d4e5'], /--api a1b2c3d4e5 needs --stage STAGE/);
    await expectUsageError(['diagnose', '--evidence', ''], /--evidence needs a value/);
    await expectUsageError(['diagnose', '--alarm', ''], /--alarm needs a value/);
  });

  it('live-account options do not go with --evidence, and one target at a time', async () => {
    await expectUsageError(['diagnose', '--evidence', BUNDLE, '--region', 'eu-west-1'], /--region is for a live account, not for --evidence/);
    await expectUsageError(['diagnose', '--evidence', BUNDLE, '--profile', 'prod', '--alarm', 'orders-5xx'], /--profile, --alarm are for a live account/);
    await expectUsageError(['diagnose', '--api', 'a1b2c3d4e5', '--stage', 'prod', '--alarm', 'orders-5xx'], /either --api or --alarm, not both/);
  });

  it('bad live-account values', async () => {
    await expectUsageError(['diagnose', '--api', 'orders-api', '--stage', 'prod', '--region', 'Ireland'], /--region takes a region code such as us-east-1/);
    await expectUsageError(['diagnose', '--api', 'orders-api', '--stage', 'prod', '--budget', 'lots'], /--budget takes a size such as 1GB/);
    await expectUsageError(['diagnose', '--api', 'orders-api', '--stage', 'prod', '--since', '1h', '--to', '2026-11-24T10:00:00Z'], /either --since or --from\/--to/);
  });

  it('a value missing after an option, an unknown option, a stray argument', async () => {
    await expectUsageError(['diagnose', '--evidence'], /option '-e, --evidence <value>' argument missing/);
    await expectUsageError(['diagnose', '--evidence', '--format', 'json'], /argument is ambiguous/);
    await expectUsageError(['diagnose', '--evidence', BUNDLE, '--verbose'], /unknown option '--verbose'/);
    await expectUsageError(['diagnose', BUNDLE], /unexpected argument '.*' \(did you mean --evidence events\/incidents\/rest-lambda-timeout\?\)/);
    await expectUsageError(['diagnose', '--no-color=yes', '--evidence', BUNDLE], /does not take an argument/);
  });

  it('a bad --format', async () => {
    await expectUsageError(['diagnose', '--evidence', BUNDLE, '--format', 'yaml'], /--format must be text, json or markdown, not 'yaml'/);
  });

  it('bad windows', async () => {
    await expectUsageError(['diagnose', '--evidence', BUNDLE, '--since', '30'], /--since takes a duration such as 30m/);
    await expectUsageError(['diagnose', '--evidence', BUNDLE, '--since', '0m'], /--since takes a duration/);
    await expectUsageError(['diagnose', '--evidence', BUNDLE, '--since', '2 fortnights'], /--since takes a duration/);
    await expectUsageError(['diagnose', '--evidence', BUNDLE, '--since', '1h', '--from', '2026-11-24T10:00:00Z'], /either --since or --from\/--to/);
    await expectUsageError(['diagnose', '--evidence', BUNDLE, '--from', '2026-11-24T10:00:00Z'], /--from and --to go together/);
    await expectUsageError(['diagnose', '--evidence', BUNDLE, '--from', 'yesterday', '--to', '2026-11-24T10:00:00Z'], /--from takes an ISO 8601 time/);
    await expectUsageError(['diagnose', '--evidence', BUNDLE, '--from', '2026-11-24T10:00:00Z', '--to', '2026-11-31T10:00:00Z'], /--to takes an ISO 8601 time/);
    await expectUsageError(['diagnose', '--evidence', BUNDLE, '--from', '2026-11-24T10:15:00Z', '--to', '2026-11-24T10:00:00Z'], /must be before --to/);
  });

  it('a bad --sample-size', async () => {
    for (const value of ['0', '-3', '2.5', 'ten', '100000']) {
      await expectUsageError(['diagnose', '--evidence', BUNDLE, `--sample-size=${value}`], /--sample-size takes a whole number from 1 to 10000/);
    }
  });

  it('an unknown command, or diagnose options without the command', async () => {
    await expectUsageError(['diagnoze', '--evidence', BUNDLE], /unknown command 'diagnoze'/);
    const err = await expectUsageError(['--evidence', BUNDLE], /unknown option '--evidence'/);
    expect(err).toContain('Options go after the command: apigw-doctor diagnose --evidence DIR');
    await expectUsageError(['--bogus'], /unknown option '--bogus'/);
    await expectUsageError(['help', 'deploy'], /no help for 'deploy'/);
  });
});

describe('help and version: exit 0 on stdout', () => {
  it.each([[['--help']], [['-h']], [['help']]])('%j prints the top-level help', async (argv) => {
    const io = fakeIo();
    expect(await run(argv, io)).toBe(0);
    expect(io.out()).toContain('apigw-doctor diagnose --evidence DIR [options]');
    expect(io.out()).toContain('Exit status: 0 a diagnosis was produced');
    expect(io.err()).toBe('');
  });

  it.each([[['diagnose', '--help']], [['diagnose', '-h']], [['help', 'diagnose']], [['--help', 'diagnose']], [['diagnose', '--evidence', 'x', '--help']]])(
    '%j prints the help of diagnose',
    async (argv) => {
      const io = fakeIo();
      expect(await run(argv, io)).toBe(0);
      for (const option of ['--evidence DIR', '--format FORMAT', '--from TIME', '--to TIME', '--since DURATION', '--api ID', '--stage STAGE', '--sample-size N', '--no-color']) {
        expect(io.out()).toContain(option);
      }
      expect(io.calls).toEqual([]);
    },
  );

  it('--version prints the version in package.json', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const io = fakeIo();
    expect(await run(['--version'], io)).toBe(0);
    expect(io.out()).toBe(`${pkg.version}\n`);
  });
});

describe('engine errors', () => {
  const failing = (error: unknown) => fakeIo({ result: () => Promise.reject(error) });

  it('an unreadable bundle is exit 2 with one line on stderr', async () => {
    const io = failing(new UnreadableBundleError('no log file under events/incidents/empty/logs'));
    expect(await run(['diagnose', '--evidence', 'events/incidents/empty'], io)).toBe(2);
    expect(io.err()).toBe('apigw-doctor: unreadable bundle: no log file under events/incidents/empty/logs\n');
    expect(io.out()).toBe('');
  });

  it('a missing folder (ENOENT from the file system) is an unreadable bundle too', async () => {
    const error = Object.assign(new Error("ENOENT: no such file or directory, scandir 'nope'"), { code: 'ENOENT' });
    const io = failing(error);
    expect(await run(['diagnose', '--evidence', 'nope'], io)).toBe(2);
    expect(io.err()).toBe("apigw-doctor: unreadable bundle: ENOENT: no such file or directory, scandir 'nope'\n");
  });

  it('a UsageError from the engine is exit 2 with a hint', async () => {
    const io = failing(new UsageError('--api x9y8z7 is not in the bundle (it holds a1b2c3d4e5)'));
    expect(await run(['diagnose', '--evidence', BUNDLE, '--api', 'x9y8z7'], io)).toBe(2);
    expect(io.err()).toBe("apigw-doctor: --api x9y8z7 is not in the bundle (it holds a1b2c3d4e5)\nRun 'apigw-doctor diagnose --help' for usage.\n");
  });

  it('any other error is an internal error, exit 1, without the stack unless APIGW_DOCTOR_DEBUG=1', async () => {
    const quiet = failing(new TypeError("Cannot read properties of undefined (reading 'events')"));
    expect(await run(['diagnose', '--evidence', BUNDLE], quiet)).toBe(1);
    expect(quiet.err()).toBe("apigw-doctor: internal error: Cannot read properties of undefined (reading 'events')\n(set APIGW_DOCTOR_DEBUG=1 for the stack trace)\n");
    expect(quiet.out()).toBe('');

    const debug = fakeIo({ env: { APIGW_DOCTOR_DEBUG: '1' }, result: () => Promise.reject(new Error('boom')) });
    expect(await run(['diagnose', '--evidence', BUNDLE], debug)).toBe(1);
    expect(debug.err()).toMatch(/^apigw-doctor: internal error: boom\nError: boom\n\s+at /);
  });

  it('a thrown non-Error is an internal error too', async () => {
    const io = failing('a string');
    expect(await run(['diagnose', '--evidence', BUNDLE], io)).toBe(1);
    expect(io.err()).toContain('apigw-doctor: internal error: a string');
  });

  it('an engine that throws synchronously is caught the same way', async () => {
    const io = fakeIo({
      diagnoseBundle: () => {
        throw new Error('sync');
      },
    });
    expect(await run(['diagnose', '--evidence', BUNDLE], io)).toBe(1);
    expect(io.err()).toContain('internal error: sync');
  });
});

describe('live account: diagnose --api/--alarm and collect', () => {
  it('diagnose --api --stage goes live with every option parsed, and prints the same report', async () => {
    const io = fakeIo();
    const argv = ['diagnose', '--api', 'orders-api', '--stage', 'prod', '--since', '30m', '--region', 'eu-west-1', '--profile', 'oncall', '--sample-size', '30', '--budget', '500MB', '--format', 'json'];
    expect(await run(argv, io)).toBe(0);
    expect(io.liveCalls).toEqual([
      { request: { target: { kind: 'api', api: 'orders-api', stage: 'prod' }, since: 30 * 60_000, region: 'eu-west-1', profile: 'oncall', sampleSize: 30, budgetBytes: 500 * 1024 ** 2 } },
    ]);
    expect(io.calls).toEqual([]);
    expect(io.out()).toBe(renderJson(sampleDiagnosis()));
    expect(io.err()).toBe('');
  });

  it('diagnose --alarm takes the API, stage and window from the alarm; --stage may name a stage the alarm does not', async () => {
    const io = fakeIo();
    expect(await run(['diagnose', '--alarm', 'orders-api-prod-5xx'], io)).toBe(0);
    expect(await run(['diagnose', '--alarm', 'webhooks-5xx', '--stage', '$default', '--from', '2026-11-24T10:00:00Z', '--to', '2026-11-24T10:15:00Z'], io)).toBe(0);
    expect(io.liveCalls.map((c) => c.request)).toEqual([
      { target: { kind: 'alarm', alarmName: 'orders-api-prod-5xx' } },
      { target: { kind: 'alarm', alarmName: 'webhooks-5xx', stage: '$default' }, from: Date.UTC(2026, 10, 24, 10, 0), to: Date.UTC(2026, 10, 24, 10, 15) },
    ]);
  });

  it('shows progress on a terminal (step, queries, elapsed) and clears it before the report; nothing on a pipe', async () => {
    const progressing = (stderrIsTTY: boolean) =>
      fakeIo({
        stderrIsTTY,
        stderrColumns: 200,
        diagnoseLive: async (_request, onProgress) => {
          onProgress({ step: 'failing requests: one Logs Insights query', queriesRunning: 1, queriesStarted: 1, elapsedMs: 3_200 });
          onProgress({ step: 'correlation: execution lines, Lambda lines and traces of the sample', queriesRunning: 2, queriesStarted: 3, elapsedMs: 65_000 });
          return sampleDiagnosis();
        },
      });
    const tty = progressing(true);
    expect(await run(['diagnose', '--api', 'orders-api', '--stage', 'prod'], tty)).toBe(0);
    expect(tty.err()).toContain('failing requests: one Logs Insights query — 1 query running, 1 Logs Insights query so far — 3 s');
    expect(tty.err()).toContain('2 queries running, 3 Logs Insights queries so far — 1 min 05 s');
    expect(tty.err().endsWith('\r\u001b[K')).toBe(true);
    expect(tty.out()).toBe(renderText(sampleDiagnosis(), { color: false }));

    const pipe = progressing(false);
    expect(await run(['diagnose', '--api', 'orders-api', '--stage', 'prod'], pipe)).toBe(0);
    expect(pipe.err()).toBe('');
  });

  it('an API, stage or alarm that is not there is exit 2 with the message, not a stack', async () => {
    const { ApiNotFoundError } = await import('../../shared/live/apiScopeErrors.ts');
    const { AlarmScopeError } = await import('../../shared/live/alarmScope.ts');
    const notFound = fakeIo({ diagnoseLive: () => Promise.reject(new ApiNotFoundError('No REST or HTTP API with id or name "ordres-api" in eu-west-1. Did you mean a1b2c3d4e5 "orders-api" (REST)?', 'ordres-api')) });
    expect(await run(['diagnose', '--api', 'ordres-api', '--stage', 'prod'], notFound)).toBe(2);
    expect(notFound.err()).toBe(
      'apigw-doctor: No REST or HTTP API with id or name "ordres-api" in eu-west-1. Did you mean a1b2c3d4e5 "orders-api" (REST)?\n' + "Run 'apigw-doctor diagnose --help' for usage.\n",
    );
    const noAlarm = fakeIo({ diagnoseLive: () => Promise.reject(new AlarmScopeError('No CloudWatch alarm named "orders-5xx" in eu-west-1.')) });
    expect(await run(['diagnose', '--alarm', 'orders-5xx'], noAlarm)).toBe(2);
    expect(noAlarm.err()).toMatch(/^apigw-doctor: No CloudWatch alarm named "orders-5xx"/);
  });

  it('collect writes the bundle and says how to replay it', async () => {
    const io = fakeIo();
    expect(await run(['collect', '--api', 'orders-api', '--stage', 'prod', '--since', '1h', '--out', '/tmp/incident-42'], io)).toBe(0);
    expect(io.liveCalls).toEqual([{ request: { target: { kind: 'api', api: 'orders-api', stage: 'prod' }, since: 3_600_000 }, out: '/tmp/incident-42' }]);
    expect(io.out()).toContain('Wrote 3 files to /tmp/incident-42');
    expect(io.out()).toContain('apigw-doctor diagnose --evidence /tmp/incident-42');

    const warned = fakeIo({
      collectLive: async (_request, out) => ({ diagnosis: sampleDiagnosis(), dir: out, files: ['README.md'], replayCommand: 'x', warnings: ['No log could be read from the account'] }),
    });
    expect(await run(['collect', '--alarm', 'orders-5xx', '-o', 'out'], warned)).toBe(0);
    expect(warned.err()).toBe('apigw-doctor: warning: No log could be read from the account\n');
  });

  it('collect needs --out and a target, and has its own help', async () => {
    const noOut = fakeIo();
    expect(await run(['collect', '--api', 'orders-api', '--stage', 'prod'], noOut)).toBe(2);
    expect(noOut.err()).toBe("apigw-doctor: collect needs --out DIR, the (new or empty) folder to write the incident bundle to\nRun 'apigw-doctor collect --help' for usage.\n");
    const noTarget = fakeIo();
    expect(await run(['collect', '--out', 'x'], noTarget)).toBe(2);
    expect(noTarget.err()).toMatch(/collect needs --api ID\|NAME with --stage STAGE, or --alarm NAME/);
    for (const argv of [['collect', '--help'], ['help', 'collect']]) {
      const help = fakeIo();
      expect(await run(argv, help)).toBe(0);
      expect(help.out()).toContain('--out DIR');
      expect(help.out()).toContain('--budget SIZE');
    }
  });

  it('the help of diagnose documents the live options', async () => {
    const io = fakeIo();
    expect(await run(['diagnose', '--help'], io)).toBe(0);
    for (const option of ['--api ID|NAME', '--alarm NAME', '--region REGION', '--profile NAME', '--budget SIZE', '--sample-size N']) expect(io.out()).toContain(option);
  });
});
