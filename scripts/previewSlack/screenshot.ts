/**
 * A PNG of an HTML file with headless Chromium (Debian's `chromium` package):
 * `chromium --headless --disable-gpu --no-sandbox --screenshot=OUT --window-size=900,H file://…`, with a window taller
 * than the page, then the blank bottom cut off (cropPng.ts). Never throws: a failure is a message.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cropPngBottom } from './cropPng.ts';

export interface ScreenshotRequest {
  chromium: string;
  htmlFile: string;
  pngFile: string;
  width?: number;
  /** A window at least as tall as the page; the blank rest is cut. */
  height: number;
  timeoutMs?: number;
}

export type ScreenshotResult = { ok: true; bytes: number; width: number; height: number; reachedBottom: boolean } | { ok: false; problem: string };

export async function screenshot(request: ScreenshotRequest): Promise<ScreenshotResult> {
  const width = request.width ?? 900;
  const height = Math.max(200, Math.min(16_000, Math.ceil(request.height)));
  // A profile of its own: two runs at once (tests) must not share Chromium's profile lock.
  const profile = await mkdtemp(join(tmpdir(), 'apigw-doctor-chromium-'));
  try {
    const args = [
      '--headless',
      '--disable-gpu',
      '--no-sandbox',
      '--hide-scrollbars',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--force-device-scale-factor=1',
      `--user-data-dir=${profile}`,
      `--screenshot=${request.pngFile}`,
      `--window-size=${width},${height}`,
      pathToFileURL(request.htmlFile).href,
    ];
    const run = await runProcess(request.chromium, args, request.timeoutMs ?? 90_000);
    let png: Buffer;
    try {
      png = await readFile(request.pngFile);
    } catch {
      return { ok: false, problem: `${request.chromium} wrote no screenshot (exit ${run.code ?? run.signal ?? '?'}): ${lastLines(run.output)}` };
    }
    const cropped = cropPngBottom(png);
    if (!cropped) return { ok: true, bytes: png.length, width, height, reachedBottom: false };
    await writeFile(request.pngFile, cropped.png);
    return { ok: true, bytes: cropped.png.length, width: cropped.width, height: cropped.height, reachedBottom: cropped.reachedBottom };
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

interface ProcessResult {
  code: number | null;
  signal: string | null;
  output: string;
}

function runProcess(command: string, args: string[], timeoutMs: number): Promise<ProcessResult> {
  return new Promise((resolve) => {
    let output = '';
    // Its own process group, so a timeout ends Chromium's helpers too (the Debian binary is a wrapper script).
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-4_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, output: `${output}\n${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ') || 'no output';
}
