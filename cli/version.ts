import { readFileSync } from 'node:fs';

/** The version in the package's own package.json; "unknown" when it cannot be read. */
export function readVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') return pkg.version;
  } catch {
    // Fall through: --version must not crash the tool.
  }
  return 'unknown';
}
