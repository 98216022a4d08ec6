/**
 * Runs one benchmark child in a process of its own, so that its peak RSS is its own: under
 * GNU time (`/usr/bin/time -v`, "Maximum resident set size") where it is installed, else the
 * child's own process.resourceUsage().maxRSS.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ChildResult, parseResult } from './childResult.ts';

const GNU_TIME = '/usr/bin/time';

export interface Measured {
  result: ChildResult;
  /** Wall time of the whole child process (start-up and module loading included), ms. */
  processMs: number;
  /** Peak RSS, KiB, and who measured it. */
  peakRssKb: number;
  rssSource: '/usr/bin/time -v' | 'process.resourceUsage';
}

/** Runs `node --import tsx <child> ...args` (extra node flags first, e.g. --cpu-prof). */
export async function runMeasured(childModule: string, args: readonly string[], nodeFlags: readonly string[] = []): Promise<Measured> {
  const script = fileURLToPath(new URL(childModule, import.meta.url));
  const nodeArgs = [...nodeFlags, '--import', 'tsx', script, ...args];
  const useTime = existsSync(GNU_TIME);
  const command = useTime ? GNU_TIME : process.execPath;
  const commandArgs = useTime ? ['-v', process.execPath, ...nodeArgs] : nodeArgs;
  const started = performance.now();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
  });
  const processMs = performance.now() - started;
  const result = parseResult(stdout);
  if (code !== 0 || result === undefined) {
    throw new Error(`${childModule} failed (exit ${code}):\n${stderr.slice(-4000)}`);
  }
  const timed = useTime ? /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(stderr)?.[1] : undefined;
  return timed !== undefined
    ? { result, processMs, peakRssKb: Number(timed), rssSource: '/usr/bin/time -v' }
    : { result, processMs, peakRssKb: result.maxRssKb, rssSource: 'process.resourceUsage' };
}
