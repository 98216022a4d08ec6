import { join } from 'node:path';
import { BUILDERS } from './lambda/builders.ts';

/**
 * Writes the Lambda-side incident bundles to events/incidents/ (deterministic: seeded by bundle name).
 * Run: npx tsx scripts/incidents/lambda-incidents.ts [bundle-name ...]
 * Then check them: npx tsx scripts/incidents/check-lambda-incidents.ts
 */

const root = join(import.meta.dirname, '..', '..', 'events', 'incidents');
const wanted = process.argv.slice(2);
for (const [name, build] of Object.entries(BUILDERS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const bundle = build();
  bundle.write(root);
  console.log(`${name.padEnd(48)} ${(bundle.size() / 1024).toFixed(0).padStart(5)} KB  ${bundle.files.size} files`);
}
