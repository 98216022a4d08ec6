import { mkdtempSync, mkdirSync, writeFileSync, createWriteStream, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The bad inputs of the issue, through the real command: each gets a clear message and the contract's
 * exit code (0 diagnosis produced, 2 usage error or unreadable bundle), never a stack trace, and a
 * corrupt file never hides what the other files show.
 */
const run = promisify(execFile);
const bin = path.resolve('bin/apigw-doctor.js');
const work = mkdtempSync(path.join(tmpdir(), 'apigw-doctor-bad-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function doctor(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

function bundle(name: string, files: Record<string, string | Buffer>): string {
  const dir = path.join(work, name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

function expectNoStack(text: string): void {
  expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
}

describe('bad input through the CLI', () => {
  it('a missing folder: exit 2 with a clear message', async () => {
    const r = await doctor('diagnose', '--evidence', path.join(work, 'does-not-exist'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/does-not-exist/);
    expect(r.stdout).toBe('');
    expectNoStack(r.stderr);
  });

  it('an empty folder: exit 2, says a bundle needs a log file', async () => {
    const r = await doctor('diagnose', '--evidence', bundle('empty', {}));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/log/i);
    expectNoStack(r.stderr);
  });

  it('a bundle whose only log file is random bytes: exit 2, names the file', async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    const r = await doctor('diagnose', '--evidence', bundle('random', { 'logs/x/y.json': bytes }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/logs\/x\/y\.json/);
    expectNoStack(r.stderr);
  });

  it('a JSON file of an unknown shape beside a good bundle: a gap, and the rest still diagnosed', async () => {
    const dir = path.join(work, 'unknown-shape');
    cpSync(path.resolve('events/incidents/rest-lambda-timeout'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'logs', 'mystery.json'), JSON.stringify({ hello: [1, 2, 3], nested: { a: true } }));
    writeFileSync(path.join(dir, 'functions', 'broken.json'), '{"FunctionName": "x", "Timeout": ');
    const r = await doctor('diagnose', '--evidence', dir, '--format', 'json');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { rootCause: { id: string }; gaps: string[] };
    expect(d.rootCause.id).toBe('lambda-timeout');
    expect(d.gaps.some((g) => g.includes('logs/mystery.json'))).toBe(true);
    expect(d.gaps.some((g) => g.includes('functions/broken.json'))).toBe(true);
  });

  it('a 256 MB log file with no newline beside a good bundle: skipped with a message, the rest diagnosed', async () => {
    const dir = path.join(work, 'huge-line');
    cpSync(path.resolve('events/incidents/rest-lambda-timeout'), dir, { recursive: true });
    const file = path.join(dir, 'logs', 'huge.log');
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(file);
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      let written = 0;
      const write = () => {
        while (written < 256) {
          written++;
          if (!out.write(chunk)) return out.once('drain', write);
        }
        out.end(resolve);
      };
      out.on('error', reject);
      write();
    });
    const r = await doctor('diagnose', '--evidence', dir, '--format', 'json');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { rootCause: { id: string }; gaps: string[] };
    expect(d.rootCause.id).toBe('lambda-timeout');
    expect(d.gaps.some((g) => g.includes('logs/huge.log'))).toBe(true);
    rmSync(file);
  });

  it('a bundle where nothing fails: exit 0, insufficient-evidence saying no failing request was found', async () => {
    const lines = Array.from({ length: 50 }, (_, i) =>
      JSON.stringify({
        requestId: `0000${String(i).padStart(4, '0')}-1111-2222-3333-444455556666`,
        ip: '203.0.113.7',
        requestTime: '10/Mar/2026:14:00:00 +0000',
        httpMethod: 'GET',
        resourcePath: '/health',
        status: '200',
        protocol: 'HTTP/1.1',
        responseLength: '17',
      }),
    );
    const r = await doctor('diagnose', '--evidence', bundle('healthy', { 'logs/access.jsonl': lines.join('\n') }), '--format', 'json');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { rootCause: { id: string; summary: string }; findings: unknown[] };
    expect(d.rootCause.id).toBe('insufficient-evidence');
    expect(d.rootCause.summary).toMatch(/No failing request/);
    expect(d.findings).toEqual([]);
  });

  it('a usage error: exit 2 with a hint', async () => {
    const r = await doctor('diagnose', '--evidence', work, '--format', 'yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/format/);
  });
});
