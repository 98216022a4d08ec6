/** A CliIo that records what the CLI prints and what it asks of the engine. */
import type { CliIo } from '../../cli/run.ts';
import type { DiagnoseOptions } from '../../shared/diagnoseOptions.ts';
import type { Diagnosis } from '../../shared/model/diagnosis.ts';
import { sampleDiagnosis } from '../../shared/render/sampleDiagnosis.ts';

export interface RecordingIo extends CliIo {
  out: () => string;
  err: () => string;
  calls: { dir: string; options: DiagnoseOptions }[];
}

export function fakeIo(overrides: Partial<CliIo> & { result?: Diagnosis | (() => Promise<Diagnosis>) } = {}): RecordingIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const calls: { dir: string; options: DiagnoseOptions }[] = [];
  const { result, ...rest } = overrides;
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
    ...rest,
    out: () => stdout.join(''),
    err: () => stderr.join(''),
    calls,
  };
}
