/** The real entry, run as a process: bin/apigw-doctor.js → tsx → cli/main.ts. Only paths that do not load the engine. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/apigw-doctor.js', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('bin/apigw-doctor.js', () => {
  it('is an executable node script', () => {
    expect(readFileSync(new URL('../../bin/apigw-doctor.js', import.meta.url), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('--help exits 0 with the usage on stdout', () => {
    const result = cli('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('apigw-doctor diagnose --evidence DIR [options]');
    expect(result.stderr).toBe('');
  });

  it('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const result = cli('--version');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${pkg.version}\n`);
  });

  it('a usage error exits 2 with the message on stderr', () => {
    const result = cli('diagnose', '--format', 'json');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^apigw-doctor: diagnose needs --evidence DIR/);
  });
});
