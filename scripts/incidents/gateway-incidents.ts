/**
 * Writes the gateway-side and backend incident bundles (rest-* and http-*) under events/incidents/.
 * Deterministic: every bundle draws from its own seeded random stream, so a rerun rewrites identical files.
 * Run: npx tsx scripts/incidents/gateway-incidents.ts [bundle-name ...]
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILDERS } from './gateway/registry.ts';

const MAX_BYTES = 300 * 1024;

function main(): void {
  const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'events', 'incidents');
  const wanted = process.argv.slice(2);
  const names = wanted.length > 0 ? wanted : Object.keys(BUILDERS);
  for (const name of names) {
    const build = BUILDERS[name];
    if (!build) throw new Error(`unknown bundle ${name}; known: ${Object.keys(BUILDERS).join(', ')}`);
    const result = build().write(root);
    const flag = result.bytes > MAX_BYTES ? '  OVER 300 KB' : '';
    console.log(`${result.name.padEnd(48)} ${String(result.files).padStart(3)} files ${(result.bytes / 1024).toFixed(1).padStart(7)} KB${flag}`);
  }
}

main();
