/** The golden diagnoses of test/golden (real Diagnosis JSON of the bundles in events/incidents), for the Slack tests. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnosis } from '../../model/diagnosis.ts';

const GOLDEN_DIR = join(import.meta.dirname, '..', '..', '..', 'test', 'golden');

export function goldenNames(): string[] {
  return readdirSync(GOLDEN_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.replace(/\.json$/, ''))
    .sort();
}

export function goldenDiagnosis(name: string): Diagnosis {
  return JSON.parse(readFileSync(join(GOLDEN_DIR, `${name}.json`), 'utf8')) as Diagnosis;
}
