/** Where headless Chromium is: $CHROMIUM when it names an executable, else the first of the usual names on PATH. */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] as const;

export function findChromium(env: Record<string, string | undefined> = process.env): string | undefined {
  const explicit = env['CHROMIUM']?.trim();
  if (explicit) return isExecutable(explicit) ? explicit : undefined;
  for (const dir of (env['PATH'] ?? '').split(delimiter).filter((d) => d !== '')) {
    for (const name of CHROMIUM_NAMES) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
