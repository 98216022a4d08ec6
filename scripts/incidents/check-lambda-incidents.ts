import { join } from 'node:path';
import { LAMBDA_BUNDLES } from './lambda/bundleNames.ts';
import { checkBundle } from './lambda/check/checkBundle.ts';

/**
 * Validates the Lambda-side bundles (JSON parses, ids cross-reference, times, expected counts).
 * Run: npx tsx scripts/incidents/check-lambda-incidents.ts   (exit 1 when a bundle has a problem)
 */
const root = join(import.meta.dirname, '..', '..', 'events', 'incidents');
let failed = 0;
for (const name of LAMBDA_BUNDLES) {
  const result = checkBundle(root, name);
  const f = result.facts;
  const status = result.problems.length === 0 ? 'ok ' : 'BAD';
  console.log(`${status} ${name.padEnd(48)} ${String(f.sizeKb).padStart(4)} KB  access ${String(f.accessRecords).padStart(4)} (5xx ${String(f.failing).padStart(3)}, other ${String(f.healthy).padStart(4)})  lambda runs ${f.lambdaStarts}`);
  for (const p of result.problems.slice(0, 12)) console.log(`    - ${p}`);
  if (result.problems.length > 12) console.log(`    … ${result.problems.length - 12} more`);
  if (result.problems.length > 0) failed++;
}
console.log(`${LAMBDA_BUNDLES.length - failed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
