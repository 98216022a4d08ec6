import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from './findChromium.ts';

const dir = mkdtempSync(join(tmpdir(), 'find-chromium-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fake(name: string, executable: boolean): string {
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
}

describe('findChromium', () => {
  it('takes $CHROMIUM when it is an executable, and nothing else then', () => {
    const custom = fake('my-chrome', true);
    expect(findChromium({ CHROMIUM: custom, PATH: '' })).toBe(custom);
    expect(findChromium({ CHROMIUM: join(dir, 'missing'), PATH: dir })).toBeUndefined();
  });

  it('looks for the usual names on PATH, executables only', () => {
    const empty = mkdtempSync(join(dir, 'empty-'));
    fake('chromium', false);
    expect(findChromium({ PATH: `${empty}:${dir}` })).toBeUndefined();
    const browser = fake('chromium-browser', true);
    expect(findChromium({ PATH: `${empty}:${dir}` })).toBe(browser);
  });
});
