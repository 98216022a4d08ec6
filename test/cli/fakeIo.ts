/** A CliIo that records what the CLI prints and what it asks of the engine. */
import type { CliIo } from '../../cli/run.ts';
import type { DiagnoseOptions } from '../../shared/diagnoseOptions.ts';
import type { Diagnosis } from '../../shared/model/diagnosis.ts';
import type { LiveRequest } from '../../cli/parseDiagnoseArgs.ts';
import { sampleDiagnosis } from '../../shared/render/sampleDiagnosis.ts';

export interface RecordingIo extends CliIo {
  out: () => string;
  err: () => string;
  calls: { dir: string; options: DiagnoseOptions }[];
  /** Live diagnoses and collections asked for (out is set for collect). */
  liveCalls: { request: LiveRequest; out?: string }[];
}

export function fakeIo(overrides: Partial<CliIo> & { result?: Diagnosis | (() => Promise<Diagnosis>) } = {}): RecordingIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const calls: { dir: string; options: DiagnoseOptions }[] = [];
  const liveCalls: { request: LiveRequest; out?: string }[] = [];
  const { result, ...rest } = overrides;
  const diagnosis = async (): Promise<Diagnosis> => (typeof result === 'function' ? result() : (result ?? sampleDiagnosis()));
  return {
    stdout: (s) => void stdout.push(s),
    stderr: (s) => void stderr.push(s),
    stdoutIsTTY: false,
    env: {},
    diagnoseBundle: async (dir, options) => {
      calls.push({ dir, options });
      if (typeof result === 'function') return result();
      return result ?? sampleDiagnosis();
    },
    diagnoseLive: async (request) => {
      liveCalls.push({ request });
      return diagnosis();
    },
    collectLive: async (request, out) => {
      liveCalls.push({ request, out });
      return { diagnosis: await diagnosis(), dir: out, files: ['README.md', 'api/stage.json', 'logs/aws/apigateway/orders-api-prod-access.json'], replayCommand: `apigw-doctor diagnose --evidence ${out}`, warnings: [] };
    },
    progressTickMs: 0,
    ...rest,
    out: () => stdout.join(''),
    err: () => stderr.join(''),
    calls,
    liveCalls,
  };
}
